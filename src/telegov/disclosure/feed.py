"""The Atom 1.0 feed of a status page: one entry per incident update, newest first."""

from __future__ import annotations

import os

from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

# Feeds need absolute links; where the page is served from is the installation's choice.
PUBLIC_URL_VARIABLE = "TELEGOV_PUBLIC_URL"


def page_url(slug: str, language: str) -> str:
    base = os.environ.get(PUBLIC_URL_VARIABLE, "http://127.0.0.1:8000").rstrip("/")
    return f"{base}/status/{slug}/" + ("" if language == "ja" else f"{language}/")


def atom_feed(state, language: str) -> bytes:
    slug = state.organisation.slug
    home = page_url(slug, language)
    feed = Atom1Feed(
        title=_("%(name)s service status") % {"name": state.organisation.name},
        link=home,
        description="",
        language=language,
        feed_url=f"{home}feed.atom",
        feed_guid=f"tag:telegov,2026:status/{slug}/{language}",
    )
    updates = sorted(
        ((update, incident) for incident in state.incidents for update in incident.updates.all()),
        key=lambda pair: (pair[0].posted_at, pair[0].pk), reverse=True,
    )
    for update, incident in updates:
        feed.add_item(
            title=f"[{update.get_status_display()}] {incident.title}",
            link=f"{home}incidents/{incident.pk}.html",
            description=linebreaks(escape(update.notice(language))),
            unique_id=f"tag:telegov,2026:status/{slug}/update/{update.pk}/{language}",
            pubdate=update.posted_at,
            updateddate=update.posted_at,
            categories=[incident.get_impact_display()],
        )
    return feed.writeString("utf-8").encode("utf-8")
