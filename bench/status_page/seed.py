"""Seed a data directory with an organisation whose status page has history, and publish it.
Run with TELEGOV_DATA_DIR set; prints the organisation slug and the open incident's id as JSON."""

from __future__ import annotations

import json
import os
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "telegov.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from telegov.core import services as core_actions  # noqa: E402
from telegov.core.choices import PREFECTURES, Role  # noqa: E402
from telegov.disclosure import services as actions  # noqa: E402
from telegov.disclosure.publishing import publish  # noqa: E402

SLUG = "bench"
EDITOR, PASSWORD = "bench-editor", "bench-password-for-the-status-page"
SERVICES = ["携帯電話（音声）", "モバイルデータ通信", "光回線", "IP電話", "SMS", "公衆無線LAN"]
REGIONS = ["北海道・東北", "関東", "中部", "関西", "中国・四国", "九州・沖縄"]
PAST_INCIDENTS = 40


def seed() -> dict:
    admin = core_actions.create_user("bench-admin", PASSWORD)
    organisation = core_actions.create_organisation(admin, "架空モバイルグループ", SLUG)
    editor = core_actions.create_user(EDITOR, PASSWORD)
    core_actions.add_member(admin, organisation, editor, Role.EDITOR)
    components = [
        actions.create_component(admin, organisation, name=service, region=region, position=index)
        for index, (service, region) in enumerate((s, r) for s in SERVICES for r in REGIONS)
    ]
    now = timezone.now()
    for number in range(PAST_INCIDENTS):
        started = now - timedelta(days=3 * (number + 1), hours=number % 7)
        incident = actions.create_incident(
            admin, organisation, title=f"過去の障害 {number + 1}", impact="minor", started_at=started,
            components=components[number % len(components):][:2], affected_prefectures=list(PREFECTURES[:5]),
        )
        actions.post_update(admin, incident, status="resolved", posted_at=started + timedelta(hours=2))
    incident = actions.create_incident(
        admin, organisation, title="関東で音声通話がつながりにくい状況", impact="major",
        started_at=now - timedelta(minutes=40), components=components[1:2], component_status="partial_outage",
        affected_prefectures=["東京都", "神奈川県", "千葉県", "埼玉県"], workarounds=["disaster_message_171"],
        next_update_at=now + timedelta(hours=1),
    )
    publish(organisation)
    return {"slug": SLUG, "incident": incident.pk, "editor": EDITOR, "password": PASSWORD}


if __name__ == "__main__":
    print(json.dumps(seed()))
