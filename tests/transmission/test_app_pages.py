"""The app's pages: Japanese first, 404 across organisations, 403 for read-only roles, the history with what
each release changed, and the published notice served from its files without the database."""

import pytest
from django.test import Client
from django.urls import reverse

from telegov.core import services as actions
from telegov.transmission import services
from telegov.transmission.models import ScanJob, Site, VendorOverride
from tests.transmission.app_helpers import record

REPORT = {"site": "http://www.shop.test/", "scanned_at": "2026-11-26T01:00:00+00:00",
          "pages": [{"url": "http://www.shop.test/", "status": 200, "error": None}],
          "recipients": [{"domain": "google-analytics.com", "hosts": ["www.google-analytics.com"],
                          "information": ["page_url", "cookie_id"], "implicit": ["ip_address", "user_agent"],
                          "pages": ["http://www.shop.test/"]}]}
RELEASED = {**REPORT, "scanned_at": "2026-11-27T01:00:00+00:00",
            "recipients": [*REPORT["recipients"], {"domain": "tiktok.com", "hosts": ["analytics.tiktok.com"],
                                                   "information": ["page_url"], "implicit": [], "pages": []}]}


@pytest.fixture
def clients(shop_org):
    outsider = actions.create_user("yoso", "pw-yoso-123")
    actions.create_organisation(outsider, "よそ", "yoso")
    made = {}
    for name, user in (("admin", shop_org["admin"]), ("viewer", shop_org["viewer"]), ("outsider", outsider)):
        made[name] = Client()
        made[name].force_login(user)
    return made


def urls(shop_org, scan_pk=0):
    slug, pk = "kakuu-shop", shop_org["site"].pk
    return [reverse("transmission:overview", args=[slug]), reverse("transmission:catalog", args=[slug]),
            reverse("transmission:site", args=[slug, pk]), reverse("transmission:site_edit", args=[slug, pk]),
            reverse("transmission:scan", args=[slug, pk, scan_pk])]


def test_other_organisations_get_404_and_read_only_roles_403(shop_org, clients):
    scan = record(shop_org["site"], REPORT)
    pages = urls(shop_org, scan.pk)
    for url in pages:
        assert clients["outsider"].get(url).status_code == 404, url
        assert clients["outsider"].post(url, {"action": "scan"}).status_code == 404, url
    for url in pages[:3]:
        assert clients["viewer"].get(url).status_code == 200, url
        assert clients["viewer"].post(url, {"action": "scan", "name": "x"}).status_code == 403, url
    assert clients["viewer"].get(pages[3]).status_code == 403  # the edit form is for writers
    assert not ScanJob.objects.filter(site=shop_org["site"]).exclude(scan=scan).exists()


def test_the_overview_is_japanese_first_and_adds_a_site(shop_org, clients):
    page = clients["admin"].get(reverse("transmission:overview", args=["kakuu-shop"])).content.decode()
    assert "<h1>外部送信</h1>" in page and "ショップ" in page
    response = clients["admin"].post(reverse("transmission:overview", args=["kakuu-shop"]), {
        "name": "アプリ", "slug": "app", "start_urls": "https://app.shop.test/\nhttps://app.shop.test/help",
        "operator_domains": "", "max_pages": 5, "scan_interval_days": 7})
    site = Site.objects.get(slug="app")
    assert response.status_code == 302 and site.start_urls == ["https://app.shop.test/", "https://app.shop.test/help"]
    assert site.next_scan_at is not None
    refused = clients["admin"].post(reverse("transmission:overview", args=["kakuu-shop"]), {
        "name": "壊れた", "slug": "broken", "start_urls": "app.shop.test", "max_pages": 5})
    assert refused.status_code == 200 and "https://app.shop.test" in refused.content.decode()
    assert not Site.objects.filter(slug="broken").exists()


def test_the_history_says_what_the_release_changed(shop_org, clients):
    record(shop_org["site"], REPORT)
    services.publish_notice(shop_org["admin"], shop_org["site"])
    later = record(shop_org["site"], RELEASED)
    site_page = clients["viewer"].get(reverse("transmission:site", args=["kakuu-shop", shop_org["site"].pk]))
    assert "このリリースでTikTok Pte. Ltd.が送信先に追加されました。" in site_page.content.decode()
    scan_page = clients["viewer"].get(reverse("transmission:scan", args=["kakuu-shop", shop_org["site"].pk, later.pk]))
    text = scan_page.content.decode()
    assert "TikTok Pte. Ltd." in text and "閲覧したページのURL" in text
    audit = text[text.index('id="audit"'):text.index('id="recipients"')]
    assert "公表した通知（第1版）との照合" in audit
    assert "通知にない送信先" in audit and "TikTok Pte. Ltd. (tiktok.com)" in audit


def test_scan_publish_and_the_public_notice_without_the_database(
        shop_org, clients, django_assert_num_queries, django_capture_on_commit_callbacks):
    site_url = reverse("transmission:site", args=["kakuu-shop", shop_org["site"].pk])
    assert clients["admin"].post(site_url, {"action": "scan"}).status_code == 302
    assert ScanJob.objects.filter(site=shop_org["site"], state="queued").count() == 1
    record(shop_org["site"], REPORT)
    with django_capture_on_commit_callbacks(execute=True):
        clients["admin"].post(site_url, {"action": "publish"})
    public = Client()
    with django_assert_num_queries(0):
        latest = public.get("/public/kakuu-shop/transmission/shop/")
        versioned = public.get("/public/kakuu-shop/transmission/shop/v1/notice.yaml")
    assert latest.status_code == 200 and latest["Content-Type"].startswith("text/html")
    body = b"".join(latest.streaming_content).decode()
    assert "外部送信について" in body and "Google LLC" in body
    assert b"format: telegov-transmission-notice" in b"".join(versioned.streaming_content)
    again = public.get("/public/kakuu-shop/transmission/shop/", HTTP_IF_NONE_MATCH=latest["ETag"])
    assert again.status_code == 304
    for missing in ("/public/kakuu-shop/transmission/shop/v9/", "/public/kakuu-shop/transmission/shop/../../x",
                    "/public/kakuu-shop/transmission/shop/secret.txt", "/public/yoso/transmission/shop/"):
        assert public.get(missing).status_code == 404, missing


def test_catalog_overrides_are_added_and_deleted_by_writers(shop_org, clients):
    url = reverse("transmission:catalog", args=["kakuu-shop"])
    entry = ("id: live_stream\ndomains: [live.example]\n"
             "organization: {ja: ライブ配信試験株式会社, en: Live Test K.K.}\n"
             "country: JP\ncategory: video\npurposes: {ja: [動画の配信], en: [Streaming video]}\n"
             "source: https://live.example/\n")
    assert clients["viewer"].post(url, {"entry": entry}).status_code == 403
    assert clients["admin"].post(url, {"entry": entry}).status_code == 302
    row = VendorOverride.objects.get(vendor_id="live_stream")
    assert services.catalog_of(shop_org["organisation"]).lookup("ws.live.example").id == "live_stream"
    broken = clients["admin"].post(url, {"entry": entry.replace("country: JP", "country: Japan")})
    assert broken.status_code == 200 and "country" in broken.content.decode()
    assert clients["outsider"].post(url, {"action": "delete", "pk": row.pk}).status_code == 404
    assert clients["admin"].post(url, {"action": "delete", "pk": row.pk}).status_code == 302
    assert not VendorOverride.objects.filter(pk=row.pk).exists()
