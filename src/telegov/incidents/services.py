"""The actions on incidents. Each validates first, then writes the change, the re-run classification and
its audit row in one transaction; whoever must hear of it is told only after the commit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from telegov.core.audit import record, snapshot
from telegov.core.choices import AuditAction
from telegov.core.models import Operator
from telegov.incidents import notify
from telegov.incidents.choices import (
    MANUAL_EVENT_KINDS,
    Classification,
    EventKind,
    IncidentKind,
    IncidentStatus,
    NotificationTopic,
    ReportKind,
)
from telegov.incidents.models import (
    Incident,
    IncidentEvent,
    IncidentReport,
    NotificationSettings,
    WebhookEndpoint,
)
from telegov.incidents.records import classify_incident, conclusion_of

# Fields a person may set; the classification, status and bookkeeping are the actions' own.
INPUT_FIELDS = frozenset({
    "service", "name", "kind", "service_category", "cause", "facility_class", "impact_within_premises",
    "important_facility", "all_traffic_stopped", "affected_users", "started_at", "ended_at", "detected_at",
    "facility_multi_prefecture", "facility_terminal_or_access_line", "facility_core_function", "situation",
    "facility_owner", "facility_owner_name", "facility_location", "affected_service", "affected_area",
    "cause_description", "measures_taken", "prevention_measures", "discovery", "leaked_information",
    "secondary_damage", "publication", "response_to_affected",
})


def _apply(incident: Incident, changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - INPUT_FIELDS
    if unknown:
        raise ValueError(f"unknown or read-only fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(incident, name, "" if value is None and name in _BLANK_TEXT else value)


_BLANK_TEXT = frozenset({
    name for name in INPUT_FIELDS
    if name != "service" and Incident._meta.get_field(name).get_internal_type() in {"CharField", "TextField"}
})


def _state(incident: Incident) -> dict:
    """The audited state: the stored fields and the reports the classification calls for."""
    state = snapshot(incident)
    state["reports"] = [
        {"kind": r.kind, "form": r.form, "due": r.due.isoformat() if r.due else None,
         "filed_at": r.filed_at.isoformat() if r.filed_at else None, "current": r.current}
        for r in incident.reports.order_by("kind")
    ]
    return state


def _actor_name(actor) -> str:
    return getattr(actor, "username", "") or "system"


def _event(actor, incident: Incident, kind: str, at: datetime, note: str = "") -> IncidentEvent:
    return IncidentEvent.objects.create(
        incident=incident, kind=kind, at=at, note=note,
        actor=actor if getattr(actor, "pk", None) else None, actor_name=_actor_name(actor),
    )


def _change_note(previous: str, current: str) -> str:
    # The timeline is part of the record, so it is written in the filing language.
    with translation.override(settings.LANGUAGE_CODE):
        labels = [str(Classification(code).label) if code else "未判定" for code in (previous, current)]
    return " → ".join(labels)


def _reclassify(actor, incident: Incident, now: datetime, opened: bool = False) -> bool:
    """Re-run the engine; if its conclusion moved, note it on the timeline and tell the NOC after commit."""
    before = None if opened else conclusion_of(incident)
    previous = incident.classification
    classify_incident(incident, now)
    after = conclusion_of(incident)
    if opened:
        notify.after_commit(incident.pk, NotificationTopic.OPENED)
        return True
    if after == before:
        return False
    if after.classification != before.classification:
        _event(actor, incident, EventKind.RECLASSIFIED, now, _change_note(previous, incident.classification))
    notify.after_commit(incident.pk, NotificationTopic.RECLASSIFIED, previous=previous)
    return True


def open_incident(actor, operator: Operator, *, now: datetime | None = None, **fields) -> Incident:
    now = now or timezone.now()
    incident = Incident(organisation=operator.organisation, operator=operator)
    _apply(incident, fields)
    incident.full_clean()
    with transaction.atomic():
        incident.save()
        detected = incident.detected_at or incident.started_at or now
        _event(actor, incident, EventKind.DETECTED, detected)
        _reclassify(actor, incident, now, opened=True)
        record(actor, incident.organisation, AuditAction.CREATE, incident, None, _state(incident))
    return incident


def update_incident(actor, incident: Incident, *, now: datetime | None = None, **changes) -> Incident:
    now = now or timezone.now()
    before = _state(incident)
    _apply(incident, changes)
    incident.full_clean()
    with transaction.atomic():
        incident.save()
        _reclassify(actor, incident, now)
        after = _state(incident)
        if after != before:
            record(actor, incident.organisation, AuditAction.UPDATE, incident, before, after)
    return incident


def add_event(actor, incident: Incident, kind: str, *, at: datetime | None = None, note: str = "",
              now: datetime | None = None) -> IncidentEvent:
    """Add to the timeline. Detection and recovery times fill the incident's own times when still empty,
    and a first report sent marks that report filed."""
    now = now or timezone.now()
    at = at or now
    if kind not in MANUAL_EVENT_KINDS:
        raise ValidationError({"kind": _("this kind of event is written by the system")})
    if timezone.is_naive(at):
        raise ValidationError({"at": _("give the time with its time zone")})
    recovers = kind == EventKind.RECOVERED and incident.ended_at is None and incident.kind == IncidentKind.OUTAGE
    if recovers and incident.started_at and at < incident.started_at:
        raise ValidationError({"at": _("recovery cannot come before the start")})
    before = _state(incident)
    with transaction.atomic():
        event = _event(actor, incident, kind, at, note)
        if recovers:
            incident.ended_at = at
        if kind == EventKind.DETECTED and incident.detected_at is None:
            incident.detected_at = at
        if kind == EventKind.FIRST_REPORT_SENT:
            incident.reports.filter(kind=ReportKind.FIRST_REPORT, filed_at__isnull=True).update(
                filed_at=at, filed_by=actor if getattr(actor, "pk", None) else None)
        incident.save()
        _reclassify(actor, incident, now)
        record(actor, incident.organisation, AuditAction.CREATE, event, None, snapshot(event))
        after = _state(incident)
        if after != before:
            record(actor, incident.organisation, AuditAction.UPDATE, incident, before, after)
    return event


def mark_report_filed(actor, report: IncidentReport, *, filed_at: datetime | None = None,
                      note: str = "") -> IncidentReport:
    filed_at = filed_at or timezone.now()
    if report.filed_at is not None:
        raise ValidationError({"filed_at": _("this report has already been marked filed")})
    incident = report.incident
    before = _state(incident)
    with transaction.atomic():
        report.filed_at = filed_at
        report.filed_by = actor if getattr(actor, "pk", None) else None
        report.save(update_fields=["filed_at", "filed_by"])
        _reclassify(actor, incident, timezone.now())
        with translation.override(settings.LANGUAGE_CODE):
            label = f"{report.get_kind_display()}（{report.form}）"
        _event(actor, incident, EventKind.REPORT_FILED, filed_at, f"{label} {note}".strip())
        record(actor, incident.organisation, AuditAction.UPDATE, incident, before, _state(incident))
        notify.after_commit(incident.pk, NotificationTopic.REPORT_FILED, report_id=report.pk)
    return report


def close_incident(actor, incident: Incident, *, at: datetime | None = None, note: str = "") -> Incident:
    at = at or timezone.now()
    if not incident.is_open:
        raise ValidationError({"status": _("the incident is already closed")})
    if incident.kind == IncidentKind.OUTAGE and incident.ended_at is None:
        raise ValidationError({"ended_at": _("record when service recovered before closing")})
    before = _state(incident)
    with transaction.atomic():
        incident.status, incident.closed_at = IncidentStatus.CLOSED, at
        incident.save(update_fields=["status", "closed_at", "updated_at"])
        _reclassify(actor, incident, timezone.now())
        _event(actor, incident, EventKind.CLOSED, at, note)
        record(actor, incident.organisation, AuditAction.UPDATE, incident, before, _state(incident))
        notify.after_commit(incident.pk, NotificationTopic.CLOSED)
    return incident


def delete_incident(actor, incident: Incident) -> None:
    """Remove a record entered in error; the audit row keeps its last state."""
    with transaction.atomic():
        record(actor, incident.organisation, AuditAction.DELETE, incident, _state(incident), None)
        incident.delete()


def refresh_ongoing(now: datetime | None = None) -> list[Incident]:
    """Re-judge outages still going on, whose length alone can carry them past a threshold."""
    now = now or timezone.now()
    changed = []
    ongoing = Incident.objects.select_related("operator", "organisation").filter(
        status=IncidentStatus.OPEN, kind=IncidentKind.OUTAGE, started_at__isnull=False, ended_at__isnull=True)
    for incident in ongoing:
        with transaction.atomic():
            before = _state(incident)
            if not _reclassify(None, incident, now):
                # Nothing the NOC must hear about: keep the stored run rather than rewrite it every minute.
                transaction.set_rollback(True)
                continue
            record(None, incident.organisation, AuditAction.UPDATE, incident, before, _state(incident))
            changed.append(incident)
    return changed


# --- Who is told: the organisation's NOC addresses, reminder days and webhook endpoints.

def _without_secret(endpoint: WebhookEndpoint) -> dict:
    state = snapshot(endpoint)
    state.pop("secret", None)
    return state


def save_notification_settings(actor, organisation, *, emails: list[str], reminder_days: list[int]):
    found = NotificationSettings.objects.filter(organisation=organisation).first()
    before = snapshot(found) if found else None
    found = found or NotificationSettings(organisation=organisation)
    found.emails, found.reminder_days = emails, sorted(set(reminder_days), reverse=True)
    found.full_clean()
    with transaction.atomic():
        found.save()
        record(actor, organisation, AuditAction.UPDATE if before else AuditAction.CREATE, found, before,
               snapshot(found))
    return found


def add_webhook(actor, organisation, *, url: str, events: list[str]) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(organisation=organisation, url=url, events=events)
    endpoint.full_clean()
    with transaction.atomic():
        endpoint.save()
        # The signing secret never enters the audit log.
        record(actor, organisation, AuditAction.CREATE, endpoint, None, _without_secret(endpoint))
    return endpoint


def remove_webhook(actor, endpoint: WebhookEndpoint) -> None:
    with transaction.atomic():
        record(actor, endpoint.organisation, AuditAction.DELETE, endpoint, _without_secret(endpoint), None)
        endpoint.delete()
