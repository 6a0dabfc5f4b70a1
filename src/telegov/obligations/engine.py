"""Which duties of the Act apply to an operator profile, on what basis, and by when.

Who bears a duty (`applies_to`), thresholds, periods and whether a deadline is a filing all come
from the rule book; this module only holds the shape of each duty's condition.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import BaseModel

from telegov.core.choices import RegistrationStatus
from telegov.legal_calendar import add_months, due_date, fiscal_year_end, quarter_end
from telegov.obligations.profile import Profile, ServiceProfile
from telegov.rules import Rule, RuleBook, rule_book
from telegov.rules.parameters import (
    PARAMETER_MODELS,
    DesignationThresholds,
    DutyDueAfterDesignation,
    DutyLevel,
    FacilityConformance,
    Frequency,
    NearMissScope,
    QuarterlyDuty,
    RecurringDuty,
    TransmissionNotice,
)


class Basis(BaseModel):
    rule: str
    article: str
    source: str
    confidence: str


class Obligation(BaseModel):
    id: str
    title_ja: str
    title_en: str
    level: DutyLevel
    basis: list[Basis]
    frequency: Frequency | None = None
    due: date | None = None
    due_rule: str | None = None
    services: list[str] = []
    reason_ja: str
    reason_en: str


class Assessment(BaseModel):
    operator: str
    on: date
    obligations: list[Obligation]
    message_ja: str | None = None
    message_en: str | None = None

    def to_output(self) -> dict:
        """The documented JSON shape of `telegov obligations --format json`."""
        return {
            "operator": self.operator,
            "on": self.on.isoformat(),
            "obligations": [
                {
                    "id": item.id,
                    "title_ja": item.title_ja,
                    "title_en": item.title_en,
                    "level": item.level.value,
                    "basis": [basis.model_dump() for basis in item.basis],
                    "frequency": item.frequency.value if item.frequency else None,
                    "due": item.due.isoformat() if item.due else None,
                    "due_rule": item.due_rule,
                    "services": item.services,
                    "reason_ja": item.reason_ja,
                    "reason_en": item.reason_en,
                }
                for item in self.obligations
            ],
            "message_ja": self.message_ja,
            "message_en": self.message_en,
        }


def _basis(*rules: Rule) -> list[Basis]:
    return [Basis(rule=r.id, article=r.article, source=str(r.source), confidence=r.confidence.value) for r in rules]


def _duty(rule: Rule, level: DutyLevel, reason_ja: str, reason_en: str, *, extra_basis: tuple[Rule, ...] = (),
          frequency: Frequency | None = None, due: date | None = None, due_rule: str | None = None,
          services: list[str] | None = None) -> Obligation:
    return Obligation(
        id=rule.id, title_ja=rule.title_ja, title_en=rule.title_en, level=level,
        basis=_basis(rule, *extra_basis), frequency=frequency, due=due, due_rule=due_rule,
        services=services or [], reason_ja=reason_ja, reason_en=reason_en,
    )


class _Context:
    def __init__(self, profile: Profile, on: date, book: RuleBook):
        self.profile, self.on, self.book = profile, on, book
        self.status = RegistrationStatus(profile.operator.registration_status)

    def rule(self, rule_id: str) -> Rule | None:
        return self.book.find(rule_id, self.on)

    def designated_services(self, thresholds: DesignationThresholds) -> list[ServiceProfile]:
        return [
            service for service in self.profile.services
            if service.users >= (thresholds.paid_min_users if service.paid else thresholds.free_min_users)
        ]


_STATUS_JA = {"registered": "登録事業者", "notified": "届出事業者", "third_category": "第三号事業を営む者",
              "none": "電気通信事業を営まない者"}
_STATUS_EN = {"registered": "registered", "notified": "notified", "third_category": "third-category",
              "none": "non-telecom"}


def _status_ja(status: RegistrationStatus) -> str:
    return _STATUS_JA[status]


def _plain_duty(ctx: _Context, rule_id: str) -> Obligation | None:
    """A duty that every operator of the listed statuses bears, with no further condition."""
    rule = ctx.rule(rule_id)
    if rule is None:
        return None
    terms = rule.typed(RecurringDuty)
    if ctx.status not in terms.applies_to:
        return None
    return _duty(rule, DutyLevel.MANDATORY,
                 f"{_status_ja(ctx.status)}であるため、{rule.article}が適用されます。",
                 f"Applies to every {_STATUS_EN[ctx.status]} operator ({rule.article}).",
                 frequency=terms.frequency)


def _specified_duties(ctx: _Context) -> list[Obligation]:
    thresholds_rule = ctx.rule("specified.designation_thresholds")
    if thresholds_rule is None:
        return []
    thresholds = thresholds_rule.typed(DesignationThresholds)
    designated = ctx.designated_services(thresholds)
    names = [service.name for service in designated]
    operator = ctx.profile.operator
    duties = []
    for rule_id in ("specified.info_rules", "specified.info_policy", "specified.chief_manager",
                    "specified.self_assessment"):
        rule = ctx.rule(rule_id)
        if rule is None:
            continue
        terms = rule.typed(PARAMETER_MODELS[rule_id])
        if designated and ctx.status in terms.applies_to:
            due, frequency = None, getattr(terms, "frequency", None)
            if isinstance(terms, DutyDueAfterDesignation) and operator.designated_on:
                due = due_date(operator.designated_on, months=terms.due_months_after_designation,
                               office_filing=terms.office_filing)
            elif frequency == Frequency.BUSINESS_YEAR:
                due = fiscal_year_end(ctx.on, operator.business_year_start_month)
            duties.append(_duty(
                rule, DutyLevel.MANDATORY,
                f"{'、'.join(names)}が指定基準（無料{thresholds.free_min_users:,}人以上・有料"
                f"{thresholds.paid_min_users:,}人以上）を満たすため、{rule.article}の義務があります。",
                f"{', '.join(names)} meets the designation thresholds (free >= {thresholds.free_min_users:,}, "
                f"paid >= {thresholds.paid_min_users:,} users): {rule.article} applies.",
                extra_basis=(thresholds_rule,), frequency=frequency, due=due, services=names,
                due_rule=None if due is None else rule.id,
            ))
        elif not designated and terms.below_threshold and ctx.status in terms.below_threshold.applies_to:
            duties.append(_duty(
                rule, terms.below_threshold.level,
                f"指定基準を満たす役務はありませんが、{_status_ja(ctx.status)}には同等の取組が努力義務として求められます。",
                f"No service meets the designation thresholds; {_STATUS_EN[ctx.status]} operators should "
                "make equivalent efforts.",
                extra_basis=(thresholds_rule,), frequency=getattr(terms, "frequency", None),
            ))
    return duties


def _transmission_duty(ctx: _Context) -> Obligation | None:
    rule = ctx.rule("transmission.notice")
    if rule is None:
        return None
    terms = rule.typed(TransmissionNotice)
    covered = [service.name for service in ctx.profile.services
               if service.transmission_type in terms.covered_service_types and service.sends_user_info_outward]
    if ctx.status not in terms.applies_to or not covered:
        return None
    return _duty(rule, DutyLevel.MANDATORY,
                 f"{'、'.join(covered)}は対象役務であり、利用者の端末から外部へ利用者情報を送信させるため、"
                 f"送信前の通知又は公表が必要です（{rule.article}）。",
                 f"{', '.join(covered)} are covered services whose sites or apps send user information "
                 f"outward: notify or publish beforehand ({rule.article}).",
                 frequency=Frequency.BEFORE_USE, services=covered)


def _quarterly_duty(ctx: _Context) -> Obligation | None:
    rule = ctx.rule("accident.quarterly_report")
    if rule is None:
        return None
    terms = rule.typed(QuarterlyDuty)
    if ctx.status not in terms.applies_to:
        return None
    # The next report due on or after the day: the last ended quarter's, unless its deadline has passed.
    current_end = quarter_end(ctx.on, terms.reporting_year_start_month)
    previous_end = quarter_end(add_months(current_end, -3), terms.reporting_year_start_month)
    due = due_date(previous_end, months=terms.due_months_after_quarter_end, office_filing=terms.office_filing)
    if due < ctx.on:
        due = due_date(current_end, months=terms.due_months_after_quarter_end, office_filing=terms.office_filing)
    return _duty(rule, DutyLevel.MANDATORY,
                 f"{_status_ja(ctx.status)}は、四半期ごとに終了後{terms.due_months_after_quarter_end}か月以内に"
                 f"報告します（{rule.article}）。",
                 f"Carriers report each quarter within {terms.due_months_after_quarter_end} months of its end "
                 f"({rule.article}).",
                 frequency=terms.frequency, due=due, due_rule=rule.id)


def _near_miss_duty(ctx: _Context) -> Obligation | None:
    rule, scope_rule = ctx.rule("accident.near_miss_report"), ctx.rule("accident.near_miss.scope")
    if rule is None or scope_rule is None:
        return None
    terms, scope = rule.typed(RecurringDuty), scope_rule.typed(NearMissScope)
    users = ctx.profile.operator.users_prev_fy
    if ctx.status not in terms.applies_to or users < scope.operator_min_users_prev_fy:
        return None
    return _duty(rule, DutyLevel.MANDATORY,
                 f"前年度末の利用者数が{users:,}人で{scope.operator_min_users_prev_fy:,}人以上のため、"
                 f"重大な事故が生ずるおそれがある事態を覚知した日から{scope.report_days_from_awareness}日以内に"
                 "報告します。",
                 f"{users:,} users at the previous fiscal year end (>= {scope.operator_min_users_prev_fy:,}): "
                 f"report a situation likely to cause a serious accident within "
                 f"{scope.report_days_from_awareness} days of becoming aware of it.",
                 extra_basis=(scope_rule,), frequency=terms.frequency)


def _facility_duties(ctx: _Context) -> list[Obligation]:
    duties = []
    operator = ctx.profile.operator
    conformance = ctx.rule("facilities.conformance")
    if conformance is not None:
        terms = conformance.typed(FacilityConformance)
        large_paid = [service.name for service in ctx.profile.services
                      if service.paid and service.users >= terms.paid_min_users_prev_fy]
        if ctx.status in terms.applies_to and (operator.installs_circuit_facilities or large_paid):
            reason_ja = ("電気通信回線設備を設置しているため" if operator.installs_circuit_facilities else
                         f"{'、'.join(large_paid)}が有料で利用者{terms.paid_min_users_prev_fy:,}人以上のため")
            reason_en = ("It installs circuit facilities" if operator.installs_circuit_facilities else
                         f"{', '.join(large_paid)} is paid with >= {terms.paid_min_users_prev_fy:,} users")
            duties.append(_duty(conformance, DutyLevel.MANDATORY,
                                f"{reason_ja}、設備を技術基準に適合するよう維持します（{conformance.article}）。",
                                f"{reason_en}: keep its facilities conformant ({conformance.article}).",
                                frequency=Frequency.ONGOING, services=large_paid))
    confirmation = ctx.rule("facilities.self_confirmation")
    if confirmation is not None:
        terms = confirmation.typed(RecurringDuty)
        if ctx.status in terms.applies_to and operator.installs_circuit_facilities:
            duties.append(_duty(confirmation, DutyLevel.MANDATORY,
                                f"電気通信回線設備を設置しているため、使用開始前に自己確認し結果を届け出ます（{confirmation.article}）。",
                                f"It installs circuit facilities: self-confirm them and notify the results "
                                f"before use ({confirmation.article}).",
                                frequency=terms.frequency))
    return duties


_SECTIONS: list[Callable[[_Context], Obligation | list[Obligation] | None]] = [
    lambda ctx: _plain_duty(ctx, "secrecy.protection"),
    lambda ctx: _plain_duty(ctx, "userinfo.safety_management"),
    lambda ctx: _plain_duty(ctx, "userinfo.contractor_supervision"),
    _specified_duties,
    _transmission_duty,
    lambda ctx: _plain_duty(ctx, "accident.serious_report"),
    _quarterly_duty,
    _near_miss_duty,
    _facility_duties,
]


def assess(profile: Profile, on: date, book: RuleBook | None = None) -> Assessment:
    """The duties that apply to `profile` under the rules in force on `on`."""
    ctx = _Context(profile, on, book or rule_book())
    obligations: list[Obligation] = []
    for section in _SECTIONS:
        found = section(ctx)
        if isinstance(found, list):
            obligations.extend(found)
        elif found is not None:
            obligations.append(found)
    assessment = Assessment(operator=profile.operator.name, on=on, obligations=obligations)
    if ctx.status == RegistrationStatus.NONE:
        assessment.message_ja = "電気通信事業を営まない者には、電気通信事業法上の義務はありません。"
        assessment.message_en = "An operator that runs no telecommunications business has no duties under the Act."
    return assessment
