"""Forms of the register, the documents and the self-assessment. They never save: the views hand the
cleaned data to the audited actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from telegov.userinfo import vocabulary
from telegov.userinfo.choices import AnswerResult
from telegov.userinfo.models import (
    Action,
    ChiefManagerAppointment,
    Contractor,
    HandlingProfile,
    InformationItem,
    Risk,
    SafetyMeasure,
    SupervisionRecord,
    System,
    VocabularyTerm,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINKS = ("items", "systems")


def _choices(organisation, kind: str):
    english = (get_language() or "ja").startswith("en")
    return [(key, term.label(english)) for key, term in vocabulary.terms(organisation, kind).items()]


class RegisterForm(forms.ModelForm):
    """Links and parents offer only the organisation's own rows."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        for name in LINKS:
            if name in self.fields:
                model = self.fields[name].queryset.model
                self.fields[name].queryset = model.objects.filter(organisation=organisation)
                self.fields[name].widget = forms.CheckboxSelectMultiple(choices=self.fields[name].choices)
                self.fields[name].required = False
        if "parent" in self.fields:
            parents = Contractor.objects.filter(organisation=organisation)
            if self.instance.pk:
                parents = parents.exclude(pk=self.instance.pk)
            self.fields["parent"].queryset = parents

    def split(self) -> tuple[dict, dict]:
        """The cleaned data as (fields, links)."""
        data = dict(self.cleaned_data)
        links = {name: data.pop(name) for name in LINKS if name in data}
        return data, links


class ItemForm(RegisterForm):
    data_categories = forms.MultipleChoiceField(label=_("data categories"), required=False,
                                                widget=forms.CheckboxSelectMultiple)
    purposes = forms.MultipleChoiceField(label=_("purposes of use"), required=False,
                                         widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = InformationItem
        fields = ["key", "name", "information_class", "data_categories", "purposes", "method_of_use",
                  "third_party_provision", "secrecy_protected", "specified"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["data_categories"].choices = _choices(organisation, "data_category")
        self.fields["purposes"].choices = _choices(organisation, "data_use")


class SystemForm(RegisterForm):
    class Meta:
        model = System
        fields = ["key", "name", "facility", "cloud_provider", "country", "region", "items", "retention",
                  "deletion_method"]


class ContractorForm(RegisterForm):
    class Meta:
        model = Contractor
        fields = ["key", "name", "parent", "country", "tasks", "items", "systems", "contract_reference",
                  "contract_start", "contract_end"]
        widgets = {"contract_start": DATE, "contract_end": DATE}


class MeasureForm(RegisterForm):
    class Meta:
        model = SafetyMeasure
        fields = ["key", "name", "measure_class", "description", "items", "systems", "owner", "evidence"]


class TermForm(RegisterForm):
    class Meta:
        model = VocabularyTerm
        fields = ["kind", "key", "label_ja", "label_en"]


class SupervisionForm(forms.ModelForm):
    class Meta:
        model = SupervisionRecord
        fields = ["reviewed_on", "method", "answers", "evidence", "evidence_file", "next_review_on", "note"]
        widgets = {"reviewed_on": DATE, "next_review_on": DATE}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = HandlingProfile
        fields = ["carrier_name", "contact_point", "incident_response", "assessment_procedure"]


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = ChiefManagerAppointment
        fields = ["person_name", "position", "user", "appointed_on", "experience"]
        widgets = {"appointed_on": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = self.fields["user"].queryset.filter(memberships__organisation=organisation)


class ImportForm(forms.Form):
    table = forms.ChoiceField(label=_("table"), required=False, choices=[
        ("", _("Whole register (YAML)")), ("items", _("information items")), ("systems", _("systems")),
        ("contractors", _("contractors")), ("measures", _("safety measures"))])
    file = forms.FileField(label=_("file"))


class AnswerForm(forms.Form):
    result = forms.ChoiceField(label=_("result"), choices=[("", "—"), *AnswerResult.choices], required=False)
    evidence = forms.CharField(label=_("evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = ["title", "likelihood", "impact", "treatment", "owner"]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "requirement", "owner", "due_on"]
        widgets = {"due_on": DATE}


class CloseForm(forms.Form):
    summary = forms.CharField(label=_("what changed in the policy and the rules"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
