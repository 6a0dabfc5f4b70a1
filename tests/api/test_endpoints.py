from telegov.core.models import AuditLog
from tests.api.mixins import TenantScopedEndpointTests


class TestOperatorEndpoints(TenantScopedEndpointTests):
    list_url = "/api/operators"
    detail_url = "/api/operators/{pk}"
    parent_field = "organisation"

    def own_object(self, t):
        return t["op_a"]

    def foreign_object(self, t):
        return t["op_b"]

    def create_payload(self, t, foreign):
        org = t["org_b"] if foreign else t["org_a"]
        return {"organisation": org.slug, "name": "新回線", "registration_status": "notified", "users_prev_fy": 5}

    def update_payload(self, t):
        return {"users_prev_fy": 31000}


class TestServiceEndpoints(TenantScopedEndpointTests):
    list_url = "/api/services"
    detail_url = "/api/services/{pk}"
    parent_field = "operator"

    def own_object(self, t):
        return t["svc_a"]

    def foreign_object(self, t):
        return t["svc_b"]

    def create_payload(self, t, foreign):
        operator = t["op_b"] if foreign else t["op_a"]
        return {"operator": operator.pk, "name": "新サービス", "category": "voice", "paid": True, "users": 10,
                "prefectures": ["東京都"]}

    def update_payload(self, t):
        return {"users": 99}


class TestObligationEndpoint(TenantScopedEndpointTests):
    list_url = "/api/operators"
    detail_url = "/api/operators/{pk}/obligations"
    writable = False

    def own_object(self, t):
        return t["op_a"]

    def foreign_object(self, t):
        return t["op_b"]

    def test_obligations_of_a_stored_operator(self, tenants):
        body = tenants["alice"].get(f"/api/operators/{tenants['op_a'].pk}/obligations?on=2026-11-26").json()
        ids = {item["id"] for item in body["obligations"]}
        assert body["operator"] == "A回線"
        assert "accident.near_miss_report" in ids  # 40,000 users at the previous fiscal year end


class TestAuditEndpoint(TenantScopedEndpointTests):
    list_url = "/api/organisations/a-tsushin/audit"
    detail_url = None
    writable = False

    def test_foreign_audit_log_is_404(self, tenants):
        assert tenants["alice"].get("/api/organisations/b-tsushin/audit").status_code == 404

    def test_audit_rows_of_own_organisation(self, tenants):
        rows = tenants["vera"].get(self.list_url).json()
        assert {row["object_repr"] for row in rows} >= {"A回線", "A光"}
        assert all(row["object_repr"] not in {"B回線", "B光"} for row in rows)
        assert AuditLog.objects.filter(organisation=tenants["org_b"]).exists()


def test_validation_errors_name_the_field(tenants):
    response = tenants["alice"].post(
        "/api/operators",
        data={"organisation": "a-tsushin", "name": "x", "registration_status": "notified",
              "corporate_number": "1234567890123"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "corporate_number" in response.content.decode()


def test_unknown_enum_is_refused(tenants):
    response = tenants["alice"].post(
        "/api/services",
        data={"operator": tenants["op_a"].pk, "name": "x", "category": "satellite"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "category" in response.content.decode()


def test_rules_are_public(client, db):
    body = client.get("/api/rules?on=2026-11-26").json()
    assert any(rule["id"] == "transmission.notice" for rule in body)
    assert client.get("/api/rules/specified.info_rules").json()[0]["article"] == "電気通信事業法第27条の6"
    assert client.get("/api/rules/nothing.here").status_code == 404


def test_openapi_schema_is_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/operators/{pk}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200
