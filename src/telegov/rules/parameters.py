"""Typed shapes of the parameters that code reads. A rule whose id is registered here is
validated against its shape when the rule book loads, so a data error stops start-up instead of
surfacing as a wrong answer."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from telegov.core.choices import RegistrationStatus, TransmissionServiceType
from telegov.rules.schema import Parameters


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
    "facilities.conformance": FacilityConformance,
    "facilities.self_confirmation": RecurringDuty,
    "accident.serious_report": RecurringDuty,
    "accident.quarterly_report": QuarterlyDuty,
    "accident.near_miss_report": RecurringDuty,
    "accident.near_miss.scope": NearMissScope,
}
