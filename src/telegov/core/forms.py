"""Forms for rendering and validating operator and service input. They never save: the views pass
the cleaned data to the audited service functions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from telegov.core.choices import PREFECTURES
from telegov.core.models import Operator, Service


class OperatorForm(forms.ModelForm):
    class Meta:
        model = Operator
        fields = [
            "name", "corporate_number", "registration_status", "installs_circuit_facilities", "users_prev_fy",
            "designated_on", "business_year_start_month",
        ]
        widgets = {"designated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ServiceForm(forms.ModelForm):
    prefectures = forms.MultipleChoiceField(
        label=Service._meta.get_field("prefectures").verbose_name,
        choices=[(name, name) for name in PREFECTURES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = [
            "name", "category", "paid", "users", "monthly_active_users", "transmission_type",
            "sends_user_info_outward", "prefectures",
        ]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a ValidationError raised by a service function on the form: on its field when the form
    has one, otherwise above the form (e.g. a uniqueness rule involving a field the form lacks)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages)
