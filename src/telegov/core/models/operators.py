from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.core.choices import PREFECTURES, RegistrationStatus, ServiceCategory, TransmissionServiceType
from telegov.core.validators import validate_corporate_number


def validate_prefectures(value) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list):
        raise ValidationError(_("a list of prefecture names is expected"))
    unknown = [item for item in value if item not in PREFECTURES]
    if unknown:
        raise ValidationError(_("unknown prefecture: %(names)s"), params={"names": ", ".join(map(str, unknown))})


class Operator(models.Model):
    """A legal entity providing services, with what the Act needs to know about it."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="operators")
    name = models.CharField(_("name"), max_length=200)
    corporate_number = models.CharField(
        _("corporate number"), max_length=13, blank=True, validators=[validate_corporate_number],
        help_text=_("法人番号: 13 digits with its check digit"),
    )
    registration_status = models.CharField(
        _("registration status"), max_length=20, choices=RegistrationStatus.choices
    )
    installs_circuit_facilities = models.BooleanField(_("installs circuit facilities"), default=False)
    users_prev_fy = models.PositiveBigIntegerField(
        _("users at the end of the previous fiscal year"), default=0
    )
    designated_on = models.DateField(
        _("designated for specified user information on"), null=True, blank=True
    )
    business_year_start_month = models.PositiveSmallIntegerField(
        _("first month of the business year"), default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("operator")
        verbose_name_plural = _("operators")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="operator_name_unique_in_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    operator = models.ForeignKey(Operator, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=ServiceCategory.choices)
    paid = models.BooleanField(_("paid"), default=True)
    users = models.PositiveBigIntegerField(_("users"), default=0)
    monthly_active_users = models.PositiveBigIntegerField(_("monthly active users"), null=True, blank=True)
    transmission_type = models.CharField(
        _("external-transmission service type"), max_length=20, choices=TransmissionServiceType.choices,
        default=TransmissionServiceType.NONE,
    )
    sends_user_info_outward = models.BooleanField(
        _("its sites or apps send user information outward"), default=False
    )
    prefectures = models.JSONField(_("prefectures served"), default=list, blank=True, validators=[validate_prefectures])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["operator__name", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["operator", "name"], name="service_name_unique_per_operator"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation(self):
        return self.operator.organisation
