"""What a published notice declares: read exactly from a notice telegov wrote (its YAML, or its HTML with the
data attributes), or found heuristically in anyone else's HTML by the catalog's legal names and domains."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from telegov.transmission.catalog import Catalog
from telegov.transmission.domains import registrable_domain
from telegov.transmission.labels import information_labels
from telegov.transmission.notice import NoticeInputError, declared_recipients, read_notice_yaml
from telegov.transmission.notice_render import NOTICE_MARKER

MAX_NOTICE_BYTES = 5 * 1024 * 1024
DOMAIN_IN_TEXT = re.compile(r"\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b", re.IGNORECASE)


@dataclass
class DeclaredRecipient:
    key: str
    vendor: str | None = None
    organization: str | None = None
    domains: list[str] = field(default_factory=list)
    information: list[str] | None = None  # None: the notice says nothing per recipient
    inferred: bool = False  # a bare domain found in someone else's text, not a named recipient


@dataclass
class Declaration:
    source: str
    kind: str  # telegov-yaml | telegov-html | html-heuristic
    recipients: list[DeclaredRecipient]
    # For notices telegov did not write: the information codes the text mentions anywhere.
    mentioned_information: set[str] | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.sections: list[dict[str, str]] = []
        self.marked = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if NOTICE_MARKER in values:
            self.marked = True
        if tag == "section" and "data-key" in values:
            self.sections.append(values)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def fetch(source: str) -> tuple[str, str]:
    """The notice's text and its name for messages; a URL is fetched, anything else is a file."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "telegov notice audit"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - http(s) only, checked above
                body = response.read(MAX_NOTICE_BYTES + 1)
                charset = response.headers.get_content_charset() or "utf-8"
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise NoticeInputError(f"--declared {source}: cannot be fetched: {getattr(exc, 'reason', exc)}") from None
        if len(body) > MAX_NOTICE_BYTES:
            raise NoticeInputError(f"--declared {source}: larger than {MAX_NOTICE_BYTES // 1024 // 1024} MB")
        return body.decode(charset, errors="replace"), source
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8"), path.name
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise NoticeInputError(f"--declared {source}: cannot be read: {reason}") from None


def load_declaration(source: str, catalog: Catalog) -> Declaration:
    text, name = fetch(source)
    stripped = text.lstrip()
    if not stripped.startswith("<"):
        notice = read_notice_yaml(text, name)
        return Declaration(source, "telegov-yaml", [
            DeclaredRecipient(item["key"], item["vendor"], item["organization"], item["domains"], item["information"])
            for item in declared_recipients(notice)
        ])
    reader = _Reader()
    reader.feed(text)
    reader.close()
    if reader.marked:
        return Declaration(source, "telegov-html", [
            DeclaredRecipient(values["data-key"], values.get("data-vendor") or None, None,
                              values.get("data-domains", "").split(), values.get("data-information", "").split())
            for values in reader.sections
        ])
    return _heuristic(source, " ".join(reader.text), reader.links, catalog)


def _heuristic(source: str, text: str, links: list[str], catalog: Catalog) -> Declaration:
    """Recipients named in a notice telegov did not write: a vendor counts when the text or a link names one of its
    domains or its legal name (Japanese or English); other domains in the text count as declared domains."""
    text = re.sub(r"\s+", " ", text)
    folded = text.casefold()
    blob = folded + " " + " ".join(link.casefold() for link in links)
    recipients: list[DeclaredRecipient] = []
    named_domains: set[str] = set()
    for vendor in catalog.vendors:
        names = {vendor.organization.ja.casefold(), vendor.organization.en.casefold()}
        by_domain = [domain for domain in vendor.domains if _mentions(blob, domain)]
        by_name = any(len(name) >= 3 and name in folded for name in names)
        if by_domain or by_name:
            recipients.append(DeclaredRecipient(f"vendor:{vendor.id}", vendor.id, vendor.organization.ja,
                                                list(vendor.domains)))
            named_domains.update(vendor.domains)
    for match in DOMAIN_IN_TEXT.finditer(blob):
        domain = registrable_domain(match.group(1).lower())
        if "." in domain and domain not in named_domains:
            named_domains.add(domain)
            recipients.append(DeclaredRecipient(f"domain:{domain}", None, None, [domain], inferred=True))
    mentioned = {
        code for code, label in information_labels().items()
        if any(word.casefold() in folded for word in (label.ja, *label.keywords_ja, *label.keywords_en))
    }
    return Declaration(source, "html-heuristic", recipients, mentioned)


def _mentions(blob: str, domain: str) -> bool:
    return re.search(r"(?<![a-z0-9-])" + re.escape(domain) + r"(?![a-z0-9-])", blob) is not None
