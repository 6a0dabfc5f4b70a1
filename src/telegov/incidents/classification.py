"""The accident classification engine: which regime an event falls under and which reports it calls for.

Every threshold, form and period is read from the rule book version in force on the Tokyo date the
event occurred (started_at; detected_at for leaks and near-misses); every due date comes from
`telegov.legal_calendar`. Plain data in and out, so the CLI, the web app and jobs share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from telegov.core.choices import ServiceCategory
from telegov.incidents.schema import (
    Classification,
    FieldProblem,
    IncidentInput,
    IncidentInputError,
    InputError,
    MissingField,
    Report,
    check_record,
    record_id,
)
from telegov.incidents.vocabulary import (
    CORE_FUNCTION_JA,
    PROMPTLY,
    Cause,
    ClassificationKind,
    IncidentKind,
    NearMissSituation,
    ReportKind,
)
from telegov.incidents.wording import date_ja, duration_ja, hours_ja, users_ja
from telegov.legal_calendar import due_date, quarter_end, tokyo_date
from telegov.rules import Confidence, Rule, RuleBook, rule_book
from telegov.rules.parameters import (
    ImportantFacilityOutage,
    NearMissReportForm,
    NearMissScope,
    NearMissSituations,
    PromptAndDetailedReports,
    QuarterlyDuty,
    QuarterlyLeakCriterion,
    QuarterlyOutageCriterion,
    QuarterlyReportClass,
    SeriousAccidentThresholds,
    ThresholdPair,
)

# Art. 58(2)(i) row 5 covers every service not in rows 1-4, so a category whose own row is not yet
# in force on the day (LPWA before 2019, every category before 2015) is judged under it.
RESIDUAL_CATEGORY = ServiceCategory.OTHER

SERIOUS_PREFIX = "accident.serious."
IMPORTANT_FACILITY = "accident.serious.important_facility"
QUARTERLY_CRITERION = {
    Cause.TELECOM_FACILITY: "accident.quarterly.telecom_facility",
    Cause.OTHER_FACILITY: "accident.quarterly.other_facility",
}
# Checked in this order; a telecom-facility failure that fits neither takes the ordinance form.
QUARTERLY_SPECIAL_CLASSES = (
    ("accident.quarterly.class.minor", ClassificationKind.MINOR_NO_REPORT),
    ("accident.quarterly.class.notice_form", ClassificationKind.QUARTERLY_SIMPLIFIED),
)


class _Judgement:
    """Collects the rules used, the reasons and the reports while one event is classified."""

    def __init__(self, book: RuleBook, incident: IncidentInput, moment: datetime, moment_field: str):
        self.book = book
        self.incident = incident
        self.moment_field = moment_field
        self.day = tokyo_date(moment)
        self.basis: list[str] = []
        self.reasons: list[str] = []
        self.reports: list[Report] = []
        self.cautions: list[str] = []

    def find(self, rule_id: str) -> Rule | None:
        return self.book.find(rule_id, self.day)

    def rule(self, rule_id: str) -> Rule:
        rule = self.find(rule_id)
        if rule is None:
            raise IncidentInputError([_out_of_book(self.moment_field, rule_id, self.day)])
        return rule

    def use(self, rule: Rule, confidence: Confidence | None = None) -> None:
        """Cite `rule`; warn when what the decision rests on is unverified."""
        if rule.id not in self.basis:
            self.basis.append(rule.id)
            if (confidence or rule.confidence) == Confidence.UNVERIFIED:
                self.cautions.append(f"根拠とした規定（{rule.title_ja}）には一次資料で確認できていない内容が含まれます。")

    def say(self, sentence: str) -> None:
        self.reasons.append(sentence)

    def result(self, kind: ClassificationKind) -> Classification:
        return Classification(id=self.incident.id, classification=kind, reports=self.reports,
                              basis=self.basis, reasons=self.reasons + self.cautions)


def _out_of_book(field: str, rule_id: str, day: date) -> FieldProblem:
    return FieldProblem(field=field, message=f"the rule book has no rule {rule_id!r} in force on {day.isoformat()}")


def _reached(duration: timedelta, users: int, pair: ThresholdPair) -> bool:
    return duration >= timedelta(hours=pair.min_hours) and users >= pair.min_users


def _pairs_ja(pairs: Iterable[ThresholdPair]) -> str:
    return "、".join(f"{hours_ja(p.min_hours)}以上かつ{users_ja(p.min_users)}以上" for p in pairs)


def _category_rule(j: _Judgement, category: ServiceCategory) -> Rule:
    rule = j.find(SERIOUS_PREFIX + category.value)
    if rule is not None:
        return rule
    residual = j.rule(SERIOUS_PREFIX + RESIDUAL_CATEGORY.value)
    if category != RESIDUAL_CATEGORY:
        own = j.book.versions(SERIOUS_PREFIX + category.value)[-1].typed(SeriousAccidentThresholds)
        fallback = residual.typed(SeriousAccidentThresholds)
        j.say(f"{date_ja(j.day)}時点では「{own.service_ja}」の区分の基準が施行されていないため、"
              f"「{fallback.service_ja}」の基準により判定します。")
    return residual


def _serious(j: _Judgement, duration: timedelta, users: int) -> bool:
    incident = j.incident
    rule = _category_rule(j, incident.service_category)
    terms = rule.typed(SeriousAccidentThresholds)
    met = [pair for pair in terms.pairs if _reached(duration, users, pair)]
    facts = f"（継続時間{duration_ja(duration)}、影響利用者数{users:,}人）"
    serious = bool(met)
    if met:
        confirmed = any((pair.confidence or rule.confidence) == Confidence.CONFIRMED for pair in met)
        j.use(rule, Confidence.CONFIRMED if confirmed else Confidence.UNVERIFIED)
        for pair in met:
            j.say(f"{terms.service_ja}で{_pairs_ja([pair])}に影響した{facts}ため、{rule.article}の重大な事故に該当します。")
    important = j.find(IMPORTANT_FACILITY)
    if important is not None and incident.important_facility and incident.all_traffic_stopped:
        facility = important.typed(ImportantFacilityOutage)
        j.use(important)
        if duration >= timedelta(hours=facility.min_hours):
            serious = True
            j.say(f"{facility.facility_ja}の故障により、当該設備を利用するすべての通信が{hours_ja(facility.min_hours)}以上"
                  f"（{duration_ja(duration)}）不能となったため、{important.article}の重大な事故に該当します。")
        else:
            j.say(f"{facility.facility_ja}を利用するすべての通信が不能となった時間（{duration_ja(duration)}）は"
                  f"{hours_ja(facility.min_hours)}に満たないため、{important.article}の重要な設備の基準には該当しません。")
    if not serious:
        j.use(rule)
        j.say(f"{terms.service_ja}の重大な事故の基準（{_pairs_ja(terms.pairs)}のいずれか）に達しない{facts}ため、"
              f"{rule.article}の重大な事故には該当しません。")
    return serious


def _prompt_and_detailed(j: _Judgement, rule_id: str, start: datetime) -> None:
    rule = j.rule(rule_id)
    terms = rule.typed(PromptAndDetailedReports)
    due = due_date(start, days=terms.detailed_report_days, office_filing=terms.office_filing)
    j.use(rule)
    j.reports += [
        Report(kind=ReportKind.FIRST_REPORT, form=terms.first_report_means, due=PROMPTLY),
        Report(kind=ReportKind.DETAILED_REPORT, form=terms.detailed_report_form, due=due),
    ]
    j.say(f"速やかに第一報（{terms.first_report_means}）を行い、{terms.counted_from_ja}から{terms.detailed_report_days}日"
          f"以内（{date_ja(due)}まで）に{terms.detailed_report_form}により報告します（{rule.article}）。")


def _quarterly_report(j: _Judgement, kind: ClassificationKind, form: str) -> Classification:
    duty = j.rule("accident.quarterly_report")
    terms = duty.typed(QuarterlyDuty)
    end = quarter_end(j.day, terms.reporting_year_start_month)
    due = due_date(end, months=terms.due_months_after_quarter_end, office_filing=terms.office_filing)
    j.use(duty)
    j.reports.append(Report(kind=ReportKind.QUARTERLY_REPORT, form=form, due=due))
    j.say(f"{date_ja(end)}に終わる四半期の終了後{terms.due_months_after_quarter_end}か月以内（{date_ja(due)}まで）に"
          f"{form}により報告します（{duty.article}）。")
    return j.result(kind)


def _quarterly_class(j: _Judgement) -> Classification:
    incident = j.incident
    # The notice form and the no-report class name failures of particular telecom facilities.
    if incident.kind == IncidentKind.OUTAGE and incident.cause == Cause.TELECOM_FACILITY:
        for rule_id, kind in QUARTERLY_SPECIAL_CLASSES:
            rule = j.find(rule_id)
            if rule is None:
                continue
            terms = rule.typed(QuarterlyReportClass)
            facility_ja = terms.facility_classes.get(incident.facility_class)
            if facility_ja is None:
                continue
            j.use(rule)
            if terms.only_if_impact_within_premises:
                if incident.impact_within_premises is None:
                    raise MissingField("impact_within_premises", "missing: needed for customer_premises facilities")
                if not incident.impact_within_premises:
                    j.say(f"{facility_ja}の故障ですが、影響が同一の構内にとどまらないため、"
                          f"{rule.article}の報告を要しない軽微な事故には当たりません。")
                    continue
                j.say(f"{facility_ja}の故障で影響が同一の構内にとどまるため、"
                      f"{rule.article}により報告を要しない軽微な事故です。")
            else:
                j.say(f"{facility_ja}の故障によるため、{rule.article}により{terms.form}で報告します。")
            if terms.form is None:
                return j.result(kind)
            return _quarterly_report(j, kind, terms.form)
    rule = j.rule("accident.quarterly.class.ordinance_form")
    terms = rule.typed(QuarterlyReportClass)
    j.use(rule)
    return _quarterly_report(j, ClassificationKind.QUARTERLY, terms.form or "")


def _outage(book: RuleBook, incident: IncidentInput) -> Classification:
    j = _Judgement(book, incident, incident.started_at, "started_at")
    duration, users = incident.duration(), incident.affected_users
    if incident.cause == Cause.TELECOM_FACILITY and _serious(j, duration, users):
        _prompt_and_detailed(j, "accident.report.serious", incident.started_at)
        return j.result(ClassificationKind.SERIOUS)
    rule = j.rule(QUARTERLY_CRITERION[incident.cause])
    terms = rule.typed(QuarterlyOutageCriterion)
    j.use(rule)
    met = []
    if users >= terms.min_users:
        met.append(f"影響利用者数が{users_ja(terms.min_users)}以上（{users:,}人）")
    if duration >= timedelta(hours=terms.min_hours):
        met.append(f"継続時間が{hours_ja(terms.min_hours)}以上（{duration_ja(duration)}）")
    if not met:
        j.say(f"{terms.cause_ja}による事故ですが、影響利用者数{users:,}人・継続時間{duration_ja(duration)}は"
              f"{users_ja(terms.min_users)}以上又は{hours_ja(terms.min_hours)}以上の基準に達しないため、"
              f"{rule.article}の四半期報告事故に該当せず、報告を要しません。")
        return j.result(ClassificationKind.NOT_REPORTABLE)
    j.say(f"{terms.cause_ja}により、{'かつ'.join(met)}であるため、{rule.article}の四半期報告事故に該当します。")
    return _quarterly_class(j)


def _facility_info_leak(book: RuleBook, incident: IncidentInput) -> Classification:
    j = _Judgement(book, incident, incident.detected_at, "detected_at")
    rule = j.rule("accident.quarterly.facility_info_leak")
    j.use(rule)
    j.say(f"{rule.typed(QuarterlyLeakCriterion).description_ja}であるため、{rule.article}の四半期報告事故に該当します。")
    return _quarterly_class(j)


def _secrecy_leak(book: RuleBook, incident: IncidentInput) -> Classification:
    j = _Judgement(book, incident, incident.detected_at, "detected_at")
    _prompt_and_detailed(j, "accident.report.secrecy_leak", incident.detected_at)
    j.reasons.insert(0, f"通信の秘密の漏えいは{j.rule('accident.report.secrecy_leak').article}により報告を要します。")
    return j.result(ClassificationKind.SECRECY_LEAK)


def _suspension(book: RuleBook, incident: IncidentInput) -> Classification:
    j = _Judgement(book, incident, incident.started_at, "started_at")
    _prompt_and_detailed(j, "accident.report.suspension", incident.started_at)
    j.reasons.insert(0, f"事業の一部の休止は{j.rule('accident.report.suspension').article}により報告を要します。")
    return j.result(ClassificationKind.SUSPENSION)


def _near_miss(book: RuleBook, incident: IncidentInput) -> Classification:
    j = _Judgement(book, incident, incident.detected_at, "detected_at")
    duty = j.find("accident.near_miss_report")
    if duty is None:
        start = book.versions("accident.near_miss_report")[0]
        j.say(f"重大な事故が生ずるおそれがあると認められる事態の報告（{start.article}）は{date_ja(start.effective_from)}"
              f"施行であり、{date_ja(j.day)}に覚知した事態には適用されません。")
        return j.result(ClassificationKind.NOT_REPORTABLE)
    scope_rule, situations_rule = j.rule("accident.near_miss.scope"), j.rule("accident.near_miss.situations")
    scope, situations = scope_rule.typed(NearMissScope), situations_rule.typed(NearMissSituations)
    j.use(duty)
    j.use(scope_rule)
    j.use(situations_rule)
    facility, users = incident.facility, incident.operator_users_prev_fy
    functions_ja = "・".join(CORE_FUNCTION_JA[f] for f in CORE_FUNCTION_JA if f.value in scope.core_functions)
    out_of_scope = []
    if users < scope.operator_min_users_prev_fy:
        out_of_scope.append(f"前年度末の利用者数が{users:,}人で、{users_ja(scope.operator_min_users_prev_fy)}未満です。")
    if not facility.multi_prefecture:
        out_of_scope.append(f"役務の提供が{scope.min_prefectures}以上の都道府県にわたる設備ではありません。")
    if facility.terminal_or_access_line:
        out_of_scope.append("端末設備又は端末系伝送路設備です。")
    if facility.core_function.value not in scope.core_functions:
        out_of_scope.append(f"{functions_ja}のいずれの機能も持たない設備です。")
    situation_ja = situations.listed.get(incident.situation)
    if situation_ja is None:
        out_of_scope.append("報告の対象として列挙された事態に当たりません。")
    if out_of_scope:
        j.reasons += out_of_scope
        j.say(f"このため、重大な事故が生ずるおそれがあると認められる事態の報告（{duty.article}）の対象外です。")
        return j.result(ClassificationKind.NOT_REPORTABLE)
    form_rule = j.rule("accident.report.near_miss")
    form = form_rule.typed(NearMissReportForm).form
    j.use(form_rule)
    due = due_date(incident.detected_at, days=scope.report_days_from_awareness, office_filing=scope.office_filing)
    j.reports.append(Report(kind=ReportKind.NEAR_MISS_REPORT, form=form, due=due))
    j.say(f"前年度末の利用者数が{users_ja(scope.operator_min_users_prev_fy)}以上（{users:,}人）の事業者の、"
          f"{scope.min_prefectures}以上の都道府県にわたる設備（{CORE_FUNCTION_JA[facility.core_function]}機能）で"
          f"「{situation_ja}」が生じたため、{duty.article}の重大な事故が生ずるおそれがあると認められる事態に該当します。")
    if incident.situation == NearMissSituation.OTHER_LISTED:
        j.say("その他の列挙事態に当たるかは事業者の判断によります（列挙の全文は未確認）。")
    j.say(f"覚知した日から{scope.report_days_from_awareness}日以内（{date_ja(due)}まで）に報告します（{form}）。")
    return j.result(ClassificationKind.NEAR_MISS)


_BY_KIND = {
    IncidentKind.OUTAGE: _outage,
    IncidentKind.SECRECY_LEAK: _secrecy_leak,
    IncidentKind.FACILITY_INFO_LEAK: _facility_info_leak,
    IncidentKind.BUSINESS_SUSPENSION: _suspension,
    IncidentKind.NEAR_MISS: _near_miss,
}


def classify(record: dict[str, Any] | IncidentInput, book: RuleBook | None = None) -> Classification:
    """Classify one event. Raises `IncidentInputError` naming the fields at fault."""
    incident = check_record(record)
    return _BY_KIND[incident.kind](book or rule_book(), incident)


def classify_many(records: Iterable[Any], book: RuleBook | None = None) -> list[Classification | InputError]:
    """Classify each record in order; a record that cannot be classified yields an `InputError` in its place."""
    book = book or rule_book()
    results: list[Classification | InputError] = []
    for index, record in enumerate(records):
        try:
            results.append(classify(record, book))
        except IncidentInputError as exc:
            results.append(InputError(index=index, id=record_id(record), problems=exc.problems))
    return results
