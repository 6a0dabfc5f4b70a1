"""A fictional operator group, so that a first start shows real obligations.

All names and numbers are invented; the corporate numbers are made up with valid check digits.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from telegov.core import services as actions
from telegov.core.choices import PREFECTURES
from telegov.core.demo_activity import load_activity
from telegov.core.models import Organisation
from telegov.userinfo.demo import load_register

DEMO_SLUG = "demo"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "telegov-demo"  # noqa: S105  (printed to the person who started the demo)

KANTO = ["東京都", "神奈川県", "埼玉県", "千葉県", "茨城県", "栃木県", "群馬県"]

OPERATORS = [
    {
        "operator": {
            "name": "架空モバイル株式会社", "corporate_number": "2010401900001", "registration_status": "registered",
            "installs_circuit_facilities": True, "users_prev_fy": 38_000_000, "designated_on": "2026-09-30",
        },
        "services": [
            {"name": "携帯電話（音声）", "category": "voice_emergency", "paid": True, "users": 38_000_000,
             "prefectures": list(PREFECTURES)},
            {"name": "モバイルデータ通信", "category": "other", "paid": True, "users": 35_000_000,
             "prefectures": list(PREFECTURES)},
            {"name": "会員サイト「マイ架空」", "category": "other", "paid": True, "users": 12_000_000,
             "monthly_active_users": 8_000_000, "transmission_type": "information", "sends_user_info_outward": True},
        ],
    },
    {
        "operator": {
            "name": "架空メッセージ株式会社", "corporate_number": "1010401900002",
            "registration_status": "notified", "users_prev_fy": 22_000_000, "designated_on": "2024-10-01",
        },
        "services": [
            {"name": "架空トーク", "category": "free_internet", "paid": False, "users": 22_000_000,
             "monthly_active_users": 15_000_000, "transmission_type": "messaging", "sends_user_info_outward": True,
             "prefectures": list(PREFECTURES)},
        ],
    },
    {
        "operator": {
            "name": "架空ネット株式会社", "corporate_number": "9010401900003", "registration_status": "notified",
            "users_prev_fy": 1_300_000,
        },
        "services": [
            {"name": "架空光インターネット", "category": "other", "paid": True, "users": 1_300_000,
             "prefectures": KANTO},
        ],
    },
    {
        "operator": {
            "name": "架空ニュース株式会社", "corporate_number": "8010401900004",
            "registration_status": "third_category", "users_prev_fy": 80_000,
        },
        "services": [
            {"name": "架空ニュース", "category": "other", "paid": False, "users": 80_000,
             "transmission_type": "information", "sends_user_info_outward": True},
        ],
    },
]


def demo_exists() -> bool:
    return Organisation.objects.filter(slug=DEMO_SLUG).exists()


@transaction.atomic
def load_demo() -> Organisation:
    """Create the demo organisation, its operators and the demo user (an administrator of it)."""
    if demo_exists():
        raise ValueError("the demo organisation already exists")
    users = get_user_model().objects
    user = users.filter(username=DEMO_USERNAME).first() or actions.create_user(DEMO_USERNAME, DEMO_PASSWORD)
    organisation = actions.create_organisation(user, "架空通信グループ（デモ）", DEMO_SLUG)
    for entry in OPERATORS:
        operator = actions.create_operator(user, organisation, **entry["operator"])
        for service in entry["services"]:
            actions.create_service(user, operator, **service)
    load_register(organisation, user)
    load_activity(organisation, user)
    return organisation
