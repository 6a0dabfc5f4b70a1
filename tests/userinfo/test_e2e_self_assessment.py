"""A whole business year in a real Chromium: the register gains a contractor abroad, the policy is
regenerated, approved by the chief manager and published; the self-assessment is answered, its finding
becomes an action, and closing it records the policy's new version."""

import os
from datetime import timedelta

import pytest
from django.utils import translation

from telegov.core import services as actions
from telegov.core.choices import Role
from telegov.legal_calendar import today_in_tokyo
from telegov.userinfo import assessment, versions
from telegov.userinfo.choices import CycleState, VersionState
from telegov.userinfo.demo import load_register

PASSWORD = "a-long-test-password-42"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def _ja(label) -> str:
    with translation.override("ja"):
        return str(label)


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_load_state()


def _log_out(page) -> None:
    page.click("form[action='/logout/'] button[type=submit]")
    page.wait_for_url("**/login/")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_self_assessment_cycle_end_to_end(live_server, browser, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    editor = actions.create_user("henshu", PASSWORD)
    organisation = actions.create_organisation(editor, "試験グループ", "shiken")
    chief = actions.create_user("sekinin", PASSWORD)
    actions.add_member(editor, organisation, chief, Role.CHIEF_MANAGER)
    operator = actions.create_operator(editor, organisation, name="試験モバイル株式会社",
                                       registration_status="registered",
                                       designated_on=today_in_tokyo() - timedelta(days=75))
    actions.create_service(editor, operator, name="無料メッセージ", category="free_internet", paid=False,
                           users=12_000_000)
    load_register(organisation, editor)
    first = versions.generate(editor, organisation, "policy")
    versions.approve(chief, first)
    versions.release(editor, first)
    base = f"{live_server.url}"
    slug = "/o/shiken/userinfo"

    page = browser.new_page(locale="ja-JP")
    page.set_default_timeout(20_000)
    _log_in(page, base, "henshu")

    # The overview: reminders from the obligations engine and the countries of the register.
    page.goto(f"{base}{slug}/")
    assert page.locator("h1").inner_text() == "利用者情報"
    assert "情報取扱規程の策定・届出" in page.locator("#reminders").inner_text()
    assert "ベトナム (VN)" in page.locator("#countries").inner_text()

    # The self-assessment of this business year.
    page.goto(f"{base}{slug}/assessments/")
    page.get_by_role("button", name="今事業年度の自己評価を開始").click()
    page.wait_for_url("**/assessments/*/")
    cycle_url = page.url
    vietnam = page.locator("#risks tr[data-country='VN']")
    assert "gov_access_duty" in vietnam.inner_text() and "localisation_duty" in vietnam.inner_text()
    assert page.locator("#risks tr[data-country='US']").count() == 1

    # During the year a contractor in the Philippines is added through the register's form.
    page.goto(f"{base}{slug}/contractors/new/")
    page.fill("#id_key", "ph-support")
    page.fill("#id_name", "Example Manila Inc.")
    page.fill("#id_country", "PH")
    page.fill("#id_tasks", "問い合わせ対応")
    page.click("form button[type=submit].primary")
    page.wait_for_url(f"**{slug}/contractors/")
    assert "Example Manila Inc." in page.locator("table").first.inner_text()

    # A new policy version names it and its diff shows it; the editor cannot approve it, the chief manager
    # does, and it is published.
    page.goto(f"{base}{slug}/documents/")
    page.click("#kind-policy form button")
    page.wait_for_url("**/documents/*/")
    diff = page.locator("#diff").inner_text()
    assert "+・フィリピン（PH）" in diff and "+・ベトナム（VN）" not in diff
    assert "フィリピン（PH）" in page.locator("#document-text").inner_text()
    assert page.get_by_role("button", name="統括管理者として承認").count() == 0
    policy_url = page.url
    _log_out(page)
    _log_in(page, base, "sekinin")
    page.goto(policy_url)
    page.get_by_role("button", name="統括管理者として承認").click()
    page.wait_for_load_state()
    assert page.locator("#version-state").inner_text() == _ja(VersionState.APPROVED.label)
    page.get_by_role("button", name="公表する").click()
    page.wait_for_load_state()
    assert page.locator("#version-state").inner_text() == _ja(VersionState.PUBLISHED.label)
    page.goto(f"{base}/public/shiken/policy/")
    assert "フィリピン（PH）" in page.content() and "ベトナム（VN）" in page.content()
    page.goto(f"{base}{slug}/")
    _log_out(page)
    _log_in(page, base, "henshu")
    page.goto(cycle_url)
    for requirement in assessment.framework().requirements:
        result = "partial" if requirement.id == "SA-CON-03" else "compliant"
        page.select_option(f"select[name='{requirement.id}-result']", result)
        page.fill(f"textarea[name='{requirement.id}-evidence']", f"{requirement.id} の証跡")
    page.get_by_role("button", name="回答を保存").click()
    page.wait_for_url(cycle_url)
    assert "SA-CON-03" in page.locator("#open-findings").inner_text()

    page.get_by_role("button", name="完了する").click()
    page.wait_for_url(cycle_url)
    assert "SA-CON-03" in page.locator("[role=alert]").inner_text()

    form = page.locator("#action-form")
    form.locator("input[name='title']").fill("再委託先の点検を実施する")
    form.locator("input[name='requirement']").fill("SA-CON-03")
    form.locator("input[name='owner']").fill("調達部")
    form.locator("input[name='due_on']").fill((today_in_tokyo() + timedelta(days=60)).isoformat())
    form.get_by_role("button").click()
    page.wait_for_url(cycle_url)
    assert page.locator("#open-findings").count() == 0

    page.fill("textarea[name='summary']", "委託先の所在国にフィリピンを追加した")
    page.get_by_role("button", name="完了する").click()
    page.wait_for_url(cycle_url)
    assert page.locator("#cycle-state").inner_text() == _ja(CycleState.CLOSED.label)
    changes = page.locator("#cycle-changes").inner_text()
    assert "情報取扱方針：第1版 → 第2版" in changes and "フィリピン" in changes
    page.close()
