"""Every report still owed across incidents: the deadline board, and reminders before each deadline."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from telegov.incidents import notify
from telegov.incidents.choices import NotificationTopic
from telegov.incidents.models import DeadlineReminder, Incident, IncidentReport, NotificationSettings
from telegov.incidents.models.notifications import default_reminder_days
from telegov.legal_calendar import tokyo_date

log = logging.getLogger(__name__)

PROMPTLY, OVERDUE, DUE_SOON, UPCOMING = "promptly", "overdue", "due_soon", "upcoming"


@dataclass(frozen=True)
class DeadlineRow:
    report: IncidentReport
    status: str
    days_left: int | None

    @property
    def incident(self) -> Incident:
        return self.report.incident


def deadline_status(due: date | None, today: date, soon_days: int | None = None) -> str:
    if due is None:
        return PROMPTLY
    soon_days = settings.TELEGOV_DUE_SOON_DAYS if soon_days is None else soon_days
    if due < today:
        return OVERDUE
    return DUE_SOON if (due - today).days <= soon_days else UPCOMING


def open_reports(incidents: models.QuerySet[Incident]) -> models.QuerySet[IncidentReport]:
    return IncidentReport.objects.filter(incident__in=incidents, current=True, filed_at__isnull=True).select_related(
        "incident__operator", "incident__organisation")


def deadline_board(incidents: models.QuerySet[Incident], today: date) -> list[DeadlineRow]:
    """Reports owed, those due promptly first, then by due date."""
    rows = [DeadlineRow(report, deadline_status(report.due, today),
                        (report.due - today).days if report.due else None)
            for report in open_reports(incidents)]
    return sorted(rows, key=lambda row: (row.report.due is not None, row.report.due or today, row.report.pk))


def _reminder_days(organisation_id: int, cache: dict[int, list[int]]) -> list[int]:
    if organisation_id not in cache:
        found = NotificationSettings.objects.filter(organisation_id=organisation_id).first()
        cache[organisation_id] = sorted({int(d) for d in (found.reminder_days if found else default_reminder_days())
                                         if int(d) >= 0}, reverse=True)
    return cache[organisation_id]


def _claim(report: IncidentReport, days_before: int, now: datetime, skipped: bool) -> bool:
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(report=report, due=report.due, days_before=days_before, sent_at=now,
                                            skipped=skipped)
    except IntegrityError:
        return False
    return True


def send_reminders(now: datetime | None = None) -> list[DeadlineReminder]:
    """Remind of each owed report once per threshold reached. When several thresholds are reached at
    once (a late report, a worker that was down) only the nearest is sent; the others are recorded."""
    now = now or timezone.now()
    today = tokyo_date(now)
    cache: dict[int, list[int]] = {}
    sent = []
    for report in open_reports(Incident.objects.all()).filter(due__isnull=False):
        left = (report.due - today).days
        reached = [days for days in _reminder_days(report.incident.organisation_id, cache) if left <= days]
        if not reached:
            continue
        nearest = min(reached)
        for days in reached:
            if _claim(report, days, now, skipped=days != nearest) and days == nearest:
                _remind(report, days, left, today)
                sent.append(DeadlineReminder.objects.get(report=report, due=report.due, days_before=days))
    return sent


def _remind(report: IncidentReport, days_before: int, left: int, today: date) -> None:
    incident = report.incident
    with translation.override(settings.LANGUAGE_CODE):
        when = f"あと{left}日" if left > 0 else "本日が期限" if left == 0 else f"期限を{-left}日過ぎています"
        subject = f"[telegov] 報告期限（{when}）：{report.get_kind_display()} — {incident.name}"
        body = "\n".join([
            f"件名：{incident.name}", f"事業者：{incident.operator.name}",
            f"報告：{report.get_kind_display()}（{report.form}）",
            f"期限：{report.due:%Y年%m月%d日}（{when}）", "", notify.incident_url(incident),
        ])
        try:
            notify.send_email(subject, body, notify.recipients(incident.organisation))
        except Exception:  # the reminder row is written; a mail outage must not stop the other reminders
            log.exception("could not e-mail the reminder for report %s", report.pk)
        data = notify.payload(NotificationTopic.REMINDER, incident, report=notify.report_data(report),
                              days_before=days_before, days_left=left)
        notify.enqueue(incident.organisation, NotificationTopic.REMINDER, data)
