import gzip
import hashlib
import json
import zlib

import pytest

from telegov.transmission.inference import PageFacts, decode_body, infer_information, looks_like_interaction, ordered

PAGE = "https://www.shop.example.jp/items/42?color=red"
FACTS = PageFacts(
    page_url=PAGE, referrer="https://www.shop.example.jp/", language="ja-JP",
    user_agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36",
    identifiers={"GA1.1.1234567890.1700000000", "vis_9f8e7d6c5b", "1700000000000", "true", "short1"},
)
SHA256 = hashlib.sha256(b"taro@example.jp").hexdigest()
MD5 = hashlib.md5(b"taro@example.jp").hexdigest()  # noqa: S324 - what trackers send


def codes(url: str, body: bytes | str | None = None, headers: dict[str, str] | None = None) -> list[str]:
    return ordered(infer_information(url, body, FACTS, headers))


def test_analytics_hit_in_the_query_string():
    url = ("https://www.google-analytics.com/g/collect?v=2&tid=G-X&cid=1234567890.1700000000"
           "&dl=https%3A%2F%2Fwww.shop.example.jp%2Fitems%2F42%3Fcolor%3Dred&dr=https%3A%2F%2Fwww.shop.example.jp%2F"
           "&sr=1920x1080&ul=ja-jp")
    assert codes(url) == ["page_url", "referrer", "cookie_id", "screen", "language"]


def test_nothing_is_claimed_for_a_plain_script_request():
    assert codes("https://cdn.example.net/lib.js?v=3.2.1") == []
    assert codes("https://cdn.example.net/p.gif", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary") == []


def test_json_body_with_nested_keys():
    body = json.dumps({"context": {"page": {"url": PAGE}, "locale": "ja-JP", "screen": {"width": 390}},
                       "anonymousId": "vis_9f8e7d6c5b", "traits": {"email_sha256": SHA256}})
    assert codes("https://api.segment.example/v1/t", body) == [
        "page_url", "cookie_id", "screen", "language", "hashed_identifier",
    ]


def test_form_body_and_line_batched_body():
    assert codes("https://t.example/c", b"ua=Mozilla%2F5.0+%28X11%29&lang=ja") == ["user_agent", "language"]
    batch = f"en=page_view&dl={PAGE}\nen=scroll&sr=390x844"
    assert codes("https://t.example/c", batch) == ["page_url", "screen"]


def test_compressed_and_base64_json_bodies_are_opened():
    body = json.dumps({"url": PAGE, "events": [{"type": "mousemove", "x": 1, "y": 2}, {"type": "click"},
                                              {"type": "scroll"}]}).encode()
    assert codes("https://rec.example/b", gzip.compress(body)) == ["page_url", "interaction"]
    assert codes("https://rec.example/b", zlib.compress(body)) == ["page_url", "interaction"]
    import base64

    assert codes("https://t.example/i?d=1", base64.b64encode(json.dumps({"cid": "vis_9f8e7d6c5b"}).encode())) == [
        "cookie_id"
    ]
    assert decode_body(b"\x1f\x8bnot gzip") == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("em=" + SHA256, ["hashed_identifier"]),  # SHA-256 anywhere
        ("x=" + SHA256.upper(), ["hashed_identifier"]),
        ("em=" + MD5, ["hashed_identifier"]),  # shorter digests only under e-mail/ID keys
        ("rnd=" + MD5, []),  # a random 32-hex token is not taken for a hash of a person
        ("uid=abc", []),  # too short to identify anyone
        ("uid=u_12345678", ["cookie_id"]),  # a known ID parameter
        ("x=xx_vis_9f8e7d6c5b_yy", ["cookie_id"]),  # a stored value inside another value
        ("t=1700000000000", []),  # stored counters and timestamps repeat by chance
        ("flag=true", []),
        ("hl=ja", ["language"]),
        ("q=ja-JP", ["language"]),  # the browser's own language as a value
        ("vp=1280", ["screen"]),
        ("res=abc", []),
        ("r=https%3A%2F%2Fwww.shop.example.jp%2F", ["referrer"]),  # the referrer's value under any key
        ("ref=https%3A%2F%2Fsearch.example%2F", ["referrer"]),
        ("dp=%2Fitems%2F42", ["page_url"]),
        ("dp=%2Fother", []),
    ],
)
def test_single_parameters(query, expected):
    assert codes(f"https://t.example/p?{query}") == expected


def test_headers_reveal_a_full_referer_and_cookies():
    assert codes("https://t.example/p.gif", headers={"referer": PAGE}) == ["page_url"]
    # The default referrer policy gives third parties the origin only: that says which site, not which page.
    assert codes("https://t.example/p.gif", headers={"referer": "https://www.shop.example.jp/"}) == []
    assert codes("https://t.example/p.gif", headers={"cookie": "id=1"}) == ["cookie_id"]


def test_session_recording_streams():
    rrweb = json.dumps([{"type": 3, "data": {"source": 1, "positions": [{"x": 1, "y": 2, "id": 3, "timeOffset": 0}]}}])
    assert looks_like_interaction(rrweb)
    assert looks_like_interaction("mousemove 10 20;mousemove 11 22;keydown 65")
    assert looks_like_interaction(json.dumps([{"x": i, "y": i * 2} for i in range(6)]))
    assert not looks_like_interaction(json.dumps({"event": "click", "label": "buy-button", "value": 1000}))
    assert not looks_like_interaction("short")


def test_websocket_text_frames_are_read_like_bodies():
    frame = json.dumps({"type": "hello", "ua": FACTS.user_agent, "href": PAGE})
    assert codes("wss://live.example/socket", frame) == ["page_url", "user_agent"]
