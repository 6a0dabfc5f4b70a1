"""What information a transmission carries, inferred from its query string, body and headers.

Codes, in report order:
page_url, referrer, cookie_id, user_agent, screen, language, hashed_identifier, interaction.
`ip_address` and `user_agent` travel implicitly with every request to a third party.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

INFORMATION_CODES = (
    "page_url", "referrer", "cookie_id", "user_agent", "screen", "language", "hashed_identifier", "interaction",
)
IMPLICIT_THIRD_PARTY = ("ip_address", "user_agent")
ALL_CODES = (*INFORMATION_CODES, "ip_address")

PAGE_KEYS = {
    "dl", "url", "page_url", "pageurl", "page", "location", "href", "u", "current_url", "landing_url", "sourceurl",
}
PAGE_PATH_KEYS = {"dp", "path", "page_path", "pagepath", "pathname"}
REFERRER_KEYS = {"dr", "ref", "referrer", "referer", "rf", "ref_url", "referrer_url", "rurl", "document_referrer"}
ID_KEYS = {
    "cid", "uid", "client_id", "clientid", "user_id", "userid", "visitor_id", "visitorid", "vid", "fbp", "_fbp",
    "fbc", "_fbc", "anonymous_id", "anonymousid", "device_id", "deviceid", "uuid", "guid", "_ga", "sid",
    "session_id", "sessionid", "external_id", "distinct_id", "ajs_anonymous_id", "_gid", "puid", "muid",
}
UA_KEYS = {"ua", "user_agent", "useragent", "navigator_useragent"}
SCREEN_KEYS = {
    "sr", "vp", "sd", "screen", "screen_resolution", "screenresolution", "resolution", "viewport", "screen_width",
    "screen_height", "screenwidth", "screenheight", "sw", "sh", "res", "bw", "bh", "colordepth", "color_depth",
}
LANGUAGE_KEYS = {"ul", "lang", "language", "locale", "hl", "lng", "accept_language", "browser_language"}
HASH_KEYS = {"em", "email", "ph", "phone", "hashed_email", "hem", "external_id", "sha256", "md5", "sha1", "eh", "ud"}

HEX_64 = re.compile(r"^[0-9a-f]{64}$", re.IGNORECASE)
HEX_32_40 = re.compile(r"^(?:[0-9a-f]{32}|[0-9a-f]{40})$", re.IGNORECASE)
SCREEN_VALUE = re.compile(r"^\d{3,5}\s*[x×*]\s*\d{3,5}$")
LANGUAGE_VALUE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*(?:,.*)?$", re.IGNORECASE)
ID_VALUE = re.compile(r"^[\w.\-:]{6,}$")
EVENT_TOKENS = (
    "mousemove", "mousedown", "mouseup", "mouseover", "click", "scroll", "keydown", "keyup", "keypress",
    "touchstart", "touchmove", "pointermove", "pointerdown", "wheel",
)
EVENT_TOKEN = re.compile(r"\b(" + "|".join(EVENT_TOKENS) + r")\b", re.IGNORECASE)
COORDINATE = re.compile(r'"x"\s*:\s*-?\d+(?:\.\d+)?\s*,\s*"y"\s*:\s*-?\d+')
MAX_BODY = 512 * 1024
MIN_ID_LENGTH = 8


@dataclass
class PageFacts:
    """What the browser knows about the visit that a transmission may repeat."""

    page_url: str
    referrer: str = ""
    user_agent: str = ""
    language: str = ""
    identifiers: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._page = _normal_url(self.page_url)
        self._referrer = _normal_url(self.referrer) if self.referrer else ""
        self._path = urlsplit(self.page_url).path or "/"
        self._ids = {value for value in self.identifiers if _identifier_like(value)}


def _identifier_like(value: str) -> bool:
    # Counters and timestamps repeat by chance; an identifier is long, has digits and is not only digits.
    return (
        MIN_ID_LENGTH <= len(value) <= 256 and bool(ID_VALUE.match(value))
        and not value.isdigit() and any(char.isdigit() for char in value)
    )


def _normal_url(url: str) -> str:
    url = url.split("#", 1)[0]
    return url[:-1] if url.endswith("/") else url


def _segments(key: str) -> list[str]:
    # Nested keys such as `ev[0].screen` or `context.page.url` are judged by their last parts.
    return [part for part in re.split(r"[.\[\]]", key.lower()) if part] or [key.lower()]


def decode_body(body: bytes | None) -> str:
    """The body as text, inflated when it is gzip/zlib-compressed; '' for binary data that is neither."""
    if not body:
        return ""
    body = body[:MAX_BODY]
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)[:MAX_BODY]
        except (OSError, EOFError):
            return ""
    elif body[:1] == b"\x78":
        with contextlib.suppress(zlib.error):
            body = zlib.decompress(body)[:MAX_BODY]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("latin-1") if _mostly_printable(body) else ""


def _mostly_printable(data: bytes) -> bool:
    sample = data[:2048]
    printable = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in sample)
    return printable >= 0.9 * len(sample)


def _flatten_json(value: object, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > 12:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten_json(item, f"{prefix}.{key}" if prefix else str(key), depth + 1)
    elif isinstance(value, list):
        for item in value[:500]:
            yield from _flatten_json(item, prefix, depth + 1)
    elif value is not None and not isinstance(value, bool):
        text = str(value)
        yield prefix, text
        if isinstance(value, str) and text[:1] in "{[":
            nested = _try_json(text)
            if nested is not None:
                yield from _flatten_json(nested, prefix, depth + 1)


def _try_json(text: str) -> object | None:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _maybe_base64_json(text: str) -> object | None:
    compact = text.strip()
    if len(compact) < 16 or not re.fullmatch(r"[A-Za-z0-9+/=_-]+", compact):
        return None
    try:
        decoded = base64.urlsafe_b64decode(compact + "=" * (-len(compact) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return _try_json(decoded) if decoded[:1] in "{[" else None


def parameters(url: str, body_text: str) -> list[tuple[str, str]]:
    """Key/value pairs of the query string and of a form, JSON, line-batched or base64-JSON body."""
    pairs = parse_qsl(urlsplit(url).query, keep_blank_values=False)
    text = body_text.strip()
    if not text:
        return pairs
    document = _try_json(text) if text[:1] in "{[" else None
    if document is None:
        document = _maybe_base64_json(text)
    if document is not None:
        pairs.extend(_flatten_json(document))
        return pairs
    for line in text.splitlines()[:200]:
        line = line.strip()
        if "=" in line and " " not in line:
            pairs.extend(parse_qsl(line, keep_blank_values=False))
            continue
        lined = _try_json(line) if line[:1] in "{[" else None
        if lined is not None:
            pairs.extend(_flatten_json(lined))
    return pairs


def _looks_like_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//"))


def codes_for_pairs(pairs: Iterable[tuple[str, str]], facts: PageFacts) -> set[str]:
    found: set[str] = set()
    for raw_key, raw_value in pairs:
        segments = _segments(raw_key)
        key, parent = segments[-1], (segments[-2] if len(segments) > 1 else "")
        value = raw_value.strip()
        if not value:
            continue
        if value.count("%") >= 2:
            value = unquote(value)
        normal = _normal_url(value) if _looks_like_url(value) else ""
        if (normal and normal == facts._page) or (key in PAGE_KEYS and _looks_like_url(value)):
            found.add("page_url")
        if key in PAGE_PATH_KEYS and value == facts._path:
            found.add("page_url")
        if facts._referrer and normal == facts._referrer and normal != facts._page:
            found.add("referrer")
        if key in REFERRER_KEYS and _looks_like_url(value):
            found.add("referrer")
        if (key in ID_KEYS and ID_VALUE.match(value)) or _matches_identifier(value, facts._ids):
            found.add("cookie_id")
        if key in UA_KEYS or value.startswith("Mozilla/5.0") or (facts.user_agent and value == facts.user_agent):
            found.add("user_agent")
        if ((key in SCREEN_KEYS or parent in SCREEN_KEYS) and re.match(r"^\d", value)) or SCREEN_VALUE.match(value):
            found.add("screen")
        if (key in LANGUAGE_KEYS and LANGUAGE_VALUE.match(value)) or (
            facts.language and len(value) >= 5 and value.lower() == facts.language.lower()
        ):
            found.add("language")
        if HEX_64.match(value) or (key in HASH_KEYS and HEX_32_40.match(value)):
            found.add("hashed_identifier")
    return found


def _matches_identifier(value: str, identifiers: set[str]) -> bool:
    if len(value) < MIN_ID_LENGTH:
        return False
    if value in identifiers:
        return True
    # IDs are often sent as a part of a stored value (GA's `cid` inside the `_ga` cookie) or wrapped in more text.
    return any(value in stored or stored in value for stored in identifiers)


def looks_like_interaction(body_text: str) -> bool:
    """A stream of user-input events: what session-recording and heat-map tools send."""
    if len(body_text) < 40:
        return False
    if '"positions"' in body_text and '"timeOffset"' in body_text:
        return True
    kinds = {match.lower() for match in EVENT_TOKEN.findall(body_text[:MAX_BODY])}
    if len(kinds) >= 2 and len(EVENT_TOKEN.findall(body_text[:MAX_BODY])) >= 3:
        return True
    return len(COORDINATE.findall(body_text[:MAX_BODY])) >= 5


def infer_information(
    url: str, body: bytes | str | None, facts: PageFacts, headers: dict[str, str] | None = None
) -> set[str]:
    """The information codes one transmission carries (not counting what every request carries implicitly)."""
    text = body if isinstance(body, str) else decode_body(body)
    found = codes_for_pairs(parameters(url, text), facts)
    if text:
        if looks_like_interaction(text):
            found.add("interaction")
        if facts._ids and _matches_identifier_in_text(text, facts._ids):
            found.add("cookie_id")
    if headers:
        referer = headers.get("referer", "")
        # Only a Referer with a path says which page was read; the default policy sends third parties the origin.
        if referer and urlsplit(referer).path not in ("", "/") and _normal_url(referer) == facts._page:
            found.add("page_url")
        if headers.get("cookie"):
            found.add("cookie_id")
    return found


def _matches_identifier_in_text(text: str, identifiers: set[str]) -> bool:
    sample = text[:MAX_BODY]
    return any(identifier in sample for identifier in identifiers)


def ordered(codes: Iterable[str]) -> list[str]:
    present = set(codes)
    return [code for code in ALL_CODES if code in present]
