"""Which pages a scan visits: URL checks, same-site links, and the sitemaps a site announces."""

from __future__ import annotations

import asyncio
import contextlib
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from telegov.transmission.domains import host_of, registrable_domain

SKIPPED_EXTENSIONS = re.compile(
    r"\.(?:pdf|zip|gz|tgz|bz2|xz|7z|rar|exe|dmg|msi|iso|img|bin|apk|jpg|jpeg|png|gif|webp|svg|ico|mp3|mp4|m4a|"
    r"mov|avi|webm|wav|ogg|css|js|json|xml|txt|csv|xlsx?|docx?|pptx?)$",
    re.IGNORECASE,
)


class ScanInputError(ValueError):
    """A URL or option that cannot be scanned; the message says why."""


def normalise_url(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def validate_url(url: str) -> str:
    """The URL to scan, or a ScanInputError saying what is wrong with it."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as exc:
        raise ScanInputError(f"{url!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        hint = f" (did you mean https://{url.strip()}?)" if not parts.scheme and "." in url and " " not in url else ""
        raise ScanInputError(f"{url!r} is not an http(s) URL{hint}")
    if not parts.hostname or " " in parts.netloc:
        raise ScanInputError(f"{url!r} has no host name")
    return normalise_url(url.strip())


def same_site_page(link: str, site_domain: str) -> str | None:
    """The link as a page worth visiting on the same site, or None."""
    if not link.startswith(("http://", "https://")):
        return None
    host = host_of(link)
    if not host or registrable_domain(host) != site_domain:
        return None
    if SKIPPED_EXTENSIONS.search(urlsplit(link).path):
        return None
    return normalise_url(link)


async def discover_sitemap(session, start_url: str, site_domain: str, limit: float = 10.0) -> list[str]:
    """Page URLs listed in the sitemaps named by robots.txt, or in /sitemap.xml when it names none."""
    parts = urlsplit(start_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    found: list[str] = []
    try:
        context = await asyncio.wait_for(session.new_context(), 15)
    except Exception:  # the crawl goes on from links alone
        return found
    try:
        page = await context.new_page()

        async def fetch(url: str) -> str:
            try:
                response = await page.goto(url, wait_until="commit", timeout=limit * 1000)
                if response is None or response.status >= 400:
                    return ""
                return (await response.body())[:5_000_000].decode("utf-8", "replace")
            except Exception:  # no readable sitemap simply means no extra pages
                return ""

        async def walk() -> None:
            robots = await fetch(f"{origin}/robots.txt")
            sitemaps = re.findall(r"(?im)^\s*sitemap\s*:\s*(\S+)", robots) or [f"{origin}/sitemap.xml"]
            queue = [urljoin(origin, sitemap) for sitemap in sitemaps][:10]
            seen: set[str] = set()
            while queue and len(seen) < 10:
                sitemap = queue.pop(0)
                if sitemap in seen or not sitemap.startswith(("http://", "https://")):
                    continue
                seen.add(sitemap)
                text = await fetch(sitemap)
                for loc in re.findall(r"<loc>\s*(.*?)\s*</loc>", text, re.IGNORECASE | re.DOTALL):
                    loc = loc.replace("&amp;", "&")
                    if "<sitemapindex" in text:
                        queue.append(loc)
                    elif (page_url := same_site_page(loc, site_domain)) is not None:
                        found.append(page_url)

        await asyncio.wait_for(walk(), limit)
    except Exception:  # noqa: S110 - the crawl goes on from links alone
        pass
    finally:
        await close_quietly(context)
    return found


async def close_quietly(context) -> None:
    # A context that will not close dies with the browser.
    with contextlib.suppress(Exception):
        await asyncio.wait_for(context.close(), 10)
