"""What falls due for user information: the specified-user-information duties the obligations engine
computes, contractor reviews, open actions and the end of the self-assessment year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from telegov.core.models import Operator
from telegov.obligations.engine import assess
from telegov.obligations.profile import profile_from_operator
from telegov.obligations.status import DueStatus, due_status
from telegov.userinfo.choices import CycleState
from telegov.userinfo.models import Action, AssessmentCycle, Contractor


@dataclass(frozen=True)
class Reminder:
    due: date
    title_ja: str
    title_en: str
    source: str
    status: DueStatus

    def title(self, english: bool) -> str:
        return self.title_en if english else self.title_ja


def reminders(organisation, today: date, days: int | None = None) -> list[Reminder]:
    """Everything due within `days` (the due-soon window by default) or overdue, soonest first."""
    days = settings.TELEGOV_DUE_SOON_DAYS if days is None else days
    found: list[tuple[date, str, str, str]] = []
    for operator in Operator.objects.filter(organisation=organisation).prefetch_related("services"):
        for duty in assess(profile_from_operator(operator), today).obligations:
            if duty.id.startswith("specified.") and duty.due:
                found.append((duty.due, f"{operator.name}：{duty.title_ja}", f"{operator.name}: {duty.title_en}",
                               duty.id))
    for contractor in Contractor.objects.filter(organisation=organisation):
        review = contractor.last_review()
        if review is not None:
            found.append((review.next_review_on, f"委託先の点検：{contractor.name}",
                          f"Contractor review: {contractor.name}", "contractor_review"))
    for action in Action.objects.filter(cycle__organisation=organisation, done_on=None):
        found.append((action.due_on, f"是正措置：{action.title}", f"Action: {action.title}", "action"))
    for cycle in AssessmentCycle.objects.filter(organisation=organisation, state=CycleState.OPEN):
        found.append((cycle.ends_on, f"FY{cycle.fiscal_year}の自己評価の完了", f"Complete the FY{cycle.fiscal_year} "
                      "self-assessment", "self_assessment"))
    result = []
    for due, title_ja, title_en, source in sorted(found):
        if (due - today).days <= days:
            result.append(Reminder(due, title_ja, title_en, source, due_status(due, today, days)))
    return result
