"""Who is told about incidents, and the record of every webhook message, attempt and reminder."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.incidents.choices import DeliveryState, NotificationTopic


def default_reminder_days() -> list[int]:
    return [7, 1, 0]


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class NotificationSettings(models.Model):
    organisation = models.OneToOneField("core.Organisation", on_delete=models.CASCADE,
                                        related_name="incident_notifications")
    emails = models.JSONField(_("e-mail addresses of the NOC"), default=list, blank=True,
                              help_text=_("When empty, members who may edit records are told."))
    reminder_days = models.JSONField(_("remind this many days before each deadline"),
                                     default=default_reminder_days, blank=True)

    class Meta:
        verbose_name = _("incident notification settings")
        verbose_name_plural = _("incident notification settings")

    def __str__(self) -> str:
        return str(self.organisation)


class WebhookEndpoint(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=200, default=new_secret)
    # Topics of `NotificationTopic`; empty means every topic.
    events = models.JSONField(_("events"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "url"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url

    def wants(self, topic: str) -> bool:
        return self.active and (not self.events or topic in self.events)


class WebhookMessage(models.Model):
    """One payload for one endpoint, retried until delivered or out of attempts."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="messages")
    topic = models.CharField(_("event"), max_length=40, choices=NotificationTopic.choices)
    # The exact bytes that are signed and sent, so a retry sends the same body.
    body = models.TextField()
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook message")
        verbose_name_plural = _("webhook messages")

    def __str__(self) -> str:
        return f"{self.topic} → {self.endpoint}"


class WebhookDelivery(models.Model):
    """One attempt to deliver a message: the log the retries leave behind."""

    message = models.ForeignKey(WebhookMessage, on_delete=models.CASCADE, related_name="deliveries")
    attempt = models.PositiveIntegerField(_("attempt"))
    at = models.DateTimeField(_("time"))
    status_code = models.PositiveIntegerField(_("status code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        ordering = ["message", "attempt"]
        verbose_name = _("webhook delivery attempt")
        verbose_name_plural = _("webhook delivery attempts")
        constraints = [models.UniqueConstraint(fields=["message", "attempt"], name="one_row_per_attempt")]

    def __str__(self) -> str:
        return f"{self.message} #{self.attempt}: {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class DeadlineReminder(models.Model):
    """A reminder of one report's deadline at one threshold; the unique row is what makes it go out once."""

    report = models.ForeignKey("incidents.IncidentReport", on_delete=models.CASCADE, related_name="reminders")
    days_before = models.IntegerField(_("days before the deadline"))
    due = models.DateField(_("due"))
    sent_at = models.DateTimeField(_("sent at"))
    # A threshold already passed when a nearer one was reached is recorded but not sent.
    skipped = models.BooleanField(default=False)

    class Meta:
        ordering = ["report", "-days_before"]
        constraints = [
            models.UniqueConstraint(fields=["report", "due", "days_before"], name="one_reminder_per_threshold"),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.days_before}"
