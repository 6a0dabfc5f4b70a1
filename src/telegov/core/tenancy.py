"""Who may see and change which organisation's records."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from telegov.core.choices import WRITE_ROLES
from telegov.core.models import Membership, Organisation


def organisations_of(user) -> models.QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def membership(user, organisation: Organisation) -> Membership:
    """The user's membership, or 404: another tenant's objects do not exist for this user."""
    found = Membership.objects.filter(user=user, organisation=organisation).first() if user.is_authenticated else None
    if found is None:
        raise Http404("no such object")
    return found


def require_write(user, organisation: Organisation) -> Membership:
    found = membership(user, organisation)
    if found.role not in WRITE_ROLES:
        raise PermissionDenied("your role in this organisation is read-only")
    return found


def scoped(queryset: models.QuerySet, user, organisation_path: str = "organisation") -> models.QuerySet:
    """Rows of `queryset` that belong to organisations the user is a member of."""
    return queryset.filter(**{f"{organisation_path}__in": organisations_of(user)})
