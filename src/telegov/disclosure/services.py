"""The actions that change the status page. Each validates first, then writes the change, its audit row
and its outbox rows in one transaction; the page is republished after commit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from telegov.core.audit import record, snapshot
from telegov.core.choices import AuditAction
from telegov.core.models import Organisation
from telegov.disclosure.choices import Channel, ComponentStatus, IncidentStatus
from telegov.disclosure.models import Component, Delivery, IncidentUpdate, Maintenance, StatusIncident, Subscriber
from telegov.disclosure.notices import facts_of, write_notice
from telegov.disclosure.publishing import publish, publish_after_commit
from telegov.disclosure.subscriptions import send_confirmation_after_commit
from telegov.disclosure.workarounds import workarounds


def _own(organisation: Organisation, components: Iterable[Component]) -> list[Component]:
    components = list(components)
    if any(component.organisation_id != organisation.pk for component in components):
        raise ValidationError({"components": _("A component of another organisation was given.")})
    return components


def _check_workarounds(keys: Iterable[str]) -> list[str]:
    keys = list(keys)
    unknown = [key for key in keys if key not in workarounds()]
    if unknown:
        raise ValidationError({"workarounds": _("Unknown workaround: %(keys)s") % {"keys": ", ".join(unknown)}})
    return keys


def create_component(actor, organisation: Organisation, **fields) -> Component:
    component = Component(organisation=organisation, **fields)
    if component.service_id and component.service.operator.organisation_id != organisation.pk:
        raise ValidationError({"service": _("A service of another organisation was given.")})
    component.full_clean()
    with transaction.atomic():
        component.save()
        record(actor, organisation, AuditAction.CREATE, component, None, snapshot(component))
        publish_after_commit(organisation)
    return component


def update_component(actor, component: Component, **changes) -> Component:
    """Rename, move or relink a component; its state changes through `set_component_states`."""
    organisation = component.organisation
    before = snapshot(component)
    for name in changes:
        if name not in {"name", "region", "service", "position"}:
            raise ValueError(f"not an editable field of a component: {name}")
    for name, value in changes.items():
        setattr(component, name, value)
    if component.service_id and component.service.operator.organisation_id != organisation.pk:
        raise ValidationError({"service": _("A service of another organisation was given.")})
    component.full_clean()
    with transaction.atomic():
        component.save()
        after = snapshot(component)
        if after != before:
            record(actor, organisation, AuditAction.UPDATE, component, before, after)
        publish_after_commit(organisation)
    return component


def set_component_states(actor, organisation: Organisation, states: Mapping[int, str]) -> list[Component]:
    """Set the state of several components at once, e.g. from the editor's overview."""
    invalid = [status for status in states.values() if status not in ComponentStatus.values]
    if invalid:
        raise ValidationError({"status": _("Unknown state: %(states)s") % {"states": ", ".join(invalid)}})
    with transaction.atomic():
        components = list(Component.objects.select_for_update().filter(organisation=organisation, pk__in=states))
        if len(components) != len(states):
            raise ValidationError({"components": _("A component of another organisation was given.")})
        for component in components:
            _set_state(actor, organisation, component, states[component.pk])
        publish_after_commit(organisation)
    return components


def _set_state(actor, organisation: Organisation, component: Component, status: str) -> None:
    if component.status == status:
        return
    before = snapshot(component)
    component.status = status
    component.save(update_fields=["status", "updated_at"])
    record(actor, organisation, AuditAction.UPDATE, component, before, snapshot(component))


def create_incident(
    actor, organisation: Organisation, *, title: str, impact: str, started_at: datetime,
    components: Iterable[Component] = (), component_status: str | None = None,
    affected_prefectures: Iterable[str] = (), workarounds: Iterable[str] = (), message: str = "",
    next_update_at: datetime | None = None, status: str = IncidentStatus.INVESTIGATING,
) -> StatusIncident:
    """Open an incident and post its first update, which subscribers are sent."""
    components = _own(organisation, components)
    incident = StatusIncident(
        organisation=organisation, title=title, impact=impact, status=status, started_at=started_at,
        affected_prefectures=list(affected_prefectures), workarounds=_check_workarounds(workarounds),
    )
    incident.full_clean()
    _check_update(status, component_status, next_update_at)
    with transaction.atomic():
        incident.save()
        incident.components.set(components)
        record(actor, organisation, AuditAction.CREATE, incident, None, snapshot(incident))
        if component_status:
            for component in components:
                _set_state(actor, organisation, component, component_status)
        _post(actor, incident, status, message, next_update_at)
    return incident


def post_update(
    actor, incident: StatusIncident, *, status: str, message: str = "", next_update_at: datetime | None = None,
    component_status: str | None = None, affected_prefectures: Iterable[str] | None = None,
    recovered_prefectures: Iterable[str] | None = None, posted_at: datetime | None = None,
) -> IncidentUpdate:
    """Add an update to the incident's stream; resolving returns its components to normal."""
    organisation = incident.organisation
    _check_update(status, component_status, next_update_at)
    with transaction.atomic():
        incident = StatusIncident.objects.select_for_update().get(pk=incident.pk)
        before = snapshot(incident)
        incident.status = status
        if affected_prefectures is not None:
            incident.affected_prefectures = list(affected_prefectures)
        if recovered_prefectures is not None:
            incident.recovered_prefectures = list(recovered_prefectures)
        if status == IncidentStatus.RESOLVED:
            incident.resolved_at = posted_at or timezone.now()
            incident.recovered_prefectures = list(incident.affected_prefectures)
            component_status = component_status or ComponentStatus.OPERATIONAL
        incident.full_clean()
        incident.save()
        record(actor, organisation, AuditAction.UPDATE, incident, before, snapshot(incident))
        if component_status:
            for component in _components_to_set(incident, component_status):
                _set_state(actor, organisation, component, component_status)
        return _post(actor, incident, status, message, next_update_at, posted_at)


def _check_update(status: str, component_status: str | None, next_update_at: datetime | None) -> None:
    if status not in IncidentStatus.values:
        raise ValidationError({"status": _("Unknown incident status: %(status)s") % {"status": status}})
    if component_status and component_status not in ComponentStatus.values:
        raise ValidationError({"component_status": _("Unknown state: %(states)s") % {"states": component_status}})
    if next_update_at and next_update_at <= timezone.now():
        raise ValidationError({"next_update_at": _("The next update must be in the future.")})


def _components_to_set(incident: StatusIncident, status: str) -> list[Component]:
    components = list(incident.components.all())
    if status != ComponentStatus.OPERATIONAL:
        return components
    # A component another open incident still affects keeps its state.
    busy = set(
        Component.incidents.through.objects.filter(
            component__in=components, statusincident__organisation=incident.organisation,
        ).exclude(statusincident=incident).exclude(statusincident__status=IncidentStatus.RESOLVED)
        .values_list("component_id", flat=True)
    )
    return [component for component in components if component.pk not in busy]


def _post(actor, incident: StatusIncident, status: str, message: str, next_update_at, posted_at=None):
    facts = facts_of(incident, message=message, next_update_at=next_update_at)
    update = IncidentUpdate.objects.create(
        incident=incident, status=status, message=message, next_update_at=next_update_at,
        notice_ja=write_notice(facts, "ja"), notice_en=write_notice(facts, "en"),
        posted_at=posted_at or timezone.now(), posted_by=actor if getattr(actor, "pk", None) else None,
    )
    record(actor, incident.organisation, AuditAction.CREATE, update, None, snapshot(update))
    _queue_deliveries(update, incident)
    publish_after_commit(incident.organisation)
    return update


def _queue_deliveries(update: IncidentUpdate, incident: StatusIncident) -> None:
    """One outbox row per active subscriber of the organisation or of one of the incident's components."""
    component_ids = {component.pk for component in incident.components.all()}
    subscribers = Subscriber.objects.filter(
        organisation=incident.organisation, confirmed_at__isnull=False, unsubscribed_at__isnull=True,
    ).prefetch_related("components")
    Delivery.objects.bulk_create([
        Delivery(subscriber=subscriber, update=update, not_before=update.posted_at)
        for subscriber in subscribers
        if not subscriber.components.all() or component_ids & {c.pk for c in subscriber.components.all()}
    ])


def schedule_maintenance(
    actor, organisation: Organisation, *, title: str, scheduled_from: datetime, scheduled_until: datetime,
    description: str = "", components: Iterable[Component] = (), affected_prefectures: Iterable[str] = (),
) -> Maintenance:
    components = _own(organisation, components)
    maintenance = Maintenance(
        organisation=organisation, title=title, description=description, scheduled_from=scheduled_from,
        scheduled_until=scheduled_until, affected_prefectures=list(affected_prefectures),
    )
    maintenance.full_clean()
    with transaction.atomic():
        maintenance.save()
        maintenance.components.set(components)
        record(actor, organisation, AuditAction.CREATE, maintenance, None, snapshot(maintenance))
        publish_after_commit(organisation)
    return maintenance


def add_subscriber(
    actor, organisation: Organisation, *, channel: str, email: str = "", webhook_url: str = "",
    audience: str = "public", components: Iterable[Component] = (), language: str = "ja",
) -> Subscriber:
    """A subscriber: a webhook is live at once; an e-mail address only once its owner confirms."""
    components = _own(organisation, components)
    subscriber = Subscriber(
        organisation=organisation, channel=channel, email=email, webhook_url=webhook_url, audience=audience,
        language=language, confirmed_at=timezone.now() if channel == Channel.WEBHOOK else None,
    )
    subscriber.full_clean()
    if channel == Channel.EMAIL and Subscriber.objects.filter(
        organisation=organisation, email__iexact=email, unsubscribed_at__isnull=True,
    ).exists():
        raise ValidationError({"email": _("This address is already subscribed.")})
    with transaction.atomic():
        subscriber.save()
        subscriber.components.set(components)
        record(actor, organisation, AuditAction.CREATE, subscriber, None, _without_secrets(subscriber))
        if channel == Channel.EMAIL:
            send_confirmation_after_commit(subscriber)
    return subscriber


def confirm_subscription(organisation: Organisation, token: str) -> Subscriber | None:
    """The double opt-in's second step; None for an unknown token."""
    return _change_subscription(organisation, token, "confirmed_at", unsubscribed=False)


def unsubscribe(organisation: Organisation, token: str) -> Subscriber | None:
    return _change_subscription(organisation, token, "unsubscribed_at", unsubscribed=None)


def _change_subscription(organisation, token: str, field: str, unsubscribed: bool | None) -> Subscriber | None:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(organisation=organisation, token=token).first()
        if subscriber is None or getattr(subscriber, field) is not None or (
            unsubscribed is False and subscriber.unsubscribed_at is not None
        ):
            return subscriber
        before = _without_secrets(subscriber)
        setattr(subscriber, field, timezone.now())
        subscriber.save(update_fields=[field])
        record(None, subscriber.organisation, AuditAction.UPDATE, subscriber, before, _without_secrets(subscriber))
    return subscriber


def _without_secrets(subscriber: Subscriber) -> dict:
    values = snapshot(subscriber)
    values.pop("secret", None)
    values.pop("token", None)
    return values


def publish_page(organisation: Organisation):
    """Write the files again (e.g. after restoring a server); the state itself does not change."""
    return publish(organisation)
