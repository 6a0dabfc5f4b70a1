"""An incident as the NOC records it, what the engine concluded on its last run, its reports and timeline."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.core.choices import ServiceCategory
from telegov.incidents.choices import (
    Cause,
    Classification,
    CoreFunction,
    EventKind,
    FacilityClass,
    FacilityOwner,
    IncidentKind,
    IncidentStatus,
    NearMissSituation,
    ReportKind,
)


class Incident(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="incidents")
    # An accident record must outlive a hasty deletion of its operator.
    operator = models.ForeignKey("core.Operator", on_delete=models.PROTECT, related_name="incidents")
    service = models.ForeignKey(
        "core.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="incidents"
    )
    name = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # What the classification engine reads.
    kind = models.CharField(_("kind"), max_length=30, choices=IncidentKind.choices)
    service_category = models.CharField(_("service category"), max_length=20, choices=ServiceCategory.choices,
                                        blank=True)
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices, default=Cause.TELECOM_FACILITY)
    facility_class = models.CharField(_("facility class"), max_length=30, choices=FacilityClass.choices,
                                      default=FacilityClass.GENERAL)
    impact_within_premises = models.BooleanField(_("impact stayed within the premises"), null=True, blank=True)
    important_facility = models.BooleanField(_("satellite, submarine cable or equivalent facility"), default=False)
    all_traffic_stopped = models.BooleanField(_("all traffic over the facility stopped"), default=False)
    affected_users = models.PositiveBigIntegerField(_("affected users"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    detected_at = models.DateTimeField(_("detected at"), null=True, blank=True)
    facility_multi_prefecture = models.BooleanField(_("service spans two or more prefectures"), null=True,
                                                    blank=True)
    facility_terminal_or_access_line = models.BooleanField(_("terminal equipment or access line"), null=True,
                                                           blank=True)
    facility_core_function = models.CharField(_("core function of the facility"), max_length=20,
                                              choices=CoreFunction.choices, blank=True)
    situation = models.CharField(_("situation"), max_length=30, choices=NearMissSituation.choices, blank=True)

    # Whose facility failed, and the report's narrative fields (MIC example form, secrecy-leak items).
    facility_owner = models.CharField(_("whose facility caused it"), max_length=20, choices=FacilityOwner.choices,
                                      default=FacilityOwner.OWN)
    facility_owner_name = models.CharField(_("name of that party"), max_length=200, blank=True)
    facility_location = models.CharField(_("location of the facility that caused it"), max_length=300, blank=True)
    affected_service = models.TextField(_("affected service"), blank=True)
    affected_area = models.TextField(_("area affected"), blank=True)
    cause_description = models.TextField(_("cause of the accident"), blank=True)
    measures_taken = models.TextField(_("measures taken"), blank=True)
    prevention_measures = models.TextField(_("measures against recurrence"), blank=True)
    discovery = models.TextField(_("how it was discovered"), blank=True)
    leaked_information = models.TextField(_("information leaked"), blank=True)
    secondary_damage = models.TextField(_("secondary damage"), blank=True)
    publication = models.TextField(_("publication status"), blank=True)
    response_to_affected = models.TextField(_("response to those affected"), blank=True)

    # The engine's conclusion as of its last run (`classified_at`). Empty while input is incomplete.
    classification = models.CharField(_("classification"), max_length=30, choices=Classification.choices,
                                      blank=True)
    classification_basis = models.JSONField(_("basis"), default=list, blank=True)
    classification_reasons = models.JSONField(_("reasons"), default=list, blank=True)
    classification_problems = models.JSONField(_("missing or wrong input"), default=list, blank=True)
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-detected_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.operator_id and self.organisation_id and self.operator.organisation_id != self.organisation_id:
            errors["operator"] = _("the operator belongs to another organisation")
        if self.service_id and self.service.operator_id != self.operator_id:
            errors["service"] = _("the service belongs to another operator")
        if self.facility_owner != FacilityOwner.OWN and not self.facility_owner_name.strip():
            errors["facility_owner_name"] = _("name the party whose facility caused it")
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            errors["ended_at"] = _("ends before it started")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == IncidentStatus.OPEN


class IncidentReport(models.Model):
    """One report the classification calls for, tracked until it is filed."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("report"), max_length=30, choices=ReportKind.choices)
    form = models.CharField(_("form"), max_length=200)
    # Empty for a report due promptly (速やかに), which has no calendar date.
    due = models.DateField(_("due"), null=True, blank=True)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    # False once a later classification no longer calls for it; kept when it had already been filed.
    current = models.BooleanField(_("called for by the current classification"), default=True)

    class Meta:
        ordering = ["incident", "due", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["incident", "kind"], name="one_report_of_a_kind")]

    def __str__(self) -> str:
        return f"{self.incident} — {self.get_kind_display()}"

    @property
    def promptly(self) -> bool:
        return self.due is None


class IncidentEvent(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=30, choices=EventKind.choices)
    at = models.DateTimeField(_("time"))
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    actor_name = models.CharField(_("by"), max_length=150, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
