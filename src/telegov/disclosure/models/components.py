from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.disclosure.choices import ComponentStatus


class Component(models.Model):
    """One service in one region as users see it on the status page, e.g. 携帯電話（音声） in 関東."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="status_components"
    )
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=100, blank=True)
    service = models.ForeignKey(
        "core.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="status_components",
        verbose_name=_("service"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=ComponentStatus.choices, default=ComponentStatus.OPERATIONAL
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name", "region"]
        verbose_name = _("status component")
        verbose_name_plural = _("status components")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name", "region"], name="status_component_unique_in_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.region}）" if self.region else self.name
