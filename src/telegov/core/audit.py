"""Writing the audit trail: one row per change, inside the change's transaction."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from telegov.core.choices import AuditAction
from telegov.core.models import AuditLog


def snapshot(instance: models.Model) -> dict:
    """The stored field values of `instance`, as JSON-ready data."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        values[field.attname] = field.value_from_object(instance)
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def record(actor, organisation, action: AuditAction, instance: models.Model, before: dict | None, after: dict | None):
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit rows are written inside the change's transaction")
    return AuditLog.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", "") or "system",
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
    )
