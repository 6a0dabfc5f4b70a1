"""The actions that change core records. Each validates first, then writes the change and its audit
row in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext

from telegov.core.audit import record, snapshot
from telegov.core.choices import AuditAction, Role
from telegov.core.models import Membership, Operator, Organisation, Service


def _apply(instance: models.Model, changes: Mapping[str, Any]) -> None:
    editable = {field.name for field in instance._meta.concrete_fields if field.editable}
    unknown = set(changes) - editable
    if unknown:
        raise ValueError(f"unknown or read-only fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(instance, name, value)


def create_record(actor, organisation: Organisation, instance: models.Model) -> models.Model:
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        record(actor, organisation, AuditAction.CREATE, instance, None, snapshot(instance))
    return instance


def update_record(actor, organisation: Organisation, instance: models.Model, changes: Mapping[str, Any]):
    before = snapshot(instance)
    _apply(instance, changes)
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        after = snapshot(instance)
        if after != before:
            record(actor, organisation, AuditAction.UPDATE, instance, before, after)
    return instance


class RecordInUse(ValidationError):
    """Records that must be kept (an incident's operator, say) still refer to the one to delete."""


def delete_record(actor, organisation: Organisation, instance: models.Model) -> None:
    try:
        with transaction.atomic():
            before = snapshot(instance)
            record(actor, organisation, AuditAction.DELETE, instance, before, None)
            instance.delete()
    except ProtectedError as exc:
        kinds = sorted({str(item._meta.verbose_name_plural) for item in exc.protected_objects})
        raise RecordInUse(
            gettext("%(record)s cannot be deleted while these records refer to it: %(kinds)s.")
            % {"record": instance, "kinds": ", ".join(kinds)},
            code="in_use",
        ) from None


def create_organisation(actor, name: str, slug: str) -> Organisation:
    organisation = Organisation(name=name, slug=slug)
    organisation.full_clean()
    with transaction.atomic():
        organisation.save()
        record(actor, organisation, AuditAction.CREATE, organisation, None, snapshot(organisation))
        if getattr(actor, "pk", None):
            add_member(actor, organisation, actor, Role.ADMIN)
    return organisation


def add_member(actor, organisation: Organisation, user, role: Role | str) -> Membership:
    return create_record(actor, organisation, Membership(organisation=organisation, user=user, role=role))


def create_user(username: str, password: str, email: str = ""):
    return get_user_model().objects.create_user(username=username, password=password, email=email)


def create_operator(actor, organisation: Organisation, **fields) -> Operator:
    return create_record(actor, organisation, Operator(organisation=organisation, **fields))


def update_operator(actor, operator: Operator, **changes) -> Operator:
    return update_record(actor, operator.organisation, operator, changes)


def delete_operator(actor, operator: Operator) -> None:
    with transaction.atomic():
        for service in operator.services.all():
            delete_record(actor, operator.organisation, service)
        delete_record(actor, operator.organisation, operator)


def create_service(actor, operator: Operator, **fields) -> Service:
    return create_record(actor, operator.organisation, Service(operator=operator, **fields))


def update_service(actor, service: Service, **changes) -> Service:
    return update_record(actor, service.operator.organisation, service, changes)


def delete_service(actor, service: Service) -> None:
    delete_record(actor, service.operator.organisation, service)
