"""The dashboard in a real Chromium: log in, read it in Japanese, switch to English, open an
obligation and its basis. Tenancy is checked with Django's test client."""

import os
from datetime import timedelta

import pytest
from django.urls import reverse

from telegov.core import services as actions
from telegov.core.choices import Role
from telegov.legal_calendar import today_in_tokyo
from telegov.rules import rule_book

PASSWORD = "a-long-test-password-42"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def designated_carrier(actor, organisation, name="試験通信株式会社"):
    """A registered carrier designated 75 days ago: its specified-user-information duties have due dates
    about two weeks ahead, inside the due-soon window."""
    operator = actions.create_operator(
        actor, organisation, name=name, registration_status="registered",
        designated_on=today_in_tokyo() - timedelta(days=75), users_prev_fy=2_000_000,
    )
    thresholds = rule_book().get("specified.designation_thresholds", today_in_tokyo()).parameters
    actions.create_service(actor, operator, name="無料メッセージ", category="free_internet", paid=False,
                           users=thresholds["free_min_users"])
    actions.create_service(actor, operator, name="法人向け回線", category="other", paid=True, users=1200)
    return operator


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
def test_dashboard_in_japanese_then_english_and_an_obligations_basis(live_server, browser):
    admin = actions.create_user("kanri", PASSWORD)
    organisation = actions.create_organisation(admin, "試験グループ", "shiken")
    designated_carrier(admin, organisation)
    rule = rule_book().get("specified.info_rules", today_in_tokyo())

    # A Japanese browser: LocaleMiddleware follows Accept-Language until the switch sets the cookie.
    page = browser.new_page(locale="ja-JP")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    page.fill("#id_username", "kanri")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/login/'] button[type=submit]")

    page.wait_for_url(f"{live_server.url}/o/shiken/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "試験グループ"
    info_rules = page.locator("tr", has=page.get_by_role("link", name="情報取扱規程の策定・届出"))
    assert info_rules.locator(".badge.status").inner_text() == "期限間近"
    assert page.get_by_role("link", name="ルールブック").is_visible()
    if os.environ.get("TELEGOV_E2E_SCREENSHOT"):
        page.screenshot(path=os.environ["TELEGOV_E2E_SCREENSHOT"], full_page=True)

    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert page.url == f"{live_server.url}/o/shiken/"
    english_title = "Draw up and file the information handling rules"
    info_rules = page.locator("tr", has=page.get_by_role("link", name=english_title))
    assert info_rules.locator(".badge.status").inner_text() == "Due soon"
    assert page.get_by_role("link", name="Rule book").is_visible()

    info_rules.get_by_role("link").click()
    page.wait_for_url("**/obligations/specified.info_rules/")
    assert page.locator("h1").inner_text() == english_title
    basis = page.locator("table.basis")
    assert basis.get_by_text("電気通信事業法第27条の6").is_visible()
    assert basis.locator(f"a.source[href='{rule.source}']").count() == 1
    assert "meets the designation thresholds" in page.locator(".reason").inner_text()
    page.close()


@pytest.fixture
def two_organisations(db):
    admin = actions.create_user("kanri", PASSWORD)
    first = actions.create_organisation(admin, "A社グループ", "group-a")
    second = actions.create_organisation(admin, "B社グループ", "group-b")
    return admin, first, second


def test_a_member_of_one_organisation_gets_404_on_anothers_pages(client, two_organisations):
    admin, first, second = two_organisations
    foreign = designated_carrier(admin, second)
    member_of_a = actions.create_user("a-editor", PASSWORD)
    actions.add_member(admin, first, member_of_a, Role.EDITOR)
    client.force_login(member_of_a)
    assert client.get(reverse("core:dashboard", args=[first.slug])).status_code == 200
    for url in [
        reverse("core:dashboard", args=[second.slug]),
        reverse("core:operator", args=[second.slug, foreign.pk]),
        reverse("core:operator_edit", args=[second.slug, foreign.pk]),
        reverse("core:obligation", args=[second.slug, foreign.pk, "specified.info_rules"]),
        reverse("core:audit", args=[second.slug]),
        # Reaching B's operator through A's address does not work either.
        reverse("core:operator", args=[first.slug, foreign.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_viewer_gets_403_on_the_edit_form(client, two_organisations):
    admin, first, _ = two_organisations
    operator = designated_carrier(admin, first)
    viewer = actions.create_user("viewer", PASSWORD)
    actions.add_member(admin, first, viewer, Role.VIEWER)
    client.force_login(viewer)
    assert client.get(reverse("core:operator", args=[first.slug, operator.pk])).status_code == 200
    edit = reverse("core:operator_edit", args=[first.slug, operator.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"name": "改名", "registration_status": "notified"}).status_code == 403
    operator.refresh_from_db()
    assert operator.name == "試験通信株式会社"
