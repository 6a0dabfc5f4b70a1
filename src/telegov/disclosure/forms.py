"""Forms of the editor and of the public subscription page. They never save: the views pass the cleaned
data to the actions of `telegov.disclosure.services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from telegov.core.choices import PREFECTURES
from telegov.core.models import Service
from telegov.disclosure.choices import Audience, Channel, ComponentStatus, Impact, IncidentStatus
from telegov.disclosure.models import Component
from telegov.disclosure.workarounds import workarounds

PREFECTURE_CHOICES = [(name, name) for name in PREFECTURES]
KEEP_STATES = [("", _("Leave as it is")), *ComponentStatus.choices]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


AFFECTED_COMPONENTS = _("Affected components")


def _components_field(organisation, label=AFFECTED_COMPONENTS):
    return forms.ModelMultipleChoiceField(
        label=label, queryset=Component.objects.filter(organisation=organisation), required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _workaround_choices(language: str = "ja"):
    return [(item.key, item.label(language)) for item in workarounds().values()]


class ComponentForm(forms.ModelForm):
    class Meta:
        model = Component
        fields = ["name", "region", "service", "position"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(operator__organisation=organisation)


class IncidentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    impact = forms.ChoiceField(label=_("Impact"), choices=Impact.choices, initial=Impact.MAJOR)
    started_at = forms.DateTimeField(label=_("Started at (JST)"), widget=LocalDateTimeInput())
    component_status = forms.ChoiceField(label=_("Set the components to"), choices=KEEP_STATES, required=False,
                                         initial=ComponentStatus.PARTIAL_OUTAGE)
    affected_prefectures = forms.MultipleChoiceField(
        label=_("Affected prefectures"), choices=PREFECTURE_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "prefectures"}),
    )
    workarounds = forms.MultipleChoiceField(label=_("Workarounds to mention"), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_update_at = forms.DateTimeField(label=_("Next update at (JST)"), required=False, widget=LocalDateTimeInput())

    def __init__(self, *args, organisation, language="ja", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["components"] = _components_field(organisation)
        self.fields["workarounds"].choices = _workaround_choices(language)
        self.order_fields(["title", "impact", "started_at", "components", "component_status"])


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    component_status = forms.ChoiceField(label=_("Set the components to"), choices=KEEP_STATES, required=False)
    recovered_prefectures = forms.MultipleChoiceField(
        label=_("Recovered prefectures"), choices=PREFECTURE_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "prefectures"}),
    )
    next_update_at = forms.DateTimeField(label=_("Next update at (JST)"), required=False, widget=LocalDateTimeInput())

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        affected = incident.affected_prefectures
        self.fields["recovered_prefectures"].choices = [(name, name) for name in PREFECTURES if name in affected]
        self.fields["recovered_prefectures"].initial = incident.recovered_prefectures


class MaintenanceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    scheduled_from = forms.DateTimeField(label=_("From (JST)"), widget=LocalDateTimeInput())
    scheduled_until = forms.DateTimeField(label=_("Until (JST)"), widget=LocalDateTimeInput())
    affected_prefectures = forms.MultipleChoiceField(
        label=_("Affected prefectures"), choices=PREFECTURE_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "prefectures"}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["components"] = _components_field(organisation)


class SubscriberForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices, initial=Audience.MVNO)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    webhook_url = forms.URLField(label=_("Webhook URL"), required=False, assume_scheme="https")
    language = forms.ChoiceField(label=_("Language"), choices=[("ja", "日本語"), ("en", "English")])

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["components"] = _components_field(organisation, _("Only these components (none: all)"))


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    language = forms.ChoiceField(label=_("Language"), choices=[("ja", "日本語"), ("en", "English")])

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["components"] = _components_field(organisation, _("Only these services (none: all)"))
