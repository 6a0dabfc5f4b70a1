"""Enumerations of the user-information register, its documents and the self-assessment."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InformationClass(models.TextChoices):
    """The seed's four classes of user information (電気通信役務利用者情報)."""

    CONTENT = "content", _("Communication: content")
    CONSTITUENT = "constituent", _("Communication: constituent elements (time, place, parties, identifiers)")
    USER_PROVIDED = "user_provided", _("About users: provided by the user")
    OBTAINED = "obtained", _("About users: obtained while providing the service")


# Both classes of information about individual communications fall under the secrecy of communications.
COMMUNICATION_CLASSES = frozenset({InformationClass.CONTENT, InformationClass.CONSTITUENT})


class MeasureClass(models.TextChoices):
    """The four classes of safety-management measures of the guideline (安全管理措置)."""

    ORGANISATIONAL = "organisational", _("Organisational")
    PERSONNEL = "personnel", _("Human and personnel")
    PHYSICAL = "physical", _("Physical")
    TECHNICAL = "technical", _("Technical")


class SupervisionMethod(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    DOCUMENTS = "documents", _("Document review")
    ON_SITE = "on_site", _("On-site audit")


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Information handling policy")
    RULES = "rules", _("Information handling rules")
    APPOINTMENT_NOTICE = "appointment_notice", _("Notification of the chief manager")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    FILED = "filed", _("Filed")


# The state a kind of document reaches when it leaves the house: the policy is published, the rest filed.
RELEASED_STATE = {
    DocumentKind.POLICY: VersionState.PUBLISHED,
    DocumentKind.RULES: VersionState.FILED,
    DocumentKind.APPOINTMENT_NOTICE: VersionState.FILED,
}
RELEASED_STATES = frozenset({VersionState.PUBLISHED, VersionState.FILED})


class AnswerResult(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    PARTIAL = "partial", _("Partially compliant")
    NON_COMPLIANT = "non_compliant", _("Non-compliant")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


FINDING_RESULTS = frozenset({AnswerResult.PARTIAL, AnswerResult.NON_COMPLIANT})


class CycleState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RiskSource(models.TextChoices):
    STORAGE_COUNTRY = "storage_country", _("Storage country")
    CONTRACTOR_COUNTRY = "contractor_country", _("Contractor country")
    OTHER = "other", _("Other")
