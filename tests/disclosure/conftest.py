from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from telegov.core import services as core_actions
from telegov.core.choices import Role
from telegov.disclosure import services as actions

PASSWORD = "a-long-test-password-42"
JST = ZoneInfo("Asia/Tokyo")


@pytest.fixture(autouse=True)
def public_dir(settings, tmp_path):
    """Published files go to a fresh data directory in every test."""
    settings.DATA_DIR = tmp_path / "data"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings.DATA_DIR / "public"


@pytest.fixture
def carrier(db):
    """An organisation with a mobile carrier, its voice service and two status components."""
    admin = core_actions.create_user("kanri", PASSWORD)
    organisation = core_actions.create_organisation(admin, "架空モバイルグループ", "kakuu")
    operator = core_actions.create_operator(admin, organisation, name="架空モバイル株式会社",
                                            registration_status="registered")
    voice = core_actions.create_service(admin, operator, name="携帯電話（音声）", category="voice_emergency",
                                        users=3_000_000)
    kanto = actions.create_component(admin, organisation, name="携帯電話（音声）", region="関東", service=voice)
    data = actions.create_component(admin, organisation, name="モバイルデータ通信", region="関東")
    return {"admin": admin, "organisation": organisation, "voice": kanto, "data": data}


@pytest.fixture
def editor(carrier):
    user = core_actions.create_user("henshu", PASSWORD)
    core_actions.add_member(carrier["admin"], carrier["organisation"], user, Role.EDITOR)
    return user


def jst(*args) -> datetime:
    return datetime(*args, tzinfo=JST)


def soon(hours: int = 1) -> datetime:
    return (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


def open_outage(carrier, **overrides):
    fields = {
        "title": "携帯電話の音声通話がつながりにくい状況について",
        "impact": "major",
        "started_at": jst(2026, 11, 26, 19, 30),
        "components": [carrier["voice"]],
        "component_status": "partial_outage",
        "affected_prefectures": ["東京都", "神奈川県", "千葉県"],
        "workarounds": ["disaster_message_171"],
        "next_update_at": soon(),
    }
    fields.update(overrides)
    return actions.create_incident(carrier["admin"], carrier["organisation"], **fields)
