"""Forms for incident input. They never save: the views hand the cleaned data to the actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from telegov.core.models import Operator, Service
from telegov.incidents.choices import MANUAL_EVENT_KINDS, NotificationTopic
from telegov.incidents.models import Incident

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

# Shown as groups on the form; the order follows how an outage is usually learned of.
FIELD_GROUPS = [
    (_("What happened"), ["operator", "service", "name", "kind", "started_at", "ended_at", "detected_at"]),
    (_("Scale"), ["service_category", "affected_users", "cause", "facility_class", "impact_within_premises",
                  "important_facility", "all_traffic_stopped"]),
    (_("Whose facility caused it"), ["facility_owner", "facility_owner_name", "facility_location"]),
    (_("Situation likely to cause a serious accident"), ["facility_multi_prefecture",
                                                         "facility_terminal_or_access_line",
                                                         "facility_core_function", "situation"]),
    (_("For the reports"), ["affected_service", "affected_area", "cause_description", "measures_taken",
                            "prevention_measures", "discovery", "leaked_information", "secondary_damage",
                            "publication", "response_to_affected"]),
]
FORM_FIELDS = [name for _, names in FIELD_GROUPS for name in names]


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = FORM_FIELDS
        widgets = {
            "started_at": DATETIME, "ended_at": DATETIME, "detected_at": DATETIME,
            **{name: forms.Textarea(attrs={"rows": 2}) for name in FORM_FIELDS[-10:]},
        }

    def __init__(self, *args, organisation, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = Operator.objects.filter(organisation=organisation)
        self.fields["service"].queryset = Service.objects.filter(operator__organisation=organisation)
        if editing:
            del self.fields["operator"]

    def groups(self):
        return [(title, [self[name] for name in names if name in self.fields]) for title, names in FIELD_GROUPS]


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("event"), choices=[(k.value, k.label) for k in MANUAL_EVENT_KINDS])
    at = forms.DateTimeField(label=_("time"), widget=DATETIME)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _split(text: str) -> list[str]:
    return [item.strip() for item in text.replace("\n", ",").replace("、", ",").split(",") if item.strip()]


class NotificationSettingsForm(forms.Form):
    emails = forms.CharField(label=_("e-mail addresses of the NOC"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("One per line. When empty, members who may edit records are told."))
    reminder_days = forms.CharField(label=_("remind this many days before each deadline"), initial="7, 1, 0",
                                    help_text=_("Comma separated; 0 is the day itself."))

    def clean_emails(self) -> list[str]:
        addresses = _split(self.cleaned_data["emails"])
        for address in addresses:
            forms.EmailField().clean(address)
        return addresses

    def clean_reminder_days(self) -> list[int]:
        try:
            days = [int(item) for item in _split(self.cleaned_data["reminder_days"])]
        except ValueError:
            raise forms.ValidationError(_("whole numbers of days, separated by commas")) from None
        if any(day < 0 for day in days):
            raise forms.ValidationError(_("whole numbers of days, separated by commas"))
        return days


class WebhookForm(forms.Form):
    url = forms.URLField(label=_("URL"), assume_scheme="https")
    events = forms.MultipleChoiceField(label=_("events"), choices=NotificationTopic.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("None ticked means every event."))
