"""The self-assessment cycle of one business year: open it (answers and country risks), answer,
record risks and actions, close it with what changed in the policy and the rules."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from telegov.core.audit import record
from telegov.core.choices import AuditAction
from telegov.core.models import Operator
from telegov.core.tenancy import require_write
from telegov.legal_calendar import fiscal_year_end, fiscal_year_start
from telegov.userinfo import assessment
from telegov.userinfo.choices import FINDING_RESULTS, CycleState, DocumentKind, RiskSource
from telegov.userinfo.countries import HOME_COUNTRY, country
from telegov.userinfo.evidence import suggested_evidence
from telegov.userinfo.models import Action, AssessmentCycle, Contractor, RequirementAnswer, Risk, System
from telegov.userinfo.services import full_snapshot
from telegov.userinfo.versions import latest_released

SOURCE_TITLES = {
    RiskSource.STORAGE_COUNTRY: "{country}に保管する利用者情報への外国の制度の影響",
    RiskSource.CONTRACTOR_COUNTRY: "{country}の委託先が取り扱う利用者情報への外国の制度の影響",
}


def business_year_start_month(organisation) -> int:
    operator = Operator.objects.filter(organisation=organisation).order_by("pk").first()
    return operator.business_year_start_month if operator else 4


def _audit(actor, organisation, instance, before=None, action=AuditAction.CREATE):
    record(actor, organisation, action, instance, before, full_snapshot(instance))


def country_ratings(organisation, on: date) -> list[tuple[RiskSource, str, assessment.Rating]]:
    """One rating per storage country and per contractor country of the register."""
    matrix = assessment.framework().risk_matrix
    found = []
    for source, rows in ((RiskSource.STORAGE_COUNTRY, System.objects.filter(organisation=organisation)),
                         (RiskSource.CONTRACTOR_COUNTRY, Contractor.objects.filter(organisation=organisation))):
        by_country: dict[str, list] = {}
        for row in rows.prefetch_related("items"):
            by_country.setdefault(row.country, []).append(row)
        for code, members in sorted(by_country.items()):
            items = [item for row in members for item in row.items.all()]
            likelihood, reasons = country_likelihood_for(code, on)
            impact = assessment.impact_of(any(i.secrecy_protected for i in items), any(i.specified for i in items),
                                          bool(items), matrix)
            found.append((source, code, assessment.Rating(likelihood, impact, reasons)))
    return found


def country_likelihood_for(code: str, on: date) -> tuple[int, list[str]]:
    facts = country(code, on).facts
    return assessment.country_likelihood(code, facts, HOME_COUNTRY, assessment.framework().risk_matrix)


def open_cycle(actor, organisation, on: date) -> AssessmentCycle:
    require_write(actor, organisation)
    month = business_year_start_month(organisation)
    start = fiscal_year_start(on, month)
    if AssessmentCycle.objects.filter(organisation=organisation, fiscal_year=start.year).exists():
        message = _("the self-assessment of FY%(year)s already exists") % {"year": start.year}
        raise ValidationError({"fiscal_year": [message]})
    framework = assessment.framework()
    cycle = AssessmentCycle(
        organisation=organisation, fiscal_year=start.year, starts_on=start, ends_on=fiscal_year_end(on, month),
        framework=framework.name, policy_at_open=latest_released(organisation, DocumentKind.POLICY),
        rules_at_open=latest_released(organisation, DocumentKind.RULES))
    with transaction.atomic():
        cycle.save()
        _audit(actor, organisation, cycle)
        facts = suggested_evidence(organisation, on)
        RequirementAnswer.objects.bulk_create(
            RequirementAnswer(cycle=cycle, requirement=r.id, evidence=facts.get(r.id, ""))
            for r in framework.requirements)
        for source, code, rating in country_ratings(organisation, on):
            if code == HOME_COUNTRY:
                continue
            risk = Risk.objects.create(
                cycle=cycle, source=source, country=code, likelihood=rating.likelihood, impact=rating.impact,
                reasons=rating.reasons, title=SOURCE_TITLES[source].format(country=country(code, on).name()))
            _audit(actor, organisation, risk)
    return cycle


def _open(actor, cycle: AssessmentCycle) -> None:
    require_write(actor, cycle.organisation)
    if cycle.state != CycleState.OPEN:
        raise ValidationError(_("the self-assessment of %(cycle)s is closed") % {"cycle": cycle})


def answer(actor, cycle: AssessmentCycle, requirement: str, result: str, evidence: str) -> RequirementAnswer:
    _open(actor, cycle)
    found = cycle.answers.get(requirement=requirement)
    before = full_snapshot(found)
    found.result, found.evidence = result, evidence
    found.full_clean()
    with transaction.atomic():
        found.save()
        if full_snapshot(found) != before:
            _audit(actor, cycle.organisation, found, before, AuditAction.UPDATE)
    return found


def add_risk(actor, cycle: AssessmentCycle, **fields) -> Risk:
    _open(actor, cycle)
    risk = Risk(cycle=cycle, **fields)
    _check_rating(risk)
    with transaction.atomic():
        risk.save()
        _audit(actor, cycle.organisation, risk)
    return risk


def update_risk(actor, risk: Risk, **changes) -> Risk:
    _open(actor, risk.cycle)
    before = full_snapshot(risk)
    for name, value in changes.items():
        setattr(risk, name, value)
    _check_rating(risk)
    with transaction.atomic():
        risk.save()
        if full_snapshot(risk) != before:
            _audit(actor, risk.cycle.organisation, risk, before, AuditAction.UPDATE)
    return risk


def _check_rating(risk: Risk) -> None:
    risk.full_clean()
    size = assessment.framework().risk_matrix.size
    if not (1 <= risk.likelihood <= size and 1 <= risk.impact <= size):
        raise ValidationError({"likelihood": [_("likelihood and impact run from 1 to %(size)s") % {"size": size}]})


def add_action(actor, cycle: AssessmentCycle, **fields) -> Action:
    _open(actor, cycle)
    action = Action(cycle=cycle, **fields)
    action.full_clean()
    if action.requirement and assessment.framework().requirement(action.requirement) is None:
        raise ValidationError({"requirement": [_("no requirement %(id)s") % {"id": action.requirement}]})
    with transaction.atomic():
        action.save()
        _audit(actor, cycle.organisation, action)
    return action


def complete_action(actor, action: Action, on: date) -> Action:
    require_write(actor, action.cycle.organisation)
    before = full_snapshot(action)
    action.done_on = on
    with transaction.atomic():
        action.save()
        _audit(actor, action.cycle.organisation, action, before, AuditAction.UPDATE)
    return action


def open_findings(cycle: AssessmentCycle) -> list[RequirementAnswer]:
    """Partial or non-compliant answers that no action addresses yet."""
    covered = set(cycle.actions.values_list("requirement", flat=True))
    return [a for a in cycle.answers.all() if a.result in FINDING_RESULTS and a.requirement not in covered]


def _change_line(label: str, before, after) -> str:
    if after is None:
        return f"{label}：未公表・未届出"
    if before is not None and before.pk == after.pk:
        return f"{label}：変更なし（第{after.number}版）"
    return f"{label}：{f'第{before.number}版' if before else 'なし'} → 第{after.number}版"


def close_cycle(actor, cycle: AssessmentCycle, summary: str = "") -> AssessmentCycle:
    _open(actor, cycle)
    unanswered = [a.requirement for a in cycle.answers.all() if not a.result]
    if unanswered:
        raise ValidationError(_("unanswered requirements: %(ids)s") % {"ids": ", ".join(unanswered)})
    findings = open_findings(cycle)
    if findings:
        raise ValidationError(
            _("findings without an action: %(ids)s") % {"ids": ", ".join(a.requirement for a in findings)})
    before = full_snapshot(cycle)
    policy = latest_released(cycle.organisation, DocumentKind.POLICY)
    rules = latest_released(cycle.organisation, DocumentKind.RULES)
    lines = [_change_line("情報取扱方針", cycle.policy_at_open, policy),
             _change_line("情報取扱規程", cycle.rules_at_open, rules)]
    if summary.strip():
        lines.append(summary.strip())
    cycle.changes = "\n".join(lines)
    cycle.state, cycle.closed_at, cycle.closed_by = CycleState.CLOSED, timezone.now(), actor
    with transaction.atomic():
        cycle.save()
        _audit(actor, cycle.organisation, cycle, before, AuditAction.UPDATE)
    return cycle
