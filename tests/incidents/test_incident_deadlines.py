"""The deadline board across a user's organisations, and reminders that go out once per threshold."""

from __future__ import annotations

from datetime import date

import pytest

from telegov.core.tenancy import organisations_of
from telegov.incidents import services
from telegov.incidents.deadlines import deadline_board, send_reminders
from telegov.incidents.models import DeadlineReminder, Incident, NotificationSettings, WebhookEndpoint
from tests.incidents.conftest import outage_fields, tokyo


def leak(world, detected: str, org="a"):
    owner = world["alice"] if org == "a" else world["bob"]
    return services.open_incident(owner, world[f"op_{org}"], name=f"通信履歴の漏えい（{org}）", kind="secrecy_leak",
                                  detected_at=tokyo(detected))


@pytest.fixture
def board_world(world, settings):
    settings.TELEGOV_DUE_SOON_DAYS = 20
    serious = services.open_incident(world["alice"], world["op_a"], **outage_fields(affected_users=40_000))
    quarterly = services.open_incident(world["alice"], world["op_a"], **outage_fields(name="四半期の障害"))
    leaked = leak(world, "2026-07-20T15:00")
    foreign = leak(world, "2026-07-21T15:00", org="b")
    services.mark_report_filed(world["alice"], serious.reports.get(kind="first_report"))
    return {"serious": serious, "quarterly": quarterly, "leaked": leaked, "foreign": foreign}


def test_the_board_splits_reports_into_promptly_overdue_due_soon_and_upcoming(world, board_world):
    rows = deadline_board(Incident.objects.filter(organisation__in=organisations_of(world["alice"])),
                          date(2026, 8, 1))
    seen = [(row.incident.name, row.report.kind, row.report.due, row.status, row.days_left) for row in rows]
    assert seen == [
        ("通信履歴の漏えい（a）", "first_report", None, "promptly", None),
        ("東京都内の光回線の通信障害", "detailed_report", date(2026, 6, 11), "overdue", -51),
        ("通信履歴の漏えい（a）", "detailed_report", date(2026, 8, 19), "due_soon", 18),
        ("四半期の障害", "quarterly_report", date(2026, 8, 31), "upcoming", 30),
    ]


def test_the_board_page_shows_only_the_users_organisations(client, world, board_world):
    client.force_login(world["alice"])
    page = client.get("/incidents/deadlines/").content.decode()
    assert "通信履歴の漏えい（a）" in page and "四半期の障害" in page
    assert "通信履歴の漏えい（b）" not in page
    assert "期限超過" in page and "期限間近" in page


class TestReminders:
    # The detailed report of a leak learned of on 20 July 2026 is due on 19 August.
    def test_each_threshold_is_reminded_once(self, world, mailoutbox, receiver):
        WebhookEndpoint.objects.create(organisation=world["org_a"], url=receiver.url, events=["report.reminder"])
        leak(world, "2026-07-20T15:00")
        mailoutbox.clear()
        sent = []
        for day in ["08-09", "08-12", "08-12", "08-15", "08-18", "08-18", "08-19", "08-19", "08-20"]:
            sent += [(day, r.days_before) for r in send_reminders(tokyo(f"2026-{day}T09:00"))]
        assert sent == [("08-12", 7), ("08-18", 1), ("08-19", 0)]
        assert [m.subject for m in mailoutbox] == [
            "[telegov] 報告期限（あと7日）：詳細な報告 — 通信履歴の漏えい（a）",
            "[telegov] 報告期限（あと1日）：詳細な報告 — 通信履歴の漏えい（a）",
            "[telegov] 報告期限（本日が期限）：詳細な報告 — 通信履歴の漏えい（a）",
        ]
        assert mailoutbox[0].to == ["noc@a.example"]
        assert [m.topic for m in WebhookEndpoint.objects.get().messages.all()] == ["report.reminder"] * 3

    def test_a_worker_that_was_down_sends_only_the_nearest_threshold(self, world, mailoutbox):
        leak(world, "2026-07-20T15:00")
        mailoutbox.clear()
        assert [r.days_before for r in send_reminders(tokyo("2026-08-19T09:00"))] == [0]
        assert sorted(DeadlineReminder.objects.values_list("days_before", "skipped")) == [
            (0, False), (1, True), (7, True)]
        assert len(mailoutbox) == 1
        assert send_reminders(tokyo("2026-08-19T18:00")) == []

    def test_thresholds_are_set_per_organisation_and_filed_reports_are_not_reminded(self, world, mailoutbox):
        NotificationSettings.objects.filter(organisation=world["org_a"]).update(reminder_days=[3])
        incident = leak(world, "2026-07-20T15:00")
        other = leak(world, "2026-07-20T15:00", org="b")
        services.mark_report_filed(world["bob"], other.reports.get(kind="detailed_report"))
        assert send_reminders(tokyo("2026-08-12T09:00")) == []
        [reminder] = send_reminders(tokyo("2026-08-16T09:00"))
        assert (reminder.report.incident, reminder.days_before) == (incident, 3)

    def test_a_moved_deadline_is_reminded_again(self, world):
        incident = services.open_incident(world["alice"], world["op_a"], **outage_fields(affected_users=40_000))
        assert [r.days_before for r in send_reminders(tokyo("2026-06-10T09:00"))] == [1]
        # The outage turns out to have started a day later: the detailed report is due a day later too.
        services.update_incident(world["alice"], incident, started_at=tokyo("2026-05-13T10:00"),
                                 ended_at=tokyo("2026-05-13T13:00"))
        assert incident.reports.get(kind="detailed_report").due == date(2026, 6, 12)
        assert [r.days_before for r in send_reminders(tokyo("2026-06-11T09:00"))] == [1]
