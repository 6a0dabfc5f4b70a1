"""The organisation pages through Django's test client: who sees what, in which language."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from telegov.core import services as actions
from telegov.core.choices import Role
from telegov.legal_calendar import today_in_tokyo
from telegov.rules import rule_book

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-42"


@pytest.fixture
def admin():
    return actions.create_user("kanri", PASSWORD)


@pytest.fixture
def org(admin):
    return actions.create_organisation(admin, "試験グループ", "shiken")


def designated_carrier(actor, org, designated_on):
    operator = actions.create_operator(actor, org, name="試験通信株式会社", registration_status="registered",
                                       designated_on=designated_on, users_prev_fy=2_000_000)
    actions.create_service(actor, operator, name="無料メッセージ", category="free_internet", paid=False,
                           users=rule_book().get("specified.designation_thresholds", today_in_tokyo())
                           .parameters["free_min_users"])
    return operator


@pytest.fixture
def operator(admin, org):
    return designated_carrier(admin, org, today_in_tokyo() - timedelta(days=75))


def logged_in(client, user, language="ja"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    response = client.get(reverse("core:dashboard", args=[org.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_renders_in_japanese_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="ja">' in response.content.decode()
    assert "ログイン" in response.content.decode()


def test_home_redirects_to_the_only_organisation(client, admin, org):
    response = logged_in(client, admin).get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard", args=[org.slug])


def test_home_lists_several_organisations(client, admin, org):
    actions.create_organisation(admin, "第二グループ", "second")
    response = logged_in(client, admin).get(reverse("core:home"))
    assert response.status_code == 200
    assert "試験グループ" in response.content.decode() and "第二グループ" in response.content.decode()


def row_html(page: str, title: str) -> str:
    """The table row of the obligation titled `title`."""
    start = page.rindex("<tr", 0, page.index(f">{title}</a>"))
    return page[start:page.index("</tr>", start)]


def test_dashboard_shows_operators_services_and_obligations_with_status(client, admin, org, operator):
    response = logged_in(client, admin).get(reverse("core:dashboard", args=[org.slug]))
    page = response.content.decode()
    assert "試験通信株式会社" in page and "無料メッセージ" in page and "登録" in page
    rows = {row.id: row for row in response.context["operators"][0][1].rows}
    # Designated 75 days ago: the filing due three months after designation falls inside the window.
    assert rows["specified.info_rules"].status == "due_soon"
    assert row_html(page, "情報取扱規程の策定・届出").count('class="badge status due_soon">期限間近<') == 1
    # Protection of secrecy has no deadline: it is ongoing and shows its frequency instead.
    assert rows["secrecy.protection"].status == "ongoing"
    assert "常時" in row_html(page, "通信の秘密の保護")


def test_overdue_obligation_is_marked_overdue(client, admin, org):
    designated_carrier(admin, org, today_in_tokyo() - timedelta(days=365))
    page = logged_in(client, admin).get(reverse("core:dashboard", args=[org.slug])).content.decode()
    assert 'class="badge status overdue">期限超過<' in row_html(page, "情報取扱規程の策定・届出")


def test_dashboard_in_english(client, admin, org, operator):
    page = logged_in(client, admin, "en").get(reverse("core:dashboard", args=[org.slug])).content.decode()
    assert '<html lang="en">' in page
    assert "Draw up and file the information handling rules" in page
    assert "情報取扱規程の策定・届出" not in page


def test_operator_detail_shows_profile_services_and_obligations(client, admin, org, operator):
    page = logged_in(client, admin).get(reverse("core:operator", args=[org.slug, operator.pk])).content.decode()
    assert "無料メッセージ" in page and "情報取扱規程の策定・届出" in page
    assert reverse("core:operator_edit", args=[org.slug, operator.pk]) in page


def test_obligation_detail_shows_reason_and_basis(client, admin, org, operator):
    url = reverse("core:obligation", args=[org.slug, operator.pk, "specified.info_rules"])
    page = logged_in(client, admin).get(url).content.decode()
    rule = rule_book().get("specified.info_rules", today_in_tokyo())
    assert rule.article in page and str(rule.source) in page
    assert "指定基準" in page  # the Japanese reason
    assert reverse("rules:detail", args=["specified.designation_thresholds"]) in page


def test_unverified_basis_is_badged(client, admin, org, operator):
    url = reverse("core:obligation", args=[org.slug, operator.pk, "userinfo.safety_management"])
    page = logged_in(client, admin).get(url).content.decode()
    assert 'class="badge unverified">未確認<' in page
    page = logged_in(client, admin, "en").get(url).content.decode()
    assert 'class="badge unverified">unverified<' in page


def test_obligation_that_does_not_apply_is_404(client, admin, org, operator):
    url = reverse("core:obligation", args=[org.slug, operator.pk, "transmission.notice"])
    assert logged_in(client, admin).get(url).status_code == 404


def test_viewer_sees_pages_without_edit_links(client, org, operator, admin):
    viewer = actions.create_user("etsuran", PASSWORD)
    actions.add_member(admin, org, viewer, Role.VIEWER)
    page = logged_in(client, viewer).get(reverse("core:operator", args=[org.slug, operator.pk])).content.decode()
    assert "試験通信株式会社" in page
    assert reverse("core:operator_edit", args=[org.slug, operator.pk]) not in page


def test_rule_list_groups_rules_in_force_today(client):
    page = client.get(reverse("rules:list")).content.decode()
    for rule in rule_book().in_force(today_in_tokyo()):
        assert reverse("rules:detail", args=[rule.id]) in page
    assert "未確認" in page and "利用者情報" in page


def test_rule_list_on_an_earlier_date_leaves_out_later_rules(client):
    page = client.get(reverse("rules:list"), {"on": "2023-01-01"}).content.decode()
    assert reverse("rules:detail", args=["secrecy.protection"]) in page
    assert reverse("rules:detail", args=["specified.info_rules"]) not in page


def test_rule_list_with_a_bad_date_says_so_and_shows_today(client):
    response = client.get(reverse("rules:list"), {"on": "2023-13-45"})
    assert response.status_code == 200
    assert "YYYY-MM-DD" in response.content.decode()
    assert response.context["on"] == today_in_tokyo()


def test_rule_detail_lists_every_version(client):
    book = rule_book()
    rule_id = max(book.ids(), key=lambda rule_id: len(book.versions(rule_id)))
    page = client.get(reverse("rules:detail", args=[rule_id]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for version in book.versions(rule_id):
        assert version.effective_from.isoformat() in page


def test_unknown_rule_is_404(client):
    assert client.get(reverse("rules:detail", args=["no.such_rule"])).status_code == 404


def test_every_rule_of_the_book_has_a_detail_page(client):
    for rule_id in rule_book().ids():
        response = client.get(reverse("rules:detail", args=[rule_id]))
        assert response.status_code == 200, rule_id
        assert rule_id in response.content.decode()


def test_home_without_an_organisation_says_so(client):
    loner = actions.create_user("hitori", PASSWORD)
    response = logged_in(client, loner).get(reverse("core:home"))
    assert response.status_code == 200
    assert "まだどの組織にも所属していません" in response.content.decode()


def test_operator_without_a_telecommunications_business_says_it_has_no_duties(client, admin, org):
    actions.create_operator(admin, org, name="非事業者", registration_status="none")
    page = logged_in(client, admin).get(reverse("core:dashboard", args=[org.slug])).content.decode()
    assert "電気通信事業法上の義務はありません" in page
    page = logged_in(client, admin, "en").get(reverse("core:dashboard", args=[org.slug])).content.decode()
    assert "has no duties under the Act" in page


def test_the_due_soon_window_follows_the_setting(client, admin, org, operator, settings):
    settings.TELEGOV_DUE_SOON_DAYS = 5
    response = logged_in(client, admin).get(reverse("core:dashboard", args=[org.slug]))
    rows = {row.id: row for row in response.context["operators"][0][1].rows}
    assert rows["specified.info_rules"].status == "upcoming"


def test_japanese_first_whatever_the_browser_asks(client, db):
    response = client.get("/rules/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "ja"
    client.cookies["django_language"] = "en"
    assert client.get("/rules/", HTTP_ACCEPT_LANGUAGE="ja").headers["Content-Language"] == "en"
