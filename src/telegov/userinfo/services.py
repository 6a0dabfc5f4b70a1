"""The actions that change the register. Each validates first, then writes the row, its links and
its audit row in one transaction (the core action style)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils.translation import gettext as _

from telegov.core.audit import record
from telegov.core.choices import AuditAction
from telegov.userinfo import vocabulary
from telegov.userinfo.models import Contractor, InformationItem, SupervisionRecord

LINK_FIELDS = ("items", "systems")


def _links_snapshot(instance: models.Model) -> dict:
    found = {}
    for name in LINK_FIELDS:
        if hasattr(instance, name) and instance.pk:
            found[name] = sorted(getattr(instance, name).values_list("key", flat=True))
    return found


def full_snapshot(instance: models.Model) -> dict:
    """The audit snapshot of a row: its fields (a file by its name) and the keys it links to."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        value = field.value_from_object(instance)
        values[field.attname] = (value.name or "") if isinstance(field, models.FileField) else value
    return {**json.loads(json.dumps(values, cls=DjangoJSONEncoder)), **_links_snapshot(instance)}


def _organisation_of(instance: models.Model):
    return instance.contractor.organisation if isinstance(instance, SupervisionRecord) else instance.organisation


def check_row(instance: models.Model, links: Mapping[str, Iterable[models.Model]]) -> None:
    """Validation beyond the model's own: the vocabulary, links within the organisation, no cycles."""
    errors: dict[str, list[str]] = {}
    organisation = _organisation_of(instance)
    if isinstance(instance, InformationItem):
        for field, kind in (("data_categories", "data_category"), ("purposes", "data_use")):
            values = getattr(instance, field)
            if not isinstance(values, list):
                errors[field] = ["a list of keys is expected"]
                continue
            unknown = vocabulary.unknown_keys(organisation, kind, values)
            if unknown:
                errors[field] = [f"unknown key: {', '.join(unknown)}"]
    for name, targets in links.items():
        if any(target.organisation_id != organisation.pk for target in targets):
            errors[name] = ["belongs to another organisation"]
    if isinstance(instance, Contractor) and instance.parent_id:
        parent = instance.parent
        if parent.organisation_id != organisation.pk:
            errors["parent"] = ["belongs to another organisation"]
        while parent is not None:
            if instance.pk and parent.pk == instance.pk:
                errors["parent"] = [_("a contractor cannot be its own sub-contractor")]
                break
            parent = parent.parent
    if errors:
        raise ValidationError(errors)


def save_row(actor, instance: models.Model, links: Mapping[str, Iterable[models.Model]] | None = None,
             changes: Mapping[str, Any] | None = None) -> models.Model:
    """Create or update one register row with its links (items, systems)."""
    links = {name: list(targets) for name, targets in (links or {}).items()}
    creating = instance.pk is None
    before = None if creating else full_snapshot(type(instance).objects.get(pk=instance.pk))
    for name, value in (changes or {}).items():
        setattr(instance, name, value)
    instance.full_clean()
    check_row(instance, links)
    organisation = _organisation_of(instance)
    with transaction.atomic():
        instance.save()
        for name, targets in links.items():
            getattr(instance, name).set(targets)
        after = full_snapshot(instance)
        if creating:
            record(actor, organisation, AuditAction.CREATE, instance, None, after)
        elif after != before:
            record(actor, organisation, AuditAction.UPDATE, instance, before, after)
    return instance


def delete_row(actor, instance: models.Model) -> None:
    if isinstance(instance, Contractor) and instance.children.exists():
        raise ValidationError({"parent": [_("delete or move its sub-contractors first")]})
    organisation = _organisation_of(instance)
    with transaction.atomic():
        record(actor, organisation, AuditAction.DELETE, instance, full_snapshot(instance), None)
        instance.delete()
