"""Document versions: generate from the register, approve (the chief manager only), then publish
the policy or file the rules and the notification. A released version is kept unchanged."""

from __future__ import annotations

import difflib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from telegov.core.audit import record
from telegov.core.choices import AuditAction, Role
from telegov.core.tenancy import membership, require_write
from telegov.legal_calendar import today_in_tokyo
from telegov.userinfo import documents, rendering
from telegov.userinfo.choices import RELEASED_STATE, DocumentKind, VersionState
from telegov.userinfo.models import ChiefManagerAppointment, DocumentVersion
from telegov.userinfo.models.documents import content_hash
from telegov.userinfo.services import full_snapshot


def latest(organisation, kind: str) -> DocumentVersion | None:
    return DocumentVersion.objects.filter(organisation=organisation, kind=kind).order_by("-number").first()


def latest_released(organisation, kind: str) -> DocumentVersion | None:
    state = RELEASED_STATE[DocumentKind(kind)]
    return DocumentVersion.objects.filter(organisation=organisation, kind=kind, state=state).order_by("-number").first()


def readable_diff(before: str, after: str, before_label: str, after_label: str) -> str:
    return "\n".join(difflib.unified_diff(before.splitlines(), after.splitlines(), before_label, after_label,
                                          lineterm="", n=1))


def generate(actor, organisation, kind: str, on=None) -> DocumentVersion:
    """A new draft from the register as it is now, with the changes against the last version."""
    require_write(actor, organisation)
    try:
        content = documents.build(kind, organisation, on or today_in_tokyo())
    except documents.DocumentNotReady as error:
        raise ValidationError(_(str(error))) from error
    text = documents.as_text(content)
    previous = latest(organisation, kind)
    if previous is not None and previous.text == text:
        raise ValidationError(_("nothing changed since version %(number)s") % {"number": previous.number})
    number = previous.number + 1 if previous else 1
    diff = readable_diff(previous.text if previous else "", text,
                         f"v{previous.number}" if previous else "(none)", f"v{number}")
    version = DocumentVersion(organisation=organisation, kind=kind, number=number, content=content, text=text,
                              sha256=content_hash(content, text), diff=diff, previous=previous, created_by=actor)
    with transaction.atomic():
        version.save()
        record(actor, organisation, AuditAction.CREATE, version, None, _summary(version))
    return version


def approve(actor, version: DocumentVersion) -> DocumentVersion:
    if membership(actor, version.organisation).role != Role.CHIEF_MANAGER:
        raise PermissionDenied("only the chief manager approves a document")
    if version.state != VersionState.DRAFT:
        raise ValidationError(_("version %(number)s is no longer a draft") % {"number": version.number})
    return _move(actor, version, VersionState.APPROVED, approved_by=actor, approved_at=timezone.now())


def release(actor, version: DocumentVersion) -> DocumentVersion:
    """Publish the policy (written as static files) or file the rules or notification."""
    require_write(actor, version.organisation)
    if version.state != VersionState.APPROVED:
        raise ValidationError(_("the chief manager must approve a version before it is published or filed"))
    if not version.intact():
        raise ValidationError(_("the stored content does not match its hash"))
    state = RELEASED_STATE[DocumentKind(version.kind)]
    with transaction.atomic():
        released = _move(actor, version, state, released_by=actor, released_at=timezone.now())
        if released.kind == DocumentKind.POLICY:
            write_public_policy(released)
    return released


def _move(actor, version: DocumentVersion, state: str, **fields) -> DocumentVersion:
    before = _summary(version)
    version.state = state
    for name, value in fields.items():
        setattr(version, name, value)
    with transaction.atomic():
        version.save()
        record(actor, version.organisation, AuditAction.UPDATE, version, before, _summary(version))
    return version


def _summary(version: DocumentVersion) -> dict:
    values = full_snapshot(version)
    values.pop("content"), values.pop("text"), values.pop("diff")
    return values


def public_dir(organisation) -> Path:
    return Path(settings.DATA_DIR) / "public" / organisation.slug / "policy"


def write_public_policy(version: DocumentVersion) -> Path:
    """The published policy as static files any web server can serve; the app serves them too."""
    directory = public_dir(version.organisation)
    directory.mkdir(parents=True, exist_ok=True)
    page = rendering.html(version)
    (directory / f"v{version.number}.html").write_text(page, encoding="utf-8")
    (directory / "index.html").write_text(page, encoding="utf-8")
    document = rendering.pdf(version)
    (directory / f"v{version.number}.pdf").write_bytes(document)
    (directory / "policy.pdf").write_bytes(document)
    return directory


def appoint_chief_manager(actor, organisation, **fields) -> ChiefManagerAppointment:
    require_write(actor, organisation)
    appointment = ChiefManagerAppointment(organisation=organisation, **fields)
    appointment.full_clean(exclude=["notice"])
    if appointment.user_id and membership(appointment.user, organisation).role != Role.CHIEF_MANAGER:
        raise ValidationError({"user": [_("the appointed user must have the chief manager role")]})
    with transaction.atomic():
        appointment.save()
        record(actor, organisation, AuditAction.CREATE, appointment, None, full_snapshot(appointment))
        notice = generate(actor, organisation, DocumentKind.APPOINTMENT_NOTICE)
        appointment.notice = notice
        appointment.save(update_fields=["notice"])
    return appointment
