"""The register's API endpoints under the shared tenancy and permission checks."""

import pytest

from telegov.userinfo.demo import load_register
from telegov.userinfo.models import Contractor, InformationItem, System
from tests.api.conftest import tenants  # noqa: F401  (the shared two-tenant fixture)
from tests.api.mixins import TenantScopedEndpointTests


@pytest.fixture
def registers(tenants, settings, tmp_path):  # noqa: F811  (the imported fixture)
    from telegov.core.models import Membership

    settings.DATA_DIR = tmp_path

    for org in ("org_a", "org_b"):
        admin = Membership.objects.filter(organisation=tenants[org], role="admin").first().user
        load_register(tenants[org], admin)
    return tenants


class _RegisterEndpoint(TenantScopedEndpointTests):
    model = None

    def own_object(self, t):
        return self.model.objects.filter(organisation=t["org_a"]).order_by("key").first()

    def foreign_object(self, t):
        return self.model.objects.filter(organisation=t["org_b"]).order_by("key").first()

    @pytest.fixture(autouse=True)
    def _registers(self, registers):
        return registers


class TestItemEndpoints(_RegisterEndpoint):
    list_url = "/api/userinfo/items"
    detail_url = "/api/userinfo/items/{pk}"
    parent_field = "organisation"
    model = InformationItem

    def create_payload(self, t, foreign):
        return {"organisation": (t["org_b"] if foreign else t["org_a"]).slug, "key": "sim-serial",
                "name": "SIMシリアル", "information_class": "obtained", "data_categories": ["user.device.device_id"],
                "purposes": ["essential.service"]}

    def update_payload(self, t):
        return {"specified": True}


class TestContractorEndpoints(_RegisterEndpoint):
    list_url = "/api/userinfo/contractors"
    detail_url = "/api/userinfo/contractors/{pk}"
    parent_field = "organisation"
    model = Contractor

    def own_object(self, t):
        return Contractor.objects.get(organisation=t["org_a"], key="jp-billing-agent")

    def foreign_object(self, t):
        return Contractor.objects.get(organisation=t["org_b"], key="jp-billing-agent")

    def create_payload(self, t, foreign):
        return {"organisation": (t["org_b"] if foreign else t["org_a"]).slug, "key": "in-dev",
                "name": "Example Bengaluru Pvt Ltd", "country": "IN", "items": ["subscriber"]}

    def update_payload(self, t):
        return {"country": "SG"}


class TestSystemEndpoints(_RegisterEndpoint):
    list_url = "/api/userinfo/systems"
    detail_url = "/api/userinfo/systems/{pk}"
    parent_field = "organisation"
    model = System

    def create_payload(self, t, foreign):
        return {"organisation": (t["org_b"] if foreign else t["org_a"]).slug, "key": "eu-backup",
                "name": "バックアップ", "country": "IE", "items": ["subscriber"]}

    def update_payload(self, t):
        return {"region": "eu-west-1"}


class TestDocumentEndpoints(TenantScopedEndpointTests):
    list_url = "/api/userinfo/documents"
    detail_url = "/api/userinfo/documents/{pk}"
    writable = False

    @pytest.fixture(autouse=True)
    def _documents(self, registers):
        from telegov.core.models import Membership
        from telegov.userinfo import versions

        for org in ("org_a", "org_b"):
            admin = Membership.objects.filter(organisation=registers[org], role="admin").first().user
            registers[f"doc_{org}"] = versions.generate(admin, registers[org], "policy")

    def own_object(self, t):
        return t["doc_org_a"]

    def foreign_object(self, t):
        return t["doc_org_b"]


def test_linking_another_organisations_row_is_refused(registers):
    response = registers["alice"].post(
        "/api/userinfo/systems", content_type="application/json",
        data={"organisation": "a-tsushin", "key": "x", "name": "x", "country": "JP", "items": ["no-such"]})
    assert response.status_code == 422 and "no-such" in response.json()["detail"]


def test_register_export_and_countries_answer_404_across_organisations(registers):
    alice = registers["alice"]
    assert alice.get("/api/userinfo/organisations/a-tsushin/register").json()["format"].startswith("telegov")
    assert alice.get("/api/userinfo/organisations/b-tsushin/register").status_code == 404
    assert alice.get("/api/userinfo/organisations/b-tsushin/countries").status_code == 404
    body = alice.get("/api/userinfo/organisations/a-tsushin/countries").json()
    assert {c["code"] for c in body["countries"]} == {"JP", "US", "SG", "VN"} and body["missing"] == []
    document = alice.get("/api/userinfo/organisations/a-tsushin/register").json()
    viewer_put = registers["vera"].put("/api/userinfo/organisations/a-tsushin/register", data=document,
                                       content_type="application/json")
    assert viewer_put.status_code == 403, viewer_put.content
    document["systems"][0]["country"] = "us"
    bad = alice.put("/api/userinfo/organisations/a-tsushin/register", data=document, content_type="application/json")
    assert bad.status_code == 422 and "systems[0].country" in bad.json()["detail"]


def test_documents_through_the_api_need_the_chief_managers_approval(registers):
    from telegov.core import services as actions
    from telegov.core.choices import Role
    from telegov.core.models import Membership
    from tests.api.conftest import TokenClient

    admin = Membership.objects.get(organisation=registers["org_a"], role="admin").user
    chief = actions.create_user("chief-a", "pw-chief-123")
    actions.add_member(admin, registers["org_a"], chief, Role.CHIEF_MANAGER)
    alice, vera, chief_client = registers["alice"], registers["vera"], TokenClient(chief)
    payload = {"organisation": "a-tsushin", "kind": "policy"}
    assert vera.post("/api/userinfo/documents", data=payload, content_type="application/json").status_code == 403
    foreign = {"organisation": "b-tsushin", "kind": "policy"}
    assert alice.post("/api/userinfo/documents", data=foreign, content_type="application/json").status_code == 404
    created = alice.post("/api/userinfo/documents", data=payload, content_type="application/json")
    assert created.status_code == 201 and "ベトナム（VN）" in created.json()["text"]
    pk = created.json()["id"]
    again = alice.post("/api/userinfo/documents", data=payload, content_type="application/json")
    assert again.status_code == 422
    assert alice.post(f"/api/userinfo/documents/{pk}/release").status_code == 422
    assert alice.post(f"/api/userinfo/documents/{pk}/approve").status_code == 403
    assert chief_client.post(f"/api/userinfo/documents/{pk}/approve").json()["state"] == "approved"
    assert alice.post(f"/api/userinfo/documents/{pk}/release").json()["state"] == "published"
    assert registers["bob"].post(f"/api/userinfo/documents/{pk}/approve").status_code == 404
