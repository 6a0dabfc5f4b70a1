"""The console commands as a user runs them, in fresh data directories."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from telegov.core.demo import DEMO_SLUG, load_demo
from telegov.core.models import Operator
from telegov.legal_calendar import today_in_tokyo
from telegov.obligations.engine import assess
from telegov.obligations.profile import profile_from_operator

ROOT = Path(__file__).resolve().parents[1]
TELEGOV = str(Path(sys.executable).with_name("telegov"))


def run(args, data_dir, **env):
    environment = {**os.environ, "TELEGOV_DATA_DIR": str(data_dir), **env}
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
    return subprocess.run(args, capture_output=True, text=True, env=environment, cwd=data_dir, timeout=120)


def test_setup_loads_the_demo_once_into_an_empty_database(tmp_path):
    first = run([TELEGOV, "setup", "--demo-if-empty"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "demo / telegov-demo" in first.stdout
    assert (tmp_path / "telegov.sqlite3").exists()
    again = run([TELEGOV, "setup", "--demo-if-empty"], tmp_path)
    assert again.returncode == 0 and "demo organisation" not in again.stdout
    assert run([TELEGOV, "demo"], tmp_path).returncode == 1
    worker = run([TELEGOV, "work"], tmp_path)
    assert worker.returncode == 0, worker.stderr
    assert "reminders 0" in worker.stdout


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"], tmp_path,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="telegov.example.jp",
        TELEGOV_HTTPS="1", DJANGO_DEBUG="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_demo_group_shows_contrasting_obligations():
    organisation = load_demo()
    assert organisation.slug == DEMO_SLUG
    found = {
        operator.name: {item.id: item for item in assess(profile_from_operator(operator), today_in_tokyo()).obligations}
        for operator in Operator.objects.filter(organisation=organisation).prefetch_related("services")
    }
    mobile, messaging = found["架空モバイル株式会社"], found["架空メッセージ株式会社"]
    isp, news = found["架空ネット株式会社"], found["架空ニュース株式会社"]
    assert mobile["specified.info_rules"].level == "mandatory" and mobile["specified.info_rules"].due
    assert "facilities.self_confirmation" in mobile and "transmission.notice" in mobile
    assert messaging["specified.chief_manager"].level == "mandatory" and "transmission.notice" in messaging
    assert isp["specified.info_rules"].level == "effort" and "facilities.conformance" in isp
    assert set(news) == {"secrecy.protection", "transmission.notice"}


@pytest.mark.django_db
def test_demo_group_has_a_status_page_an_accident_record_and_a_site():
    organisation = load_demo()
    assert organisation.status_incidents.get().status == "resolved"
    accident = organisation.incidents.get()
    assert accident.classification == "quarterly_simplified"
    assert [report.form for report in accident.reports.all()] == ["告示に定める様式"]
    assert organisation.transmission_sites.get().start_urls == ["https://news.example.jp/"]
