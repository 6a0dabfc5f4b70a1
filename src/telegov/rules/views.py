"""The rule book as pages: what was in force on a day, and every version of one rule. Public law, so
readable without logging in."""

from __future__ import annotations

import json
from datetime import date
from itertools import groupby

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from telegov.legal_calendar import today_in_tokyo
from telegov.rules import Rule, rule_book

GROUP_LABELS = {
    "secrecy": _("Secrecy of communications"),
    "userinfo": _("User information"),
    "specified": _("Specified user information"),
    "transmission": _("External transmission"),
    "accident": _("Accidents"),
    "facilities": _("Facilities"),
}


def _language() -> str:
    return get_language() or "ja"


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def _entry(rule: Rule, language: str) -> dict:
    return {"rule": rule, "title": rule.title(language), "note": rule.note(language),
            "unverified": rule.confidence.value == "unverified",
            "parameters": {key: _shown(value) for key, value in rule.parameters.items()}}


def rule_list(request):
    today = today_in_tokyo()
    on, date_error = today, None
    if request.GET.get("on"):
        try:
            on = date.fromisoformat(request.GET["on"])
        except ValueError:
            date_error = _("Enter a date as YYYY-MM-DD; showing today's rules instead.")
    language = _language()
    rules = rule_book().in_force(on)
    groups = [
        {"prefix": prefix, "label": GROUP_LABELS.get(prefix, prefix),
         "entries": [_entry(rule, language) for rule in members]}
        for prefix, members in groupby(sorted(rules, key=lambda r: r.id), key=lambda r: r.id.split(".")[0])
    ]
    return render(request, "rules/rule_list.html", {
        "on": on, "today": today, "date_error": date_error, "groups": groups, "count": len(rules),
    })


def rule_detail(request, rule_id: str):
    try:
        versions = rule_book().versions(rule_id)
    except KeyError:
        raise Http404("no such rule") from None
    language = _language()
    today = today_in_tokyo()
    entries = [{**_entry(rule, language), "in_force": rule.in_force_on(today)} for rule in reversed(versions)]
    return render(request, "rules/rule_detail.html", {
        "rule_id": rule_id, "current": entries[0], "versions": entries, "today": today,
        "group_label": GROUP_LABELS.get(rule_id.split(".")[0], rule_id.split(".")[0]),
    })
