"""Telling the NOC: e-mail at once and signed webhooks through the outbox, both only after the change
is committed, so a rolled-back change is never announced."""

from __future__ import annotations

import json
import logging
import uuid
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from telegov.core.choices import WRITE_ROLES
from telegov.incidents.choices import Classification, NotificationTopic
from telegov.incidents.models import Incident, IncidentReport, NotificationSettings, WebhookEndpoint, WebhookMessage

log = logging.getLogger(__name__)


def after_commit(incident_id: int, topic: str, **extra) -> None:
    # robust: a mail server that is down must not turn a committed change into an error page.
    transaction.on_commit(partial(announce, incident_id, topic, **extra), robust=True)


def recipients(organisation) -> list[str]:
    configured = NotificationSettings.objects.filter(organisation=organisation).first()
    if configured and configured.emails:
        return list(configured.emails)
    users = get_user_model().objects.filter(
        memberships__organisation=organisation, memberships__role__in=WRITE_ROLES, is_active=True,
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def incident_url(incident: Incident) -> str:
    path = reverse("incidents:detail", kwargs={"slug": incident.organisation.slug, "pk": incident.pk})
    return getattr(settings, "TELEGOV_BASE_URL", "").rstrip("/") + path


def report_data(report: IncidentReport) -> dict:
    return {"kind": report.kind, "form": report.form, "due": report.due.isoformat() if report.due else "promptly",
            "filed_at": report.filed_at.isoformat() if report.filed_at else None}


def incident_data(incident: Incident) -> dict:
    return {
        "id": incident.pk, "name": incident.name, "operator": incident.operator.name, "kind": incident.kind,
        "status": incident.status, "classification": incident.classification or None,
        "reports": [report_data(r) for r in incident.reports.filter(current=True).order_by("due", "id")],
        "reasons": incident.classification_reasons, "basis": incident.classification_basis,
        "url": incident_url(incident),
    }


def payload(topic: str, incident: Incident, **extra) -> dict:
    return {"id": str(uuid.uuid4()), "event": topic, "created": timezone.now().isoformat(),
            "organisation": incident.organisation.slug, "incident": incident_data(incident), **extra}


def enqueue(organisation, topic: str, data: dict) -> list[WebhookMessage]:
    body = json.dumps(data, ensure_ascii=False, sort_keys=True)
    now = timezone.now()
    return [WebhookMessage.objects.create(endpoint=endpoint, topic=topic, body=body, next_attempt_at=now)
            for endpoint in WebhookEndpoint.objects.filter(organisation=organisation, active=True)
            if endpoint.wants(topic)]


def _subject(topic: str, incident: Incident) -> str:
    label = incident.get_classification_display() if incident.classification else "分類に必要な情報が不足"
    titles = {
        NotificationTopic.OPENED: f"事故・障害の登録：{label}",
        NotificationTopic.RECLASSIFIED: f"分類が変わりました：{label}",
        NotificationTopic.CLOSED: "事故・障害の終了",
        NotificationTopic.REPORT_FILED: "報告済み",
    }
    return f"[telegov] {titles.get(topic, topic)} — {incident.name}"


def _body(incident: Incident, previous: str | None) -> str:
    lines = [f"件名：{incident.name}", f"事業者：{incident.operator.name}",
             f"分類：{incident.get_classification_display() or '未判定（入力が不足しています）'}"]
    if previous is not None:
        lines.append(f"変更前の分類：{Classification(previous).label if previous else '未判定'}")
    for report in incident.reports.filter(current=True).order_by("due", "id"):
        due = f"{report.due:%Y年%m月%d日}まで" if report.due else "速やかに"
        done = f"（{timezone.localtime(report.filed_at):%Y-%m-%d %H:%M} 報告済み）" if report.filed_at else ""
        lines.append(f"・{report.get_kind_display()}（{report.form}）：{due}{done}")
    lines += ["", "判定の理由："] + [f"・{reason}" for reason in incident.classification_reasons]
    lines += [f"・不足：{p['field']} {p['message']}" for p in incident.classification_problems]
    lines += ["", incident_url(incident)]
    return "\n".join(lines)


def send_email(subject: str, body: str, to: list[str]) -> None:
    if to:
        send_mail(subject, body, getattr(settings, "TELEGOV_NOTIFY_FROM", settings.DEFAULT_FROM_EMAIL), to)


def announce(incident_id: int, topic: str, previous: str | None = None, report_id: int | None = None) -> None:
    incident = Incident.objects.select_related("organisation", "operator").filter(pk=incident_id).first()
    if incident is None:
        return
    # Japanese first: the wording of reports and labels follows the catalogue's default language.
    with translation.override(settings.LANGUAGE_CODE):
        extra = {}
        if previous is not None:
            extra["previous_classification"] = previous or None
        if report_id is not None:
            extra["report"] = report_data(IncidentReport.objects.get(pk=report_id))
        send_email(_subject(topic, incident), _body(incident, previous), recipients(incident.organisation))
        enqueue(incident.organisation, topic, payload(topic, incident, **extra))
