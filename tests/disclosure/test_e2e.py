"""In a real Chromium: an editor logs in, posts an incident through the app, and users see it on the
public page, on its map and in the feed."""

import os
import xml.etree.ElementTree as ET

import pytest

from telegov.core import services as core_actions
from telegov.core.choices import Role
from telegov.disclosure import services as actions

from .conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
ATOM = "{http://www.w3.org/2005/Atom}"


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
def test_an_editor_posts_an_incident_and_users_see_it_on_the_page_and_in_the_feed(live_server, browser):
    admin = core_actions.create_user("kanri", PASSWORD)
    organisation = core_actions.create_organisation(admin, "架空モバイルグループ", "kakuu")
    actions.create_component(admin, organisation, name="携帯電話（音声）", region="関東")
    actions.create_component(admin, organisation, name="光回線", region="関西")
    editor = core_actions.create_user("henshu", PASSWORD)
    core_actions.add_member(admin, organisation, editor, Role.EDITOR)

    page = browser.new_page(locale="ja-JP")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/o/kakuu/status/")
    assert "/login/" in page.url
    page.fill("#id_username", "henshu")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/o/kakuu/status/")
    assert page.locator("h1").inner_text() == "ステータスページ"

    page.get_by_role("link", name="障害を掲載").click()
    page.wait_for_url("**/status/incidents/new/")
    page.fill("#id_title", "関東で音声通話がつながりにくい状況")
    page.select_option("#id_impact", "major")
    page.fill("#id_started_at", "2026-11-26T19:30")
    page.get_by_label("携帯電話（音声）（関東）").check()
    page.select_option("#id_component_status", "partial_outage")
    for prefecture in ["東京都", "神奈川県"]:
        page.get_by_label(prefecture, exact=True).check()
    page.get_by_label("災害用伝言板（171／web171）").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/status/incidents/*/")
    assert page.locator("h1").inner_text() == "関東で音声通話がつながりにくい状況"

    page.goto(f"{live_server.url}/status/kakuu/")
    incident = page.locator("article.incident")
    assert incident.locator("h3").inner_text() == "関東で音声通話がつながりにくい状況"
    notice = incident.locator(".notice").inner_text()
    assert "11月26日 19時30分ごろから" in notice and "影響地域：東京都、神奈川県" in notice
    assert "災害用伝言ダイヤル（171）" in notice
    assert page.locator("[data-prefecture='神奈川県']").get_attribute("data-state") == "affected"
    assert page.locator("[data-prefecture='大阪府']").get_attribute("data-state") == "normal"
    assert page.locator("tr", has_text="携帯電話（音声）（関東）").locator("td").nth(1).inner_text() == "一部障害"

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/status/kakuu/en/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Partial outage" in page.locator("table.components").inner_text()

    feed = page.request.get(f"{live_server.url}/status/kakuu/feed.atom")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    entries = ET.fromstring(feed.body()).findall(f"{ATOM}entry")  # noqa: S314 - our own feed
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["[調査中] 関東で音声通話がつながりにくい状況"]
    page.close()
