"""Publishing: the status page as static files — index.html, summary.json, feed.atom and one page per
incident, in Japanese with English beside them under en/ — written atomically into
DATA_DIR/public/<org slug>/status/ so that any web server or CDN can serve them."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from telegov.core.models import Organisation
from telegov.disclosure.choices import IncidentStatus
from telegov.disclosure.feed import atom_feed
from telegov.disclosure.models import Component, Maintenance, StatusIncident
from telegov.disclosure.notices import worst
from telegov.disclosure.prefecture_map import tile_map

LANGUAGES = ("ja", "en")
PAST_INCIDENTS_ON_INDEX = 50


def public_root() -> Path:
    return Path(settings.DATA_DIR) / "public"


def status_dir(slug: str) -> Path:
    return public_root() / slug / "status"


def language_prefix(language: str) -> str:
    """Where a language's pages live inside the status directory: Japanese at the top, English under en/."""
    return "" if language == "ja" else f"{language}/"


def publish_after_commit(organisation: Organisation) -> None:
    organisation_id = organisation.pk
    # Robust: the change is committed whatever happens here; a failed write is logged and the editor can
    # publish again.
    transaction.on_commit(lambda: publish(Organisation.objects.get(pk=organisation_id)), robust=True)


def publish(organisation: Organisation) -> Path:
    """Write the organisation's status page from the committed state; returns its directory."""
    target = status_dir(organisation.slug)
    target.mkdir(parents=True, exist_ok=True)
    # Publishers take turns, and each reads the state after taking its turn: the last writer has the newest.
    with _publishing_lock(target.parent / ".publish.lock"):
        for relative, content in render_files(organisation).items():
            write_atomically(target / relative, content)
    return target


@contextmanager
def _publishing_lock(path: Path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomically(path: Path, content: bytes) -> bool:
    """Replace `path` by `content` with a rename, so a reader sees the old file or the new one, never half
    of one. Unchanged files are left alone, which keeps their ETag and Last-Modified."""
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


class PageState:
    """What the page shows, read once from the database."""

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        self.now = timezone.now()
        self.components = list(Component.objects.filter(organisation=organisation).select_related("service"))
        incidents = list(
            StatusIncident.objects.filter(organisation=organisation).prefetch_related("components", "updates")
        )
        self.open_incidents = [incident for incident in incidents if incident.status != IncidentStatus.RESOLVED]
        self.past_incidents = [incident for incident in incidents if incident.status == IncidentStatus.RESOLVED]
        self.incidents = incidents
        self.maintenance = list(
            Maintenance.objects.filter(organisation=organisation, scheduled_until__gte=self.now)
            .prefetch_related("components")
        )
        self.overall = worst([component.status for component in self.components])

    def affected(self) -> list[str]:
        return sorted({name for incident in self.open_incidents for name in incident.still_affected_prefectures})

    def recovered(self) -> list[str]:
        still = set(self.affected())
        return sorted({name for incident in self.open_incidents for name in incident.recovered_prefectures} - still)


def render_files(organisation: Organisation) -> dict[str, bytes]:
    state = PageState(organisation)
    files: dict[str, bytes] = {"summary.json": summary_json(state)}
    for language in LANGUAGES:
        prefix = language_prefix(language)
        with translation.override(language):
            context = {"state": state, "organisation": organisation, "language": language,
                       "other_language": "en" if language == "ja" else "ja", "published_at": state.now}
            files[f"{prefix}index.html"] = render_page("disclosure/public/index.html", {
                **context, "root": "", "home": "../" if prefix else "",
                "map": tile_map(state.affected(), state.recovered(), _("Affected and recovered prefectures")),
                "past_incidents": state.past_incidents[:PAST_INCIDENTS_ON_INDEX],
            })
            for incident in state.incidents:
                files[f"{prefix}incidents/{incident.pk}.html"] = render_page("disclosure/public/incident.html", {
                    **context, "root": "../", "home": "../../" if prefix else "../", "incident": incident,
                    "map": tile_map(incident.affected_prefectures,
                                    incident.recovered_prefectures if not incident.is_resolved
                                    else incident.affected_prefectures,
                                    _("Affected and recovered prefectures")),
                })
            files[f"{prefix}feed.atom"] = atom_feed(state, language)
    return files


def render_page(template: str, context: dict) -> bytes:
    return render_to_string(template, context).encode("utf-8")


def summary_json(state: PageState) -> bytes:
    """Statuspage's summary.json shape: the page, its components, open incidents with their updates,
    past incidents and scheduled maintenance."""
    with translation.override("ja"):
        page = {
            "page": {"id": state.organisation.slug, "name": state.organisation.name, "time_zone": "Asia/Tokyo",
                     "updated_at": state.now},
            "status": {"indicator": state.overall, "description": _status_label(state.overall)},
            "components": [_component(component) for component in state.components],
            "incidents": [_incident(incident) for incident in state.open_incidents],
            "past_incidents": [_incident(incident) for incident in state.past_incidents[:PAST_INCIDENTS_ON_INDEX]],
            "scheduled_maintenances": [
                {"id": item.pk, "name": item.title, "description": item.description,
                 "scheduled_for": item.scheduled_from, "scheduled_until": item.scheduled_until,
                 "components": [component.pk for component in item.components.all()],
                 "affected_prefectures": item.affected_prefectures}
                for item in state.maintenance
            ],
        }
    return json.dumps(page, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")


def _status_label(status: str) -> str:
    from telegov.disclosure.choices import ComponentStatus

    return str(ComponentStatus(status).label)


def _component(component: Component) -> dict:
    return {"id": component.pk, "name": component.name, "region": component.region, "status": component.status,
            "status_label": _status_label(component.status), "updated_at": component.updated_at,
            "service": component.service.name if component.service else None}


def _incident(incident: StatusIncident) -> dict:
    return {
        "id": incident.pk, "name": incident.title, "status": incident.status, "impact": incident.impact,
        "started_at": incident.started_at, "resolved_at": incident.resolved_at,
        "shortlink": f"incidents/{incident.pk}.html",
        "components": [component.pk for component in incident.components.all()],
        "affected_prefectures": incident.affected_prefectures,
        "recovered_prefectures": incident.recovered_prefectures,
        "incident_updates": [
            {"id": update.pk, "status": update.status, "body": update.message, "created_at": update.posted_at,
             "next_update_at": update.next_update_at, "notice": {"ja": update.notice_ja, "en": update.notice_en}}
            for update in incident.updates.all()
        ],
    }
