"""Scan jobs claimed by workers, the scans they produce, and the published versions of the notice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.transmission.choices import JobReason, JobState


class ScanJob(models.Model):
    """A scan to run. A worker owns it once its conditional UPDATE of claimed_at succeeds."""

    site = models.ForeignKey("transmission.Site", on_delete=models.CASCADE, related_name="jobs")
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    reason = models.CharField(_("reason"), max_length=10, choices=JobReason.choices, default=JobReason.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scan job")

    def __str__(self) -> str:
        return f"{self.site} #{self.pk}"


class Scan(models.Model):
    """One finished scan: the scanner's report, and the recipients as the notice names them."""

    site = models.ForeignKey("transmission.Site", on_delete=models.CASCADE, related_name="scans")
    job = models.OneToOneField(ScanJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="scan")
    scanned_at = models.DateTimeField(_("scanned at"))
    pages = models.PositiveIntegerField(_("pages"), default=0)
    report = models.JSONField()
    recipients = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scanned_at", "-pk"]
        verbose_name = _("scan")

    def __str__(self) -> str:
        return f"{self.site} {self.scanned_at:%Y-%m-%d %H:%M}"

    @property
    def name(self) -> str:
        return str(self)


class PublishedVersionIsFinal(Exception):
    """A published version of a notice is what users were told; it is never changed."""


class NoticeVersion(models.Model):
    site = models.ForeignKey("transmission.Site", on_delete=models.CASCADE, related_name="notices")
    number = models.PositiveIntegerField(_("version"))
    notice = models.JSONField()
    sha256 = models.CharField(max_length=64)
    scans = models.ManyToManyField(Scan, related_name="notices", blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("published notice")
        constraints = [models.UniqueConstraint(fields=["site", "number"], name="transmission_notice_number")]

    def __str__(self) -> str:
        return f"{self.site} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PublishedVersionIsFinal(f"{self} is published and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PublishedVersionIsFinal(f"{self} is published and cannot be deleted")
