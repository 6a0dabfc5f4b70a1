"""The app's API endpoints under the shared tenancy and permission checks, and what they add."""

import pytest

from telegov.transmission import services
from telegov.transmission.models import Scan, ScanJob, Site
from tests.api.conftest import tenants  # noqa: F401  (the shared two-tenant fixture)
from tests.api.mixins import TenantScopedEndpointTests

REPORT = {"site": "https://a.example/", "scanned_at": "2026-11-26T01:00:00+00:00", "pages": [{"url": "https://a.example/"}],
          "recipients": [{"domain": "google-analytics.com", "hosts": ["www.google-analytics.com"],
                          "information": ["page_url"], "implicit": ["ip_address", "user_agent"], "pages": []}]}


@pytest.fixture
def sites(tenants, settings, tmp_path):  # noqa: F811  (the imported fixture)
    settings.DATA_DIR = tmp_path
    from telegov.core.models import Membership

    for org, name, service in (("org_a", "A光サイト", "svc_a"), ("org_b", "B光サイト", "svc_b")):
        admin = Membership.objects.filter(organisation=tenants[org], role="admin").first().user
        site = services.create_site(admin, tenants[org], name=name, slug=f"{org.replace('_', '-')}-site",
                                    start_urls=["https://a.example/"], service=tenants[service])
        services.record_scan(ScanJob.objects.create(site=site), REPORT)
        tenants[f"site_{org[-1]}"] = site
    return tenants


class _Endpoint(TenantScopedEndpointTests):
    @pytest.fixture(autouse=True)
    def _sites(self, sites):
        return sites


class TestSiteEndpoints(_Endpoint):
    list_url = "/api/transmission/sites"
    detail_url = "/api/transmission/sites/{pk}"
    parent_field = "organisation"

    def own_object(self, t):
        return t["site_a"]

    def foreign_object(self, t):
        return t["site_b"]

    def create_payload(self, t, foreign):
        return {"organisation": (t["org_b"] if foreign else t["org_a"]).slug, "name": "新サイト", "slug": "new",
                "start_urls": ["https://new.example/"], "scan_interval_days": 7}

    def update_payload(self, t):
        return {"max_pages": 5}

    def test_a_service_of_another_organisation_is_refused(self, sites):
        payload = {**self.create_payload(sites, foreign=False), "service": sites["svc_b"].pk}
        assert self.send(sites["alice"], "post", self.list_url, payload).status_code == 404
        assert not Site.objects.filter(slug="new").exists()

    def test_bad_start_pages_are_422_naming_the_field(self, sites):
        payload = {**self.create_payload(sites, foreign=False), "start_urls": ["www.example.jp"]}
        response = self.send(sites["alice"], "post", self.list_url, payload)
        assert response.status_code == 422 and "start_urls" in response.json()["detail"]

    def test_jobs_and_notices_follow_the_site_rules(self, sites):
        own, foreign = sites["site_a"].pk, sites["site_b"].pk
        alice, vera = sites["alice"], sites["vera"]
        assert alice.post(f"/api/transmission/sites/{foreign}/jobs").status_code == 404
        assert vera.post(f"/api/transmission/sites/{own}/jobs").status_code == 403
        assert alice.post(f"/api/transmission/sites/{own}/jobs").status_code == 201
        assert alice.post(f"/api/transmission/sites/{own}/jobs").status_code == 422  # one at a time
        assert vera.post(f"/api/transmission/sites/{own}/notices").status_code == 403
        assert alice.post(f"/api/transmission/sites/{foreign}/notices").status_code == 404
        published = alice.post(f"/api/transmission/sites/{own}/notices")
        assert published.status_code == 201
        assert published.json()["url"] == "/public/a-tsushin/transmission/org-a-site/v1/"
        assert vera.get(f"/api/transmission/sites/{own}/notices").json()[0]["number"] == 1


class TestScanEndpoints(_Endpoint):
    list_url = "/api/transmission/scans"
    detail_url = "/api/transmission/scans/{pk}"
    writable = False

    def own_object(self, t):
        return Scan.objects.get(site=t["site_a"])

    def foreign_object(self, t):
        return Scan.objects.get(site=t["site_b"])

    def test_the_detail_has_the_diff_against_the_scan_before(self, sites):
        site = sites["site_a"]
        later = {**REPORT, "scanned_at": "2026-11-27T01:00:00+00:00",
                 "recipients": [*REPORT["recipients"], {"domain": "tiktok.com", "hosts": ["analytics.tiktok.com"],
                                                        "information": [], "implicit": [], "pages": []}]}
        scan = services.record_scan(ScanJob.objects.create(site=site), later)
        body = sites["vera"].get(f"/api/transmission/scans/{scan.pk}").json()
        assert [item["name"] for item in body["diff"]["added"]] == ["TikTok Pte. Ltd."]
        assert body["changes_ja"] == ["このリリースでTikTok Pte. Ltd.が送信先に追加されました。"]


class TestOverrideEndpoints(_Endpoint):
    list_url = "/api/transmission/overrides"
    writable = False

    ENTRY = {"id": "b_only", "domains": ["b-only.example"], "organization": {"ja": "B光解析", "en": "B Analytics"},
             "country": "JP", "category": "analytics", "purposes": {"ja": ["分析"], "en": ["Analysis"]},
             "source": "https://b-only.example/"}

    def test_overrides_are_per_organisation(self, sites):
        assert self.send(sites["bob"], "post", self.list_url, {"organisation": "b-tsushin", "entry": self.ENTRY}
                         ).status_code == 201
        assert "B光解析" not in sites["alice"].get(self.list_url).content.decode()
        assert self.send(sites["alice"], "post", self.list_url, {"organisation": "b-tsushin", "entry": self.ENTRY}
                         ).status_code == 404
        assert self.send(sites["vera"], "post", self.list_url, {"organisation": "a-tsushin", "entry": self.ENTRY}
                         ).status_code == 403
        broken = self.send(sites["alice"], "post", self.list_url,
                           {"organisation": "a-tsushin", "entry": {**self.ENTRY, "country": "Japan"}})
        assert broken.status_code == 422 and "country" in broken.json()["detail"]
        pk = sites["bob"].get(self.list_url).json()[0]["id"]
        assert sites["alice"].delete(f"{self.list_url}/{pk}").status_code == 404
        assert sites["bob"].delete(f"{self.list_url}/{pk}").status_code == 204
