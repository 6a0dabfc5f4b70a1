"""A real Chromium scans the fixture shop: what is sent, to whom, carrying what, and when."""

import json

import pytest

from telegov.transmission.report import build_report, to_html
from telegov.transmission.scanner import ScanOptions, scan
from tests.transmission import sites
from tests.transmission.fixture_server import FixtureServer

pytestmark = pytest.mark.e2e

SHOP = sites.SHOP
HOME, ABOUT, CONTACT, HIDDEN = f"{SHOP}/", f"{SHOP}/about", f"{SHOP}/contact", f"{SHOP}/campaign/hidden"


@pytest.fixture(scope="module")
def shop_server():
    with FixtureServer(sites.shop, sites.TLS_NAMES) as server:
        yield server


@pytest.fixture(scope="module")
def shop_scan(shop_server, fixture_catalog):
    options = ScanOptions(host_rules=shop_server.host_rules, ignore_https_errors=True, max_pages=10, concurrency=3)
    result = scan([HOME], options)
    return result, build_report(result, fixture_catalog)


@pytest.fixture(scope="module")
def recipients(shop_scan):
    return {item["domain"]: item for item in shop_scan[1]["recipients"]}


def test_crawls_linked_pages_and_the_page_only_the_sitemap_lists(shop_scan):
    report = shop_scan[1]
    pages = {page["url"]: page for page in report["pages"]}
    assert set(pages) == {HOME, ABOUT, CONTACT, HIDDEN}  # the fragment of /contact#form is dropped
    assert all(page["status"] == 200 and page["error"] is None for page in pages.values())
    assert pages[HOME]["consent"]["button"] == "すべて許可"  # not "必要なCookieのみ許可"
    assert "consent" not in pages[ABOUT]  # no banner there


def test_one_recipient_per_third_party_registrable_domain(recipients, shop_scan):
    assert set(recipients) == {
        "google-analytics.com", "facebook.net", "facebook.com", "heatmap.example", "chat.example",
        "live.example", "plain.example", "subpage.example", "worker.example",
    }
    first_party = shop_scan[1]["first_party"]
    assert first_party["domain"] == "shop.test"
    assert first_party["hosts"] == ["cdn.shop.test", "www.shop.test"]  # a subdomain of the site is first party


EXPECTED = {
    # domain: (organization, information, triggers, pages)
    "google-analytics.com": ("Google LLC", ["page_url", "referrer", "cookie_id", "screen", "language"], ["load"],
                             {HOME, ABOUT, CONTACT}),
    "facebook.net": ("Meta Platforms, Inc.", [], ["consent"], {HOME}),
    "facebook.com": ("Meta Platforms, Inc.", ["page_url", "cookie_id", "hashed_identifier"], ["consent"], {HOME}),
    "heatmap.example": ("株式会社ヒートマップ試験", ["interaction"], ["scroll"], {HOME}),
    "chat.example": ("チャット試験合同会社", ["cookie_id", "language"], ["load"], {HOME}),
    "live.example": (None, ["user_agent"], ["load"], {HOME}),
    "plain.example": (None, [], ["load"], {HOME}),
    "subpage.example": (None, ["page_url"], ["load"], {HIDDEN}),
    "worker.example": (None, ["hashed_identifier"], ["load"], {ABOUT}),
}


@pytest.mark.parametrize("domain", sorted(EXPECTED))
def test_recipient_organisation_information_triggers_and_pages(recipients, domain):
    organization, information, triggers, pages = EXPECTED[domain]
    recipient = recipients[domain]
    assert recipient["organization"] == organization
    assert recipient["information"] == information
    assert recipient["triggers"] == triggers
    assert set(recipient["pages"]) == pages
    assert recipient["implicit"] == ["ip_address", "user_agent"]
    assert recipient["requests"] >= 1


def test_catalog_facts_travel_with_the_recipient(recipients):
    analytics = recipients["google-analytics.com"]
    assert analytics["country"] == "US"
    assert analytics["category"] == "analytics"
    assert analytics["purposes"] == ["サイトの利用状況の分析"]
    assert analytics["opt_out"] == "https://tools.google.com/dlpage/gaoptout"
    assert analytics["hosts"] == ["www.google-analytics.com"]
    assert recipients["live.example"]["category"] is None
    assert recipients["live.example"]["exemption"] is None


def test_kinds_of_transmission_are_all_seen(recipients):
    kinds = {sample["type"] for item in recipients.values() for sample in item["evidence"]}
    assert {"ping", "image", "fetch", "script", "document", "websocket", "websocket_frame"} <= kinds
    analytics_beacon = [s for s in recipients["google-analytics.com"]["evidence"] if s["type"] == "ping"]
    assert analytics_beacon and analytics_beacon[0]["method"] == "POST"


def test_only_cookies_the_browser_kept_are_reported(recipients, shop_scan, shop_server):
    chat_cookies = {cookie["name"]: cookie for cookie in recipients["chat.example"]["cookies"]}
    assert set(chat_cookies) == {"chat_uid"}  # set by the iframe as a third party
    assert chat_cookies["chat_uid"]["sameSite"] == "None" and chat_cookies["chat_uid"]["secure"] is True
    assert [cookie["name"] for cookie in recipients["facebook.com"]["cookies"]] == ["fr"]
    # The pixel answered with SameSite=None but no Secure over http: the browser refused it.
    assert any(hit.host == "ads.plain.example" for hit in shop_server.hits)
    assert recipients["plain.example"]["cookies"] == []
    assert "refused_id" not in json.dumps(shop_scan[1])
    first_party_cookies = {cookie["name"] for cookie in shop_scan[1]["first_party"]["cookies"]}
    assert first_party_cookies == {"_ga", "_fbp"}  # written by third-party scripts, stored for the site


def test_storage_is_read_per_origin_inside_iframes_too(recipients, shop_scan):
    chat_storage = {(item["area"], item["key"]): item["value"] for item in recipients["chat.example"]["storage"]}
    assert chat_storage == {("localStorage", "chat_state"): "open", ("sessionStorage", "chat_session"): "cs_5512abcd99"}
    site_storage = {item["key"] for item in shop_scan[1]["first_party"]["storage"]}
    assert site_storage == {"hm_sid"}


def test_the_browser_really_sent_what_the_report_says(shop_server):
    frames = [hit.body for hit in shop_server.hits if hit.method == "WS"]
    assert frames and json.loads(frames[0])["type"] == "hello"
    presence = [hit for hit in shop_server.hits if hit.path == "/api/presence"]
    assert presence and "chat_uid=cu_7f3a9b2c41" in presence[0].cookie


def test_html_report_is_japanese_and_escaped(shop_scan):
    report = json.loads(json.dumps(shop_scan[1]))
    report["recipients"][0]["hosts"].append("<script>alert(1)</script>")
    document = to_html(report)
    assert "外部送信の調査結果" in document
    assert "株式会社ヒートマップ試験" in document
    assert "同意ボタンのクリック後" in document and "スクロール時" in document
    assert "（日本時間）" in document
    assert "<script>alert(1)</script>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
