"""The incident endpoints under the shared tenancy checks, and what each answers to its owner."""

from __future__ import annotations

import json

from telegov.core.models import AuditLog
from telegov.incidents.models import IncidentEvent
from tests.api.mixins import TenantScopedEndpointTests

OUTAGE = {
    "name": "新しい障害", "kind": "outage", "service_category": "other", "affected_users": 10_000,
    "started_at": "2026-05-12T10:00:00+09:00", "ended_at": "2026-05-12T13:00:00+09:00",
    "facility_owner": "cloud_provider", "facility_owner_name": "架空クラウド株式会社",
}


def send(client, method, url, payload=None):
    body = json.dumps(payload) if payload is not None else None
    return getattr(client, method)(url, data=body, content_type="application/json")


class TestIncidentEndpoints(TenantScopedEndpointTests):
    list_url = "/api/incidents"
    detail_url = "/api/incidents/{pk}"
    parent_field = "operator"

    def own_object(self, t):
        return t["inc_a"]

    def foreign_object(self, t):
        return t["inc_b"]

    def create_payload(self, t, foreign):
        return {"operator": (t["op_b"] if foreign else t["op_a"]).pk, **OUTAGE}

    def update_payload(self, t):
        return {"affected_users": 40_000}

    def test_the_classification_comes_back_with_the_reports(self, tenants):
        created = send(tenants["alice"], "post", self.list_url, self.create_payload(tenants, foreign=False)).json()
        assert created["classification"] == "quarterly"
        assert [(r["kind"], r["due"]) for r in created["reports"]] == [("quarterly_report", "2026-08-31")]
        patched = send(tenants["alice"], "patch", f"/api/incidents/{created['id']}", {"affected_users": 40_000}).json()
        assert patched["classification"] == "serious"
        assert patched["affected_users"] == 40_000 and patched["facility_owner_name"] == "架空クラウド株式会社"
        assert {(r["kind"], r["due"]) for r in patched["reports"] if r["current"]} == {
            ("first_report", None), ("detailed_report", "2026-06-11")}

    def test_a_service_of_another_operator_is_refused(self, tenants):
        payload = {**self.create_payload(tenants, foreign=False), "service": tenants["svc_b"].pk}
        response = send(tenants["alice"], "post", self.list_url, payload)
        assert response.status_code == 422 and "service" in response.content.decode()

    def test_times_without_an_offset_are_refused(self, tenants):
        payload = {**self.create_payload(tenants, foreign=False), "started_at": "2026-05-12T10:00:00"}
        assert send(tenants["alice"], "post", self.list_url, payload).status_code == 422


class TestTimelineEndpoint(TenantScopedEndpointTests):
    list_url = "/api/incidents"
    detail_url = "/api/incidents/{pk}/events"
    writable = False

    def own_object(self, t):
        return t["inc_a"]

    def foreign_object(self, t):
        return t["inc_b"]

    def test_events_are_added_by_writers_of_the_organisation_only(self, tenants):
        own, foreign = tenants["inc_a"], tenants["inc_b"]
        event = {"kind": "update", "at": "2026-05-12T11:00:00+09:00", "note": "原因を特定"}
        assert send(tenants["alice"], "post", f"/api/incidents/{foreign.pk}/events", event).status_code == 404
        assert send(tenants["vera"], "post", f"/api/incidents/{own.pk}/events", event).status_code == 403
        assert not IncidentEvent.objects.filter(note="原因を特定").exists()
        created = send(tenants["alice"], "post", f"/api/incidents/{own.pk}/events", event)
        assert created.status_code == 201
        assert created.json()["actor"] == "alice"
        events = tenants["vera"].get(f"/api/incidents/{own.pk}/events").json()
        assert [e["kind"] for e in events] == ["detected", "update"]
        assert AuditLog.objects.filter(object_type="incidents.incidentevent", object_id=str(created.json()["id"]))

    def test_events_the_system_writes_cannot_be_posted(self, tenants):
        url = f"/api/incidents/{tenants['inc_a'].pk}/events"
        assert send(tenants["alice"], "post", url, {"kind": "reclassified"}).status_code == 422


class TestDeadlineEndpoint(TenantScopedEndpointTests):
    list_url = "/api/deadlines"
    writable = False

    def test_only_reports_of_the_users_organisations_are_listed(self, tenants):
        rows = tenants["vera"].get(self.list_url).json()
        assert [(row["incident_name"], row["kind"], row["due"]) for row in rows] == [
            ("東京都内の光回線の通信障害", "quarterly_report", "2026-08-31")]
        assert rows[0]["status"] == "overdue" and rows[0]["days_left"] < 0
        assert tenants["bob"].get(self.list_url).json()[0]["incident_name"] == "B回線の障害"


def test_reports_are_marked_filed_and_incidents_closed_by_writers_only(tenants):
    own, foreign = tenants["inc_a"], tenants["inc_b"]
    report = own.reports.get()
    other = foreign.reports.get()
    filed = {"filed_at": "2026-08-20T10:00:00+09:00"}
    assert send(tenants["alice"], "post", f"/api/incidents/{foreign.pk}/reports/{other.pk}/filed", filed
                ).status_code == 404
    assert send(tenants["alice"], "post", f"/api/incidents/{own.pk}/reports/{other.pk}/filed", filed
                ).status_code == 404
    assert send(tenants["vera"], "post", f"/api/incidents/{own.pk}/reports/{report.pk}/filed", filed
                ).status_code == 403
    response = send(tenants["alice"], "post", f"/api/incidents/{own.pk}/reports/{report.pk}/filed", filed)
    assert response.status_code == 200 and response.json()["filed_at"].startswith("2026-08-20T")
    assert send(tenants["alice"], "post", f"/api/incidents/{own.pk}/reports/{report.pk}/filed", filed
                ).status_code == 422
    assert tenants["alice"].get("/api/deadlines").json() == []

    assert send(tenants["alice"], "post", f"/api/incidents/{foreign.pk}/close", {}).status_code == 404
    assert send(tenants["vera"], "post", f"/api/incidents/{own.pk}/close", {}).status_code == 403
    closed = send(tenants["alice"], "post", f"/api/incidents/{own.pk}/close", {"note": "恒久対策完了"})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert [i["id"] for i in tenants["alice"].get("/api/incidents?status=open").json()] == []


def test_the_openapi_schema_lists_the_incident_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/incidents", "/api/incidents/{pk}", "/api/incidents/{pk}/events", "/api/deadlines"} <= set(paths)


def test_the_incident_list_is_paged(tenants):
    for number in range(3):
        send(tenants["alice"], "post", "/api/incidents", {"operator": tenants["op_a"].pk, **OUTAGE,
                                                          "name": f"障害{number}"})
    everything = [i["id"] for i in tenants["alice"].get("/api/incidents").json()]
    assert len(everything) == 4
    assert [i["id"] for i in tenants["alice"].get("/api/incidents?limit=2&offset=1").json()] == everything[1:3]
