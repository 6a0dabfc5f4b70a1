"""The words of an incident record and of a classification. Plain enums, no Django set-up needed."""

from __future__ import annotations

from enum import StrEnum


class IncidentKind(StrEnum):
    OUTAGE = "outage"
    SECRECY_LEAK = "secrecy_leak"
    FACILITY_INFO_LEAK = "facility_info_leak"
    BUSINESS_SUSPENSION = "business_suspension"
    NEAR_MISS = "near_miss"


class Cause(StrEnum):
    TELECOM_FACILITY = "telecom_facility"
    # Equipment that is not a telecom facility (報告規則 Art. 7-3(1)(ii)).
    OTHER_FACILITY = "other_facility"


class FacilityClass(StrEnum):
    """Facility classes that decide the quarterly report form (報告規則 Art. 7-3 and its 告示)."""

    GENERAL = "general"
    MOBILE_ACCESS_LINE = "mobile_access_line"
    REMOTE_SUBSCRIBER_UNIT = "remote_subscriber_unit"
    DSLAM = "dslam"
    CUSTOMER_PREMISES = "customer_premises"


class CoreFunction(StrEnum):
    TRANSMISSION = "transmission"
    SWITCHING = "switching"
    CONTROL = "control"
    OAM = "oam"
    SUBSCRIBER_AUTH = "subscriber_auth"
    NONE = "none"


class NearMissSituation(StrEnum):
    COULD_NOT_STOP = "could_not_stop"
    STANDBY_SWITCH_FAILED = "standby_switch_failed"
    OTHER_LISTED = "other_listed"
    UNLISTED = "unlisted"


class ClassificationKind(StrEnum):
    SERIOUS = "serious"
    QUARTERLY = "quarterly"
    QUARTERLY_SIMPLIFIED = "quarterly_simplified"
    MINOR_NO_REPORT = "minor_no_report"
    SECRECY_LEAK = "secrecy_leak"
    SUSPENSION = "suspension"
    NEAR_MISS = "near_miss"
    NOT_REPORTABLE = "not_reportable"


class ReportKind(StrEnum):
    FIRST_REPORT = "first_report"
    DETAILED_REPORT = "detailed_report"
    QUARTERLY_REPORT = "quarterly_report"
    NEAR_MISS_REPORT = "near_miss_report"


PROMPTLY = "promptly"

CORE_FUNCTION_JA = {
    CoreFunction.TRANSMISSION: "伝送",
    CoreFunction.SWITCHING: "交換",
    CoreFunction.CONTROL: "制御",
    CoreFunction.OAM: "運用・監視・保守",
    CoreFunction.SUBSCRIBER_AUTH: "加入者管理（接続・認証）",
}
