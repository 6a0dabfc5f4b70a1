"""Enumerations of the external-transmission app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class JobReason(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SCHEDULED = "scheduled", _("Scheduled")
