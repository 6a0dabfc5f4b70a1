from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.disclosure.choices import Audience, Channel


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """Someone told of every published update: by e-mail once they confirm, or by a signed webhook."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="status_subscribers")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    email = models.EmailField(_("e-mail address"), blank=True)
    webhook_url = models.URLField(_("webhook URL"), blank=True, max_length=500)
    # Signs webhook bodies (HMAC-SHA256); shown to the subscriber once.
    secret = models.CharField(max_length=64, default=new_token, editable=False)
    # Empty means every component of the organisation.
    components = models.ManyToManyField(
        "disclosure.Component", related_name="subscribers", blank=True, verbose_name=_("components")
    )
    language = models.CharField(
        _("language"), max_length=5, default="ja", choices=[("ja", "日本語"), ("en", "English")]
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email or self.webhook_url

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.channel == Channel.EMAIL and not self.email:
            raise ValidationError({"email": _("An e-mail subscriber needs an e-mail address.")})
        if self.channel == Channel.WEBHOOK and not self.webhook_url:
            raise ValidationError({"webhook_url": _("A webhook subscriber needs a URL.")})

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Delivery(models.Model):
    """The outbox: one row per update and subscriber, written in the update's transaction, sent by the
    worker after commit. A worker owns a row once its conditional UPDATE of claimed_at succeeds."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    update = models.ForeignKey("disclosure.IncidentUpdate", on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(auto_now_add=True)
    not_before = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "update"], name="one_delivery_per_update_and_subscriber"),
        ]

    def __str__(self) -> str:
        return f"{self.update} → {self.subscriber}"
