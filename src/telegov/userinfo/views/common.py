"""What every user-information page needs: the organisation, the member's role and the form helper."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from telegov.core.forms import add_service_errors
from telegov.core.models import Organisation
from telegov.core.tenancy import membership, require_write


def organisation_of(request, slug: str, write: bool = False):
    organisation = get_object_or_404(Organisation, slug=slug)
    member = (require_write if write else membership)(request.user, organisation)
    return organisation, member


def attempt(form, action):
    """Run `action`; a ValidationError lands on the form and the result is None."""
    try:
        return action()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
