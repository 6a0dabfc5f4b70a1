from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router

from telegov.core.models import Operator
from telegov.core.tenancy import membership, scoped
from telegov.legal_calendar import today_in_tokyo
from telegov.obligations.engine import assess
from telegov.obligations.profile import profile_from_operator

router = Router(tags=["obligations"])


@router.get("/operators/{pk}/obligations")
def operator_obligations(request, pk: int, on: date | None = None):
    """The duties that apply to a stored operator, as `telegov obligations --format json` prints them."""
    operator = get_object_or_404(scoped(Operator.objects.select_related("organisation"), request.user), pk=pk)
    membership(request.user, operator.organisation)
    return assess(profile_from_operator(operator), on or today_in_tokyo()).to_output()
