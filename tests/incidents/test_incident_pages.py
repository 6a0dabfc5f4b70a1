"""The NOC's pages: Japanese first, tenancy on every page, and changes made through the forms."""

from __future__ import annotations

import pytest

from telegov.incidents import services
from telegov.incidents.models import Incident
from tests.incidents.conftest import outage_fields, tokyo


@pytest.fixture
def voice(world):
    # 30,000 users for two and a half hours meets the voice row that no primary source confirms.
    return services.open_incident(world["alice"], world["op_a"], service=world["svc_a"], **outage_fields(
        name="音声通話の障害", service_category="voice", affected_users=30_000, ended_at=tokyo("2026-05-12T12:30")))


def login(client, user):
    client.force_login(user)
    return client


def test_the_list_and_detail_show_the_classification_its_basis_and_the_reports(client, world, voice):
    alice = login(client, world["alice"])
    listing = alice.get("/o/a-tsushin/incidents/").content.decode()
    assert "音声通話の障害" in listing and "重大な事故" in listing
    page = alice.get(f"/o/a-tsushin/incidents/{voice.pk}/").content.decode()
    assert "重大な事故" in page
    assert "電気通信事業法施行規則第58条第2項" in page
    assert "/rules/accident.serious.voice/" in page
    assert '<span class="badge unverified">未確認</span>' in page
    assert "一次資料で確認できていない" in page
    assert "様式第50の3" in page and "2026-06-11" in page
    assert f"/o/a-tsushin/incidents/{voice.pk}/first-report.pdf" in page
    assert f"/o/a-tsushin/incidents/{voice.pk}/detailed-report.pdf" in page
    assert "検知" in page  # the timeline's first entry


def test_the_pages_switch_to_english(client, world, voice):
    alice = login(client, world["alice"])
    alice.cookies["django_language"] = "en"
    page = alice.get(f"/o/a-tsushin/incidents/{voice.pk}/").content.decode()
    assert "Serious accident" in page and "Timeline" in page and "unverified" in page


def test_other_organisations_incidents_are_not_found(client, world, voice):
    bob = login(client, world["bob"])
    assert bob.get(f"/o/a-tsushin/incidents/{voice.pk}/").status_code == 404
    assert bob.get("/o/a-tsushin/incidents/").status_code == 404
    assert bob.get(f"/o/b-tsushin/incidents/{voice.pk}/").status_code == 404
    assert bob.get(f"/o/a-tsushin/incidents/{voice.pk}/first-report.txt").status_code == 404


def test_a_viewer_reads_but_cannot_change(client, world, voice):
    vera = login(client, world["vera"])
    page = vera.get(f"/o/a-tsushin/incidents/{voice.pk}/").content.decode()
    assert "報告済みにする" not in page and "経過に追加" not in page
    assert vera.get("/o/a-tsushin/incidents/new/").status_code == 403
    assert vera.post(f"/o/a-tsushin/incidents/{voice.pk}/close/").status_code == 403
    report = voice.reports.get(kind="detailed_report")
    assert vera.post(f"/o/a-tsushin/incidents/{voice.pk}/reports/{report.pk}/filed/").status_code == 403
    assert vera.post(f"/o/a-tsushin/incidents/{voice.pk}/events/", {"kind": "update"}).status_code == 403


def test_an_incident_is_opened_and_grown_through_the_forms(client, world, mailoutbox):
    alice = login(client, world["alice"])
    form = alice.get("/o/a-tsushin/incidents/new/").content.decode()
    assert "原因となった設備の設置者" in form and "B回線" not in form
    response = alice.post("/o/a-tsushin/incidents/new/", {
        "operator": world["op_a"].pk, "service": world["svc_a"].pk, "name": "フォームからの障害", "kind": "outage",
        "started_at": "2026-05-12T10:00", "ended_at": "2026-05-12T13:00", "service_category": "other",
        "affected_users": "10000", "cause": "telecom_facility", "facility_class": "general",
        "facility_owner": "other_carrier", "facility_owner_name": "架空中継網株式会社",
    })
    incident = Incident.objects.get(name="フォームからの障害")
    assert response.status_code == 302 and response["Location"] == f"/o/a-tsushin/incidents/{incident.pk}/"
    assert incident.started_at == tokyo("2026-05-12T10:00")
    assert incident.classification == "quarterly"
    fields = {name: value for name, value in [
        ("name", incident.name), ("kind", "outage"), ("started_at", "2026-05-12T10:00"),
        ("ended_at", "2026-05-12T13:00"), ("service_category", "other"), ("affected_users", "45000"),
        ("cause", "telecom_facility"), ("facility_class", "general"), ("facility_owner", "other_carrier"),
        ("facility_owner_name", "架空中継網株式会社")]}
    assert alice.post(f"/o/a-tsushin/incidents/{incident.pk}/edit/", fields).status_code == 302
    incident.refresh_from_db()
    assert incident.classification == "serious"
    assert alice.post(f"/o/a-tsushin/incidents/{incident.pk}/events/", {
        "kind": "first_report_sent", "at": "2026-05-12T11:00", "note": "本省へ電話"}).status_code == 302
    detailed = incident.reports.get(kind="detailed_report")
    assert alice.post(f"/o/a-tsushin/incidents/{incident.pk}/reports/{detailed.pk}/filed/").status_code == 302
    assert alice.post(f"/o/a-tsushin/incidents/{incident.pk}/close/").status_code == 302
    incident.refresh_from_db()
    assert incident.status == "closed"
    assert all(report.filed_at for report in incident.reports.all())
    kinds = list(incident.events.values_list("kind", flat=True))
    assert kinds == ["detected", "first_report_sent", "reclassified", "report_filed", "closed"]


def test_form_errors_name_the_missing_party(client, world):
    alice = login(client, world["alice"])
    response = alice.post("/o/a-tsushin/incidents/new/", {
        "operator": world["op_a"].pk, "name": "名前のない委託先", "kind": "outage", "cause": "telecom_facility",
        "facility_class": "general", "facility_owner": "cloud_provider", "facility_owner_name": ""})
    assert response.status_code == 200
    assert "原因となった設備の設置者の名称を入力してください" in response.content.decode()
    assert not Incident.objects.filter(name="名前のない委託先").exists()
