from __future__ import annotations

from datetime import date

from ninja import Router
from ninja.errors import HttpError

from telegov.legal_calendar import today_in_tokyo
from telegov.rules import rule_book

router = Router(tags=["rules"])


@router.get("/rules", auth=None)
def list_rules(request, on: date | None = None, prefix: str = ""):
    """The rules in force on a date (today in Tokyo by default). Public: it is the law."""
    return [rule.model_dump(mode="json") for rule in rule_book().in_force(on or today_in_tokyo(), prefix)]


@router.get("/rules/{rule_id}", auth=None)
def rule_versions(request, rule_id: str):
    """Every version of one rule."""
    try:
        return [rule.model_dump(mode="json") for rule in rule_book().versions(rule_id)]
    except KeyError:
        raise HttpError(404, f"no rule {rule_id}") from None
