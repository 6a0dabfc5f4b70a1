"""Choices of the incident records. The engine's own words live in `vocabulary`; these add labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.incidents import vocabulary as v


class IncidentKind(models.TextChoices):
    OUTAGE = v.IncidentKind.OUTAGE.value, _("Outage or degraded service")
    SECRECY_LEAK = v.IncidentKind.SECRECY_LEAK.value, _("Leak of the secrecy of communications")
    FACILITY_INFO_LEAK = v.IncidentKind.FACILITY_INFO_LEAK.value, _("Leak of information about facilities")
    BUSINESS_SUSPENSION = v.IncidentKind.BUSINESS_SUSPENSION.value, _("Partial suspension of business")
    NEAR_MISS = v.IncidentKind.NEAR_MISS.value, _("Situation likely to cause a serious accident")


class Cause(models.TextChoices):
    TELECOM_FACILITY = v.Cause.TELECOM_FACILITY.value, _("Failure of a telecommunications facility")
    OTHER_FACILITY = v.Cause.OTHER_FACILITY.value, _("Failure of other equipment")


class FacilityClass(models.TextChoices):
    GENERAL = v.FacilityClass.GENERAL.value, _("General facility")
    MOBILE_ACCESS_LINE = v.FacilityClass.MOBILE_ACCESS_LINE.value, _("Access line to mobile terminals")
    REMOTE_SUBSCRIBER_UNIT = v.FacilityClass.REMOTE_SUBSCRIBER_UNIT.value, _("Remote subscriber unit")
    DSLAM = v.FacilityClass.DSLAM.value, _("DSL access multiplexer")
    CUSTOMER_PREMISES = v.FacilityClass.CUSTOMER_PREMISES.value, _("Carrier equipment at the user's premises")


class CoreFunction(models.TextChoices):
    TRANSMISSION = v.CoreFunction.TRANSMISSION.value, _("Transmission")
    SWITCHING = v.CoreFunction.SWITCHING.value, _("Switching")
    CONTROL = v.CoreFunction.CONTROL.value, _("Control")
    OAM = v.CoreFunction.OAM.value, _("Operation, monitoring and maintenance")
    SUBSCRIBER_AUTH = v.CoreFunction.SUBSCRIBER_AUTH.value, _("Subscriber management (connection, authentication)")
    NONE = v.CoreFunction.NONE.value, _("None of these")


class NearMissSituation(models.TextChoices):
    COULD_NOT_STOP = v.NearMissSituation.COULD_NOT_STOP.value, _("A failing facility could not be stopped")
    STANDBY_SWITCH_FAILED = v.NearMissSituation.STANDBY_SWITCH_FAILED.value, _(
        "The failure was not detected in time to switch to the standby facility")
    OTHER_LISTED = v.NearMissSituation.OTHER_LISTED.value, _("Another situation listed in the ordinance")
    UNLISTED = v.NearMissSituation.UNLISTED.value, _("Not a listed situation")


class Classification(models.TextChoices):
    SERIOUS = v.ClassificationKind.SERIOUS.value, _("Serious accident")
    QUARTERLY = v.ClassificationKind.QUARTERLY.value, _("Quarterly-report accident")
    QUARTERLY_SIMPLIFIED = v.ClassificationKind.QUARTERLY_SIMPLIFIED.value, _(
        "Quarterly-report accident (notice form)")
    MINOR_NO_REPORT = v.ClassificationKind.MINOR_NO_REPORT.value, _("Minor accident, no report")
    SECRECY_LEAK = v.ClassificationKind.SECRECY_LEAK.value, _("Leak of the secrecy of communications")
    SUSPENSION = v.ClassificationKind.SUSPENSION.value, _("Partial suspension of business")
    NEAR_MISS = v.ClassificationKind.NEAR_MISS.value, _("Situation likely to cause a serious accident")
    NOT_REPORTABLE = v.ClassificationKind.NOT_REPORTABLE.value, _("Not reportable")


QUARTERLY_CLASSIFICATIONS = frozenset({Classification.QUARTERLY, Classification.QUARTERLY_SIMPLIFIED})


class ReportKind(models.TextChoices):
    FIRST_REPORT = v.ReportKind.FIRST_REPORT.value, _("First report")
    DETAILED_REPORT = v.ReportKind.DETAILED_REPORT.value, _("Detailed report")
    QUARTERLY_REPORT = v.ReportKind.QUARTERLY_REPORT.value, _("Quarterly report")
    NEAR_MISS_REPORT = v.ReportKind.NEAR_MISS_REPORT.value, _(
        "Report of a situation likely to cause a serious accident")


class FacilityOwner(models.TextChoices):
    """Whose facility failed: the Act counts other carriers' and cloud facilities too (QR-01, §6.4)."""

    OWN = "own", _("Our own facility")
    OTHER_CARRIER = "other_carrier", _("Another carrier's facility")
    CLOUD_PROVIDER = "cloud_provider", _("A cloud provider's facility")
    OTHER_VENDOR = "other_vendor", _("Another vendor's facility")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class EventKind(models.TextChoices):
    DETECTED = "detected", _("Detected")
    FIRST_REPORT_SENT = "first_report_sent", _("First report sent")
    UPDATE = "update", _("Update")
    RECOVERED = "recovered", _("Recovered")
    REPORT_FILED = "report_filed", _("Report filed")
    RECLASSIFIED = "reclassified", _("Classification changed")
    CLOSED = "closed", _("Closed")


# Kinds a person may add by hand; the others are written by the actions themselves.
MANUAL_EVENT_KINDS = (EventKind.DETECTED, EventKind.FIRST_REPORT_SENT, EventKind.UPDATE, EventKind.RECOVERED)


class NotificationTopic(models.TextChoices):
    """What a webhook endpoint can subscribe to; also the `event` of each payload."""

    OPENED = "incident.opened", _("Incident opened")
    RECLASSIFIED = "incident.reclassified", _("Classification changed")
    CLOSED = "incident.closed", _("Incident closed")
    REPORT_FILED = "report.filed", _("Report filed")
    REMINDER = "report.reminder", _("Deadline reminder")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
