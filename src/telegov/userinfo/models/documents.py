"""Versions of the generated documents and the appointment of the chief manager.

A version stores its content (the structured document), the text the diff is computed on and a
hash of both. Once released (published or filed) it never changes: an edit is a new version."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.userinfo.choices import RELEASED_STATES, DocumentKind, VersionState


class ReleasedVersionError(RuntimeError):
    pass


def content_hash(content: dict, text: str) -> str:
    canonical = json.dumps({"content": content, "text": text}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class DocumentVersionQuerySet(models.QuerySet):
    """Bulk updates and deletes go around `save`; they too must leave released versions alone."""

    def update(self, **kwargs):
        if self.filter(state__in=RELEASED_STATES).exists():
            raise ReleasedVersionError("a published or filed version never changes; make a new version")
        return super().update(**kwargs)

    def delete(self):
        if self.filter(state__in=RELEASED_STATES).exists():
            raise ReleasedVersionError("a published or filed version is kept")
        return super().delete()


class DocumentVersion(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=10, choices=VersionState.choices, default=VersionState.DRAFT)
    content = models.JSONField(_("content"))
    text = models.TextField(_("text"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    diff = models.TextField(_("changes against the previous version"), blank=True)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-number"]
        verbose_name = _("document version")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "number"], name="document_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = DocumentVersion.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored in RELEASED_STATES:
                raise ReleasedVersionError("a published or filed version never changes; make a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.released:
            raise ReleasedVersionError("a published or filed version is kept")
        return super().delete(*args, **kwargs)

    @property
    def released(self) -> bool:
        return self.state in RELEASED_STATES

    def intact(self) -> bool:
        return self.sha256 == content_hash(self.content, self.text)


class ChiefManagerAppointment(models.Model):
    """The appointment of the chief manager of specified user information (Act Art. 27-10)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    person_name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("user"))
    appointed_on = models.DateField(_("appointed on"))
    experience = models.TextField(_("experience"), blank=True)
    notice = models.ForeignKey(DocumentVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-appointed_on"]
        verbose_name = _("chief manager appointment")

    def __str__(self) -> str:
        return f"{self.person_name} ({self.appointed_on})"

    @property
    def name(self) -> str:
        return self.person_name
