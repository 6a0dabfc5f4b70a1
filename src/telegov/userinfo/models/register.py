"""The user-information register: what is held, where it lives, who handles it and how it is protected.
Every row belongs to one organisation; `key` is the row's stable name in imports and exports."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.userinfo.choices import COMMUNICATION_CLASSES, InformationClass, MeasureClass, SupervisionMethod

validate_key = RegexValidator(r"^[a-z0-9][a-z0-9._-]*$", _("lower-case letters, digits, '.', '_' and '-' only"))
validate_country = RegexValidator(r"^[A-Z]{2}$", _("an ISO 3166-1 alpha-2 code in capitals, e.g. JP"))


class EvidenceStorage(FileSystemStorage):
    """Evidence files live in the data directory, never under a public URL; read at each use, so a
    changed data directory (as in tests) is followed."""

    @property
    def base_location(self) -> str:
        return str(Path(settings.DATA_DIR) / "evidence")

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())


def evidence_storage() -> FileSystemStorage:
    return EvidenceStorage()


class RegisterRow(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("key"), max_length=80, validators=[validate_key])
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name


def _unique_key(name: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=["organisation", "key"], name=f"{name}_key_unique_in_organisation")]


class HandlingProfile(models.Model):
    """What the documents say about the carrier itself rather than about a register row."""

    organisation = models.OneToOneField("core.Organisation", on_delete=models.CASCADE, related_name="handling_profile")
    carrier_name = models.CharField(_("carrier name"), max_length=200)
    contact_point = models.TextField(_("contact point"), help_text=_("where users send questions and requests"))
    incident_response = models.TextField(_("incident response"), blank=True)
    assessment_procedure = models.TextField(_("self-assessment procedure"), blank=True)

    def __str__(self) -> str:
        return self.carrier_name


class VocabularyTerm(models.Model):
    """A data category or data use the organisation adds to the shipped vocabulary."""

    class Kind(models.TextChoices):
        DATA_CATEGORY = "data_category", _("Data category")
        DATA_USE = "data_use", _("Data use")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=120, validators=[validate_key])
    label_ja = models.CharField(_("Japanese label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [models.UniqueConstraint(fields=["organisation", "kind", "key"], name="vocabulary_term_unique")]

    def __str__(self) -> str:
        return self.key

    @property
    def name(self) -> str:
        return self.key


class InformationItem(RegisterRow):
    information_class = models.CharField(_("information class"), max_length=20, choices=InformationClass.choices)
    data_categories = models.JSONField(_("data categories"), default=list, blank=True)
    purposes = models.JSONField(_("purposes of use"), default=list, blank=True)
    method_of_use = models.TextField(_("method of use"), blank=True)
    third_party_provision = models.TextField(
        _("provision to third parties"), blank=True, help_text=_("empty when it is not provided to third parties"))
    secrecy_protected = models.BooleanField(_("protected by the secrecy of communications"), default=False)
    specified = models.BooleanField(_("specified user information"), default=False)

    class Meta(RegisterRow.Meta):
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        constraints = _unique_key("information_item")

    def clean(self):
        if self.information_class in COMMUNICATION_CLASSES and not self.secrecy_protected:
            raise ValidationError({"secrecy_protected": _(
                "information about individual communications is protected by the secrecy of communications")})


class System(RegisterRow):
    """A system or data store holding user information, and where it is."""

    facility = models.CharField(_("facility"), max_length=200, blank=True)
    cloud_provider = models.CharField(_("cloud provider"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    region = models.CharField(_("region"), max_length=100, blank=True)
    items = models.ManyToManyField(InformationItem, blank=True, related_name="systems", verbose_name=_("items"))
    retention = models.CharField(_("retention"), max_length=200, blank=True)
    deletion_method = models.CharField(_("deletion method"), max_length=200, blank=True)

    class Meta(RegisterRow.Meta):
        verbose_name = _("system")
        verbose_name_plural = _("systems")
        constraints = _unique_key("system")


class Contractor(RegisterRow):
    """A contractor or, under `parent`, a sub-contractor handling user information."""

    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("contracted by"))
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    tasks = models.TextField(_("tasks"), blank=True)
    items = models.ManyToManyField(InformationItem, blank=True, related_name="contractors", verbose_name=_("items"))
    systems = models.ManyToManyField(System, blank=True, related_name="contractors", verbose_name=_("systems"))
    contract_reference = models.CharField(_("contract"), max_length=200, blank=True)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)

    class Meta(RegisterRow.Meta):
        verbose_name = _("contractor")
        verbose_name_plural = _("contractors")
        constraints = _unique_key("contractor")

    def last_review(self) -> SupervisionRecord | None:
        return self.supervision_records.order_by("-reviewed_on").first()


class SupervisionRecord(models.Model):
    contractor = models.ForeignKey(Contractor, on_delete=models.CASCADE, related_name="supervision_records")
    reviewed_on = models.DateField(_("reviewed on"))
    method = models.CharField(_("method"), max_length=20, choices=SupervisionMethod.choices)
    answers = models.JSONField(_("questionnaire answers"), default=dict, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="userinfo/%Y/", storage=evidence_storage,
                                     blank=True)
    next_review_on = models.DateField(_("next review on"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["contractor", "-reviewed_on"]
        verbose_name = _("supervision record")

    def __str__(self) -> str:
        return f"{self.contractor} {self.reviewed_on}"

    @property
    def organisation(self):
        return self.contractor.organisation


class SafetyMeasure(RegisterRow):
    measure_class = models.CharField(_("class"), max_length=20, choices=MeasureClass.choices)
    description = models.TextField(_("description"))
    items = models.ManyToManyField(InformationItem, blank=True, related_name="measures", verbose_name=_("items"))
    systems = models.ManyToManyField(System, blank=True, related_name="measures", verbose_name=_("systems"))
    owner = models.CharField(_("owner"), max_length=150)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)

    class Meta(RegisterRow.Meta):
        ordering = ["measure_class", "key"]
        verbose_name = _("safety measure")
        verbose_name_plural = _("safety measures")
        constraints = _unique_key("safety_measure")
