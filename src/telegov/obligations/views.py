"""The obligations of an operator as the pages show them: localised, with a due status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from telegov.core.models import Operator, Organisation
from telegov.core.tenancy import membership
from telegov.legal_calendar import today_in_tokyo
from telegov.obligations.engine import Obligation, assess
from telegov.obligations.profile import profile_from_operator
from telegov.obligations.status import DueStatus, due_status
from telegov.rules import rule_book

STATUS_LABELS = {
    DueStatus.OVERDUE: _("Overdue"),
    DueStatus.DUE_SOON: _("Due soon"),
    DueStatus.UPCOMING: _("Upcoming"),
    DueStatus.ONGOING: _("Ongoing"),
}
LEVEL_LABELS = {"mandatory": _("Mandatory"), "effort": _("Effort duty")}
FREQUENCY_LABELS = {
    "ongoing": _("Continuously"),
    "on_event": _("On each event"),
    "before_use": _("Before use"),
    "quarter": _("Every quarter"),
    "business_year": _("Every business year"),
}
CONFIDENCE_LABELS = {"confirmed": _("confirmed"), "unverified": _("unverified")}
# Most urgent first on the pages; obligations without a deadline keep the engine's order at the end.
_URGENCY = [DueStatus.OVERDUE, DueStatus.DUE_SOON, DueStatus.UPCOMING, DueStatus.ONGOING]


def in_english() -> bool:
    return (get_language() or settings.LANGUAGE_CODE).startswith("en")


@dataclass(frozen=True)
class BasisRow:
    rule_id: str
    rule_title: str
    article: str
    source: str
    confidence: str
    confidence_label: str


@dataclass(frozen=True)
class ObligationRow:
    id: str
    title: str
    reason: str
    level: str
    level_label: str
    status: DueStatus
    status_label: str
    due: date | None
    frequency_label: str
    services: list[str]
    basis: list[BasisRow]

    @property
    def unverified(self) -> bool:
        return any(item.confidence == "unverified" for item in self.basis)


def _row(obligation: Obligation, today: date, english: bool) -> ObligationRow:
    status = due_status(obligation.due, today, settings.TELEGOV_DUE_SOON_DAYS)
    book = rule_book()
    basis = []
    for item in obligation.basis:
        rule = book.find(item.rule, today)
        basis.append(BasisRow(
            rule_id=item.rule,
            rule_title=rule.title("en" if english else "ja") if rule else item.rule,
            article=item.article, source=item.source, confidence=item.confidence,
            confidence_label=str(CONFIDENCE_LABELS.get(item.confidence, item.confidence)),
        ))
    return ObligationRow(
        id=obligation.id,
        title=obligation.title_en if english else obligation.title_ja,
        reason=obligation.reason_en if english else obligation.reason_ja,
        level=obligation.level.value,
        level_label=str(LEVEL_LABELS.get(obligation.level.value, obligation.level.value)),
        status=status,
        status_label=str(STATUS_LABELS[status]),
        due=obligation.due,
        frequency_label=str(FREQUENCY_LABELS.get(obligation.frequency, "")) if obligation.frequency else "",
        services=list(obligation.services),
        basis=basis,
    )


@dataclass(frozen=True)
class OperatorObligations:
    rows: list[ObligationRow]
    message: str | None


def obligations_of(operator: Operator, today: date | None = None) -> OperatorObligations:
    """The operator's obligations on `today` (Tokyo's today by default), most urgent first."""
    today = today or today_in_tokyo()
    english = in_english()
    assessment = assess(profile_from_operator(operator), today)
    rows = [_row(item, today, english) for item in assessment.obligations]
    rows.sort(key=lambda row: (_URGENCY.index(row.status), row.due or date.max))
    message = assessment.message_en if english else assessment.message_ja
    return OperatorObligations(rows=rows, message=message)


@login_required
def obligation_detail(request, slug: str, operator_id: int, obligation_id: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    member = membership(request.user, organisation)
    operator = get_object_or_404(Operator, pk=operator_id, organisation=organisation)
    today = today_in_tokyo()
    found = next((row for row in obligations_of(operator, today).rows if row.id == obligation_id), None)
    if found is None:
        raise Http404("this obligation does not apply to the operator")
    return render(request, "obligations/obligation_detail.html", {
        "organisation": organisation, "membership": member, "operator": operator, "obligation": found,
        "today": today,
    })
