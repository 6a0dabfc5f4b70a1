"""Plain-language notices written from an incident: what is affected, since when (JST), where, what to
do instead and when the next update comes. Takes plain data, so it needs no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from telegov.core.choices import PREFECTURES
from telegov.disclosure.choices import SEVERITY, ComponentStatus, IncidentStatus
from telegov.disclosure.workarounds import workarounds
from telegov.legal_calendar import TOKYO

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


@dataclass(frozen=True)
class NoticeFacts:
    title: str
    status: str
    started_at: datetime
    components: list[tuple[str, str]] = field(default_factory=list)  # (label, component status)
    affected_prefectures: list[str] = field(default_factory=list)
    recovered_prefectures: list[str] = field(default_factory=list)
    workarounds: list[str] = field(default_factory=list)
    resolved_at: datetime | None = None
    next_update_at: datetime | None = None
    message: str = ""


def moment(value: datetime, language: str) -> str:
    """Around when, in Tokyo time: 「11月26日 19時30分ごろ」 or "around 19:30 JST on 26 November"."""
    local = value.astimezone(TOKYO)
    if language == "en":
        return f"around {local:%H:%M} JST on {local.day} {MONTHS_EN[local.month - 1]}"
    return f"{local.month}月{local.day}日 {local.hour}時{local.minute:02d}分ごろ"


def listing(names: list[str], language: str) -> str:
    return (", " if language == "en" else "、").join(names)


def prefectures(names: list[str], language: str) -> str:
    if set(PREFECTURES) <= set(names):
        return _("nationwide")
    ordered = [name for name in PREFECTURES if name in set(names)]
    return listing(ordered, language)


def worst(statuses: list[str]) -> str:
    for status in SEVERITY:
        if status in statuses:
            return status
    return ComponentStatus.OPERATIONAL


def _what_happens(facts: NoticeFacts, language: str) -> str:
    since = moment(facts.started_at, language)
    affected = listing([label for label, _status in facts.components], language) or facts.title
    if facts.status == IncidentStatus.RESOLVED and facts.resolved_at:
        return _("The problem with %(components)s that began %(since)s was resolved %(resolved)s.") % {
            "components": affected, "since": since, "resolved": moment(facts.resolved_at, language),
        }
    state = worst([status for _label, status in facts.components])
    if state == ComponentStatus.MAJOR_OUTAGE:
        text = _("Since %(since)s, %(components)s cannot be used.")
    elif state == ComponentStatus.PARTIAL_OUTAGE:
        text = _("Since %(since)s, some customers cannot use %(components)s.")
    elif state == ComponentStatus.DEGRADED_PERFORMANCE:
        text = _("Since %(since)s, %(components)s may be hard to use.")
    else:
        text = _("Since %(since)s, there has been a problem with %(components)s.")
    return text % {"since": since, "components": affected}


def _progress(status: str) -> str:
    return {
        IncidentStatus.INVESTIGATING: _("We are investigating the cause."),
        IncidentStatus.IDENTIFIED: _("We have found the cause and are working to restore the service."),
        IncidentStatus.MONITORING: _("The service has been restored and we are watching it closely."),
        IncidentStatus.RESOLVED: _("The service is working normally again."),
    }[status]


def write_notice(facts: NoticeFacts, language: str) -> str:
    """The notice in `language` ("ja" or "en"), one paragraph per line."""
    with translation.override(language):
        lines = [_what_happens(facts, language)]
        recovered = [name for name in facts.recovered_prefectures if name in facts.affected_prefectures]
        still = [name for name in facts.affected_prefectures if name not in set(recovered)]
        if facts.status == IncidentStatus.RESOLVED:
            if facts.affected_prefectures:
                lines.append(_("Affected prefectures: %(names)s") % {"names": prefectures(facts.affected_prefectures,
                                                                                          language)})
        else:
            if still:
                label = _("Still affected: %(names)s") if recovered else _("Affected prefectures: %(names)s")
                lines.append(label % {"names": prefectures(still, language)})
            if recovered:
                lines.append(_("Recovered: %(names)s") % {"names": prefectures(recovered, language)})
        lines.append(_progress(facts.status))
        if facts.message.strip():
            lines.append(facts.message.strip())
        if facts.status != IncidentStatus.RESOLVED:
            known = workarounds()
            lines.extend(known[key].text(language) for key in facts.workarounds if key in known)
            if facts.next_update_at:
                lines.append(_("The next update is planned for %(next)s.") % {
                    "next": moment(facts.next_update_at, language)})
        lines.append(_("We apologise for the inconvenience."))
    return "\n".join(lines)


def facts_of(incident, message: str = "", next_update_at: datetime | None = None) -> NoticeFacts:
    """The facts of a stored StatusIncident (with its components) for `write_notice`."""
    return NoticeFacts(
        title=incident.title,
        status=incident.status,
        started_at=incident.started_at,
        components=[(str(component), component.status) for component in incident.components.all()],
        affected_prefectures=list(incident.affected_prefectures),
        recovered_prefectures=list(incident.recovered_prefectures),
        workarounds=list(incident.workarounds),
        resolved_at=incident.resolved_at,
        next_update_at=next_update_at,
        message=message,
    )
