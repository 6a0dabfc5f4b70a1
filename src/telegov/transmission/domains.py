"""Registrable domains from the Public Suffix List shipped with the `publicsuffixlist` package (never fetched)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit


@lru_cache(maxsize=1)
def _suffix_list():
    from publicsuffixlist import PublicSuffixList

    # The private section counts too: two blogs on one hosting suffix belong to different people.
    return PublicSuffixList()


def host_of(url: str) -> str:
    """The lower-case host of a URL, without port or trailing dot; '' when there is none."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The site a host belongs to: `www.example.co.jp` -> `example.co.jp`.

    IP addresses, single-label hosts and bare public suffixes have no registrable part, so they
    stand for themselves.
    """
    host = host.rstrip(".").lower()
    if not host or _is_ip(host) or "." not in host:
        return host
    return _suffix_list().privatesuffix(host) or host


def same_site(host: str, site_domain: str) -> bool:
    return registrable_domain(host) == site_domain


def is_third_party(url: str, site_domain: str) -> bool:
    host = host_of(url)
    return bool(host) and registrable_domain(host) != site_domain
