"""An outage logged in a real Chromium: the NOC opens it, sees it is a quarterly accident, records more
affected users and sees it become serious, with its reports and due dates."""

from __future__ import annotations

import os

import pytest

from telegov.core import services as core
from telegov.incidents.models import Incident

PASSWORD = "a-long-test-password-42"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_outage_grows_into_a_serious_accident_in_the_browser(live_server, browser):
    noc = core.create_user("noc", PASSWORD)
    organisation = core.create_organisation(noc, "試験通信", "shiken")
    core.create_operator(noc, organisation, name="試験回線", registration_status="registered", users_prev_fy=50_000)

    page = browser.new_page(locale="ja-JP")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/?next=/o/shiken/incidents/new/")
    page.fill("#id_username", "noc")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_url("**/o/shiken/incidents/new/")

    page.select_option("#id_operator", label="試験回線")
    page.fill("#id_name", "光回線の通信障害")
    page.select_option("#id_kind", "outage")
    page.fill("#id_started_at", "2026-05-12T10:00")
    page.fill("#id_ended_at", "2026-05-12T13:00")
    page.select_option("#id_service_category", "other")
    page.fill("#id_affected_users", "10000")
    page.select_option("#id_facility_owner", "cloud_provider")
    page.fill("#id_facility_owner_name", "架空クラウド株式会社")
    page.get_by_role("button", name="保存").click()

    page.wait_for_url("**/o/shiken/incidents/*/")
    classification = page.locator("#classification strong.classification")
    assert classification.inner_text() == "四半期報告事故"
    assert page.locator("#reports").get_by_text("2026-08-31").is_visible()

    page.get_by_role("link", name="編集").click()
    page.fill("#id_affected_users", "40000")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("#classification strong.classification.serious")
    reports = page.locator("#reports table")
    assert reports.get_by_text("様式第50の3").is_visible()
    assert reports.get_by_text("2026-06-11").is_visible()
    assert page.locator("#timeline").get_by_text("四半期報告事故 → 重大な事故").is_visible()
    if os.environ.get("TELEGOV_E2E_SCREENSHOT"):
        page.screenshot(path=os.environ["TELEGOV_E2E_SCREENSHOT"], full_page=True)

    page.goto(f"{live_server.url}/incidents/deadlines/")
    board = page.locator("table")
    assert board.get_by_text("光回線の通信障害").first.is_visible()
    assert board.locator("tr.deadline.overdue").count() == 1 and board.locator("tr.deadline.promptly").count() == 1
    assert Incident.objects.get().classification == "serious"
    page.close()
