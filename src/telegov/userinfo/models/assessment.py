"""The annual self-assessment (Act Art. 27-9): one cycle per business year with an answer per
requirement of the framework, a risk register and the actions that findings become."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from telegov.userinfo.choices import AnswerResult, CycleState, RiskSource


class AssessmentCycle(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveIntegerField(_("business year"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    framework = models.CharField(_("framework"), max_length=100)
    state = models.CharField(_("state"), max_length=10, choices=CycleState.choices, default=CycleState.OPEN)
    policy_at_open = models.ForeignKey("userinfo.DocumentVersion", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")
    rules_at_open = models.ForeignKey("userinfo.DocumentVersion", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    changes = models.TextField(_("changes to the policy and the rules"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("self-assessment")
        constraints = [models.UniqueConstraint(fields=["organisation", "fiscal_year"], name="one_cycle_per_year")]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year}"

    @property
    def name(self) -> str:
        return str(self)


class RequirementAnswer(models.Model):
    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="answers")
    requirement = models.CharField(_("requirement"), max_length=40)
    result = models.CharField(_("result"), max_length=20, choices=AnswerResult.choices, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["cycle", "id"]
        constraints = [models.UniqueConstraint(fields=["cycle", "requirement"], name="one_answer_per_requirement")]

    def __str__(self) -> str:
        return f"{self.cycle} {self.requirement}"


class Risk(models.Model):
    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=300)
    source = models.CharField(_("source"), max_length=20, choices=RiskSource.choices, default=RiskSource.OTHER)
    country = models.CharField(_("country"), max_length=2, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    impact = models.PositiveSmallIntegerField(_("impact"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    treatment = models.TextField(_("treatment"), blank=True)
    owner = models.CharField(_("owner"), max_length=150, blank=True)

    class Meta:
        ordering = ["cycle", "-likelihood", "-impact", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class Action(models.Model):
    """What a finding (a partial or non-compliant answer, or a risk) becomes: work with an owner and a date."""

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="actions")
    requirement = models.CharField(_("requirement"), max_length=40, blank=True)
    risk = models.ForeignKey(Risk, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["cycle", "due_on"]

    def __str__(self) -> str:
        return self.title
