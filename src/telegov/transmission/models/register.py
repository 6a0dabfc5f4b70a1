"""The organisation's sites and apps that the scanner watches, and its own entries of the vendor catalog."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_start_urls(value) -> None:
    from telegov.transmission.crawl import ScanInputError, validate_url

    if not isinstance(value, list) or not value:
        raise ValidationError(_("give at least one start page"))
    for url in value:
        try:
            validate_url(str(url))
        except ScanInputError as error:
            raise ValidationError(str(error)) from None


def validate_domains(value) -> None:
    if not isinstance(value, list) or any(not isinstance(item, str) or "." not in item or "/" in item
                                          for item in value):
        raise ValidationError(_("a list of domain names is expected"))


def validate_vendor_entry(value) -> None:
    from telegov.transmission.catalog import Catalog, CatalogError

    try:
        Catalog.from_mapping({"vendors": [value]}, "entry")
    except CatalogError as error:
        raise ValidationError(str(error)) from None


class Site(models.Model):
    """A website or app of the organisation whose external transmissions are scanned and published."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="transmission_sites")
    service = models.ForeignKey("core.Service", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="transmission_sites", verbose_name=_("service"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), help_text=_("part of the public address of the notice"))
    start_urls = models.JSONField(_("start pages"), default=list, validators=[validate_start_urls])
    operator_name = models.CharField(_("operator name shown on the notice"), max_length=200, blank=True)
    operator_domains = models.JSONField(_("other domains of the operator"), default=list, blank=True,
                                        validators=[validate_domains])
    max_pages = models.PositiveSmallIntegerField(_("pages per scan"), default=20,
                                                 validators=[MinValueValidator(1), MaxValueValidator(500)])
    scan_interval_days = models.PositiveSmallIntegerField(
        _("re-scan every (days)"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("empty: scan only on request"))
    next_scan_at = models.DateTimeField(_("next scheduled scan"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("site or app")
        verbose_name_plural = _("sites and apps")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="transmission_site_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.service_id and self.service.operator.organisation_id != self.organisation_id:
            raise ValidationError({"service": _("the service belongs to another organisation")})


class VendorOverride(models.Model):
    """An entry of the organisation's own catalog: a new vendor, or one that replaces the built-in entry."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE,
                                     related_name="transmission_vendor_overrides")
    vendor_id = models.CharField(_("vendor id"), max_length=100)
    entry = models.JSONField(_("catalog entry"), validators=[validate_vendor_entry])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vendor_id"]
        verbose_name = _("catalog override")
        verbose_name_plural = _("catalog overrides")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "vendor_id"], name="transmission_override_unique"),
        ]

    def __str__(self) -> str:
        return self.vendor_id

    @property
    def name(self) -> str:
        return self.vendor_id
