"""Typed shapes of the parameters that code reads. A rule whose id is registered here is
validated against its shape when the rule book loads, so a data error stops start-up instead of
surfacing as a wrong answer."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import AnyHttpUrl, Field

from telegov.core.choices import RegistrationStatus, TransmissionServiceType
from telegov.incidents.vocabulary import FacilityClass, NearMissSituation
from telegov.rules.schema import Confidence, Parameters


class DutyLevel(StrEnum):
    MANDATORY = "mandatory"
    EFFORT = "effort"


class Frequency(StrEnum):
    ONGOING = "ongoing"
    ON_EVENT = "on_event"
    BEFORE_USE = "before_use"
    QUARTER = "quarter"
    BUSINESS_YEAR = "business_year"


class Duty(Parameters):
    """A duty and the registration statuses that bear it."""

    applies_to: list[RegistrationStatus]


class DesignationThresholds(Parameters):
    """Users at which a service's operator is designated for specified user information."""

    free_min_users: int = Field(gt=0)
    paid_min_users: int = Field(gt=0)


class BelowThreshold(Parameters):
    """The lighter duty for operators under the designation thresholds (the seed's effort duty)."""

    level: DutyLevel
    applies_to: list[RegistrationStatus]


class DutyDueAfterDesignation(Duty):
    due_months_after_designation: int = Field(gt=0)
    office_filing: bool
    below_threshold: BelowThreshold | None = None


class RecurringDuty(Duty):
    frequency: Frequency
    below_threshold: BelowThreshold | None = None


class QuarterlyDuty(RecurringDuty):
    due_months_after_quarter_end: int = Field(gt=0)
    reporting_year_start_month: int = Field(ge=1, le=12)
    office_filing: bool


class TransmissionNotice(Duty):
    covered_service_types: list[TransmissionServiceType]
    required_items: list[str]


class FacilityConformance(Duty):
    paid_min_users_prev_fy: int = Field(gt=0)


class NearMissScope(Parameters):
    """Who and what the report of a situation likely to cause a serious accident covers."""

    operator_min_users_prev_fy: int = Field(gt=0)
    min_prefectures: int = Field(gt=0)
    core_functions: list[str]
    report_days_from_awareness: int = Field(gt=0)
    office_filing: bool = True


# --- Accident classification (施行規則 Arts. 57–58, 報告規則 Art. 7-3), read by telegov.incidents ---


class ThresholdPair(Parameters):
    """One (duration, affected users) pair; both must be reached. `confidence` overrides the rule's for this pair."""

    min_hours: int = Field(gt=0)
    min_users: int = Field(gt=0)
    confidence: Confidence | None = None
    facts: list[str] = Field(default_factory=list)


class SeriousAccidentThresholds(Parameters):
    """The serious-accident pairs of one service category; any one pair is enough."""

    service_ja: str = Field(min_length=1)
    pairs: list[ThresholdPair] = Field(min_length=1)


class ImportantFacilityOutage(Parameters):
    facility_ja: str = Field(min_length=1)
    min_hours: int = Field(gt=0)


class QuarterlyOutageCriterion(Parameters):
    """Affected users or duration (either is enough) at which a failure is a quarterly-report accident."""

    cause_ja: str = Field(min_length=1)
    min_users: int = Field(gt=0)
    min_hours: int = Field(gt=0)


class QuarterlyLeakCriterion(Parameters):
    description_ja: str = Field(min_length=1)


class QuarterlyReportClass(Parameters):
    """Which quarterly-report accidents take which form; `form` None means no report at all."""

    form: str | None = Field(min_length=1)
    facility_classes: dict[FacilityClass, str] = Field(default_factory=dict)
    only_if_impact_within_premises: bool = False


class PromptAndDetailedReports(Parameters):
    """A first report made promptly, then a detailed report on a form within days of an event."""

    first_report_means: str = Field(min_length=1)
    counted_from_ja: str = Field(min_length=1)
    detailed_report_form: str = Field(min_length=1)
    detailed_report_days: int = Field(gt=0)
    office_filing: bool = True


class NearMissReportForm(Parameters):
    form: str = Field(min_length=1)


class NearMissSituations(Parameters):
    """The situations the report covers, each with its description."""

    listed: dict[NearMissSituation, str] = Field(min_length=1)


class FacilityMeasure(Parameters):
    """One measure of the Facility Rules: an item of the conformance checklist."""

    requirement_ja: str = Field(min_length=1)
    requirement_en: str = Field(min_length=1)


class TransmissionException(Parameters):
    code: str
    label_ja: str
    label_en: str
    examples_ja: list[str]


class TransmissionExceptions(Parameters):
    exceptions: list[TransmissionException] = Field(min_length=1)


class TransmissionManner(Parameters):
    requirements_ja: list[str] = Field(min_length=1)
    timing: str


class CountryFacts(Parameters):
    """The legal environment of one country, as the policy and the self-assessment read it. None: not known."""

    name_ja: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    has_comprehensive_law: bool | None
    law_name: str = Field(min_length=1)
    gov_access_duty: bool | None
    gov_access_note: str
    localisation_duty: bool | None
    localisation_note: str
    source_url: AnyHttpUrl
    as_of: date


PARAMETER_MODELS: dict[str, type[Parameters]] = {
    "specified.designation_thresholds": DesignationThresholds,
    "specified.info_rules": DutyDueAfterDesignation,
    "specified.info_policy": DutyDueAfterDesignation,
    "specified.chief_manager": DutyDueAfterDesignation,
    "specified.self_assessment": RecurringDuty,
    "secrecy.protection": RecurringDuty,
    "userinfo.safety_management": RecurringDuty,
    "userinfo.contractor_supervision": RecurringDuty,
    "transmission.notice": TransmissionNotice,
    "transmission.exceptions": TransmissionExceptions,
    "transmission.manner": TransmissionManner,
    "facilities.conformance": FacilityConformance,
    "facilities.self_confirmation": RecurringDuty,
    "accident.serious_report": RecurringDuty,
    "accident.quarterly_report": QuarterlyDuty,
    "accident.near_miss_report": RecurringDuty,
    "accident.near_miss.scope": NearMissScope,
    "accident.serious.voice_emergency": SeriousAccidentThresholds,
    "accident.serious.voice": SeriousAccidentThresholds,
    "accident.serious.lpwa": SeriousAccidentThresholds,
    "accident.serious.free_internet": SeriousAccidentThresholds,
    "accident.serious.other": SeriousAccidentThresholds,
    "accident.serious.important_facility": ImportantFacilityOutage,
    "accident.quarterly.telecom_facility": QuarterlyOutageCriterion,
    "accident.quarterly.other_facility": QuarterlyOutageCriterion,
    "accident.quarterly.facility_info_leak": QuarterlyLeakCriterion,
    "accident.quarterly.class.ordinance_form": QuarterlyReportClass,
    "accident.quarterly.class.notice_form": QuarterlyReportClass,
    "accident.quarterly.class.minor": QuarterlyReportClass,
    "accident.report.serious": PromptAndDetailedReports,
    "accident.report.secrecy_leak": PromptAndDetailedReports,
    "accident.report.suspension": PromptAndDetailedReports,
    "accident.report.near_miss": NearMissReportForm,
    "accident.near_miss.situations": NearMissSituations,
}

# Families of rules that share one shape, by id prefix.
PARAMETER_MODEL_PREFIXES: dict[str, type[Parameters]] = {
    "facilities.measure.": FacilityMeasure,
    "country.": CountryFacts,
}


def parameter_model(rule_id: str) -> type[Parameters] | None:
    """The typed shape of a rule's parameters, if it has one."""
    if rule_id in PARAMETER_MODELS:
        return PARAMETER_MODELS[rule_id]
    return next((model for prefix, model in PARAMETER_MODEL_PREFIXES.items() if rule_id.startswith(prefix)), None)
