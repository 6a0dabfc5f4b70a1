"""Forms of the external-transmission pages. They never save: the views pass cleaned data to the actions."""

from __future__ import annotations

import json

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from telegov.core.models import Service
from telegov.transmission.models import Site


class LinesField(forms.CharField):
    """One value per line, as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class SiteForm(forms.ModelForm):
    start_urls = LinesField(label=_("start pages"), help_text=_("one address per line, all on one site"))
    operator_domains = LinesField(label=_("other domains of the operator"), required=False,
                                  help_text=_("one domain per line; marked as the first-party exception candidate"))

    class Meta:
        model = Site
        fields = ["name", "slug", "service", "start_urls", "operator_name", "operator_domains", "max_pages",
                  "scan_interval_days"]

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(operator__organisation=organisation)


class OverrideForm(forms.Form):
    entry = forms.CharField(
        label=_("catalog entry (YAML or JSON)"), widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=_("one vendor as in the built-in catalog: id, domains, organization (ja, en), country, "
                    "category, purposes (ja, en), privacy_policy, opt_out, exemption, source"))

    def clean_entry(self):
        text = self.cleaned_data["entry"]
        try:
            value = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as error:
            raise forms.ValidationError(_("not valid YAML or JSON: %(error)s"), params={"error": error}) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("one vendor entry (a mapping) is expected"))
        return value
