from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.core.models.operators import validate_prefectures
from telegov.disclosure.choices import Impact, IncidentStatus


class StatusIncident(models.Model):
    """An incident as told to users: what is affected, where, since when; its updates tell the story."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="status_incidents")
    title = models.CharField(_("title"), max_length=200)
    impact = models.CharField(_("impact"), max_length=10, choices=Impact.choices, default=Impact.MINOR)
    status = models.CharField(
        _("status"), max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.INVESTIGATING
    )
    started_at = models.DateTimeField(_("started at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    components = models.ManyToManyField(
        "disclosure.Component", related_name="incidents", blank=True, verbose_name=_("affected components")
    )
    affected_prefectures = models.JSONField(
        _("affected prefectures"), default=list, blank=True, validators=[validate_prefectures]
    )
    recovered_prefectures = models.JSONField(
        _("recovered prefectures"), default=list, blank=True, validators=[validate_prefectures]
    )
    # Keys of the workaround texts in workarounds.yaml.
    workarounds = models.JSONField(_("workarounds"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("status incident")
        verbose_name_plural = _("status incidents")

    def __str__(self) -> str:
        return self.title

    @property
    def is_resolved(self) -> bool:
        return self.status == IncidentStatus.RESOLVED

    @property
    def still_affected_prefectures(self) -> list[str]:
        recovered = set(self.recovered_prefectures)
        return [name for name in self.affected_prefectures if name not in recovered]


class IncidentUpdate(models.Model):
    """One message of the incident's stream. The notices are written when it is posted and never change:
    they are what users were told."""

    incident = models.ForeignKey(StatusIncident, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=IncidentStatus.choices)
    message = models.TextField(_("message"), blank=True)
    next_update_at = models.DateTimeField(_("next update at"), null=True, blank=True)
    notice_ja = models.TextField(editable=False)
    notice_en = models.TextField(editable=False)
    posted_at = models.DateTimeField(_("posted at"))
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-posted_at", "-id"]
        verbose_name = _("incident update")
        verbose_name_plural = _("incident updates")

    def __str__(self) -> str:
        return f"{self.incident.title}: {self.get_status_display()}"

    def notice(self, language: str) -> str:
        return self.notice_en if language == "en" else self.notice_ja


class Maintenance(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="status_maintenance")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    scheduled_from = models.DateTimeField(_("scheduled from"))
    scheduled_until = models.DateTimeField(_("scheduled until"))
    components = models.ManyToManyField(
        "disclosure.Component", related_name="maintenance", blank=True, verbose_name=_("affected components")
    )
    affected_prefectures = models.JSONField(
        _("affected prefectures"), default=list, blank=True, validators=[validate_prefectures]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scheduled_from", "id"]
        verbose_name = _("scheduled maintenance")
        verbose_name_plural = _("scheduled maintenance")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.scheduled_from and self.scheduled_until and self.scheduled_until <= self.scheduled_from:
            raise ValidationError({"scheduled_until": _("The end must come after the start.")})
