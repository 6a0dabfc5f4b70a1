"""The actions on stored incidents: every change re-runs the classification, and the NOC hears of a
changed classification only once the change is committed."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from telegov.core.models import AuditLog
from telegov.incidents import services
from telegov.incidents.models import IncidentEvent, WebhookEndpoint, WebhookMessage
from tests.incidents.conftest import outage_fields, tokyo

TITLE = outage_fields()["name"]


def reports_of(incident):
    return {r.kind: (r.form, r.due, r.current) for r in incident.reports.all()}


@pytest.mark.django_db(transaction=True)
class TestReclassificationIsAnnouncedAfterCommit:
    def test_an_outage_that_grows_past_the_threshold_becomes_serious(self, world, mailoutbox, receiver):
        WebhookEndpoint.objects.create(organisation=world["org_a"], url=receiver.url, secret="s")
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields())
        # 10,000 users for 3 hours: a quarterly accident, not yet serious (2 h and 30,000 users).
        assert incident.classification == "quarterly"
        assert [m.subject for m in mailoutbox] == [f"[telegov] 事故・障害の登録：四半期報告事故 — {TITLE}"]
        mailoutbox.clear()

        with transaction.atomic():
            services.update_incident(world["alice"], incident, affected_users=40_000)
            assert mailoutbox == []
            assert not WebhookMessage.objects.filter(topic="incident.reclassified").exists()

        incident.refresh_from_db()
        assert incident.classification == "serious"
        assert "accident.serious.other" in incident.classification_basis
        assert reports_of(incident) == {
            "first_report": ("電話・FAX・電子メール等、書式自由", None, True),
            "detailed_report": ("様式第50の3", date(2026, 6, 11), True),
        }
        [mail] = mailoutbox
        assert mail.to == ["noc@a.example"]
        assert mail.subject == f"[telegov] 分類が変わりました：重大な事故 — {TITLE}"
        assert "詳細な報告（様式第50の3）：2026年06月11日まで" in mail.body
        assert "変更前の分類：四半期報告事故" in mail.body
        [message] = WebhookMessage.objects.filter(topic="incident.reclassified")
        body = json.loads(message.body)
        assert body["incident"]["classification"] == "serious"
        assert body["previous_classification"] == "quarterly"
        assert {"kind": "detailed_report", "form": "様式第50の3", "due": "2026-06-11", "filed_at": None} in \
            body["incident"]["reports"]
        assert incident.events.filter(kind="reclassified", note="四半期報告事故 → 重大な事故").exists()

    def test_a_rolled_back_change_is_never_announced(self, world, mailoutbox, receiver):
        WebhookEndpoint.objects.create(organisation=world["org_a"], url=receiver.url, secret="s")
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields())
        mailoutbox.clear()
        messages = WebhookMessage.objects.count()

        with pytest.raises(RuntimeError), transaction.atomic():
            services.update_incident(world["alice"], incident, affected_users=40_000)
            raise RuntimeError("the request failed after the update")

        incident.refresh_from_db()
        assert incident.classification == "quarterly"
        assert mailoutbox == []
        assert WebhookMessage.objects.count() == messages

    def test_a_change_that_keeps_the_classification_tells_no_one(self, world, mailoutbox):
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields())
        mailoutbox.clear()
        services.update_incident(world["alice"], incident, affected_users=12_000, measures_taken="経路を切替え")
        assert incident.classification == "quarterly"
        assert mailoutbox == []

    def test_an_ongoing_outage_becomes_serious_as_time_passes(self, world, mailoutbox):
        fields = outage_fields(affected_users=40_000, ended_at=None)
        incident = services.open_incident(world["alice"], world["op_a"], now=tokyo("2026-05-12T10:30"), **fields)
        # Half an hour with 40,000 users: quarterly by the user count, not yet two hours.
        assert incident.classification == "quarterly"
        mailoutbox.clear()
        assert services.refresh_ongoing(tokyo("2026-05-12T11:30")) == []
        assert mailoutbox == []
        assert [i.pk for i in services.refresh_ongoing(tokyo("2026-05-12T12:05"))] == [incident.pk]
        incident.refresh_from_db()
        assert incident.classification == "serious"
        assert [m.subject for m in mailoutbox] == [f"[telegov] 分類が変わりました：重大な事故 — {TITLE}"]
        assert services.refresh_ongoing(tokyo("2026-05-12T12:30")) == []
        assert len(mailoutbox) == 1


class TestTimelineAndReports:
    def test_recovery_on_the_timeline_ends_the_outage_and_reclassifies(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], now=tokyo("2026-05-12T10:20"),
                                          **outage_fields(affected_users=5_000, ended_at=None))
        assert incident.classification == "not_reportable"
        services.add_event(world["alice"], incident, "recovered", at=tokyo("2026-05-12T12:30"), note="切替完了")
        incident.refresh_from_db()
        assert incident.ended_at == tokyo("2026-05-12T12:30")
        # Two and a half hours: now a quarterly accident, reported after the quarter ending 30 June.
        assert incident.classification == "quarterly"
        assert reports_of(incident) == {"quarterly_report": ("様式第27", date(2026, 8, 31), True)}
        assert list(incident.events.values_list("kind", flat=True)) == ["detected", "recovered", "reclassified"]

    def test_first_report_sent_marks_that_report_filed(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields(affected_users=40_000))
        services.add_event(world["alice"], incident, "first_report_sent", at=tokyo("2026-05-12T11:00"),
                           note="総合通信局へ電話")
        first = incident.reports.get(kind="first_report")
        assert first.filed_at == tokyo("2026-05-12T11:00")
        assert first.filed_by == world["alice"]

    def test_marking_filed_keeps_a_timeline_entry_and_an_audit_row(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields(affected_users=40_000))
        detailed = incident.reports.get(kind="detailed_report")
        services.mark_report_filed(world["alice"], detailed, filed_at=tokyo("2026-06-01T09:00"))
        assert IncidentEvent.objects.get(incident=incident, kind="report_filed").note == "詳細な報告（様式第50の3）"
        with pytest.raises(ValidationError):
            services.mark_report_filed(world["alice"], detailed)
        audit = AuditLog.objects.filter(object_type="incidents.incident", object_id=str(incident.pk)).first()
        filed = {r["kind"]: r["filed_at"] for r in audit.after["reports"]}
        assert filed["detailed_report"].startswith("2026-06-01T00:00:00")

    def test_a_filed_report_stays_when_the_classification_no_longer_calls_for_it(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields())
        services.mark_report_filed(world["alice"], incident.reports.get(kind="quarterly_report"))
        services.update_incident(world["alice"], incident, affected_users=40_000)
        assert reports_of(incident)["quarterly_report"][2] is False
        assert reports_of(incident)["detailed_report"][2] is True

    def test_incomplete_input_is_kept_and_names_what_is_missing(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], name="交換機の停止不能", kind="near_miss",
                                          detected_at=tokyo("2026-05-12T10:00"), situation="could_not_stop")
        assert incident.classification == ""
        assert {p["field"] for p in incident.classification_problems} == {"facility"}
        services.update_incident(world["alice"], incident, facility_multi_prefecture=True,
                                 facility_terminal_or_access_line=False, facility_core_function="switching")
        assert incident.classification == "near_miss"
        assert reports_of(incident)["near_miss_report"][1] == date(2026, 6, 11)

    def test_an_outage_cannot_be_closed_before_it_has_recovered(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields(ended_at=None))
        with pytest.raises(ValidationError):
            services.close_incident(world["alice"], incident)
        services.update_incident(world["alice"], incident, ended_at=tokyo("2026-05-12T13:00"))
        services.close_incident(world["alice"], incident)
        assert incident.status == "closed"

    def test_the_party_whose_facility_failed_must_be_named(self, world):
        with pytest.raises(ValidationError) as error:
            services.open_incident(world["alice"], world["op_a"], **outage_fields(facility_owner_name=""))
        assert "facility_owner_name" in error.value.message_dict

    def test_an_operator_of_another_organisation_is_refused(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields())
        with pytest.raises(ValidationError) as error:
            services.update_incident(world["alice"], incident, service=world["svc_b"])
        assert "service" in error.value.message_dict
