"""The editor's pages: write roles change the page, viewers only look (403), other organisations'
members find nothing (404). Changes are audited and published after commit."""

import json
import re

import pytest
from django.urls import reverse

from telegov.core import services as core_actions
from telegov.core.choices import Role
from telegov.core.models import AuditLog
from telegov.disclosure.models import Component, StatusIncident
from telegov.disclosure.publishing import status_dir

from .conftest import PASSWORD, open_outage


def editor_urls(slug, incident_id):
    return {
        "get": [reverse("disclosure:component_create", args=[slug]),
                reverse("disclosure:incident_create", args=[slug]),
                reverse("disclosure:maintenance_create", args=[slug]),
                reverse("disclosure:subscriber_create", args=[slug])],
        "post": [reverse("disclosure:set_states", args=[slug]),
                 reverse("disclosure:publish", args=[slug]),
                 reverse("disclosure:incident", args=[slug, incident_id])],
    }


def test_a_viewer_may_look_but_gets_403_on_every_change(client, carrier):
    incident = open_outage(carrier)
    viewer = core_actions.create_user("etsuran", PASSWORD)
    core_actions.add_member(carrier["admin"], carrier["organisation"], viewer, Role.VIEWER)
    client.force_login(viewer)
    assert client.get(reverse("disclosure:editor", args=["kakuu"])).status_code == 200
    assert client.get(reverse("disclosure:incident", args=["kakuu", incident.pk])).status_code == 200
    urls = editor_urls("kakuu", incident.pk)
    urls["get"].append(reverse("disclosure:component_edit", args=["kakuu", carrier["voice"].pk]))
    for url in urls["get"]:
        assert client.get(url).status_code == 403, url
    for url in urls["post"] + urls["get"]:
        assert client.post(url, {"status": "resolved", f"component-{carrier['voice'].pk}": "operational"}
                           ).status_code == 403, url
    incident.refresh_from_db()
    assert incident.status == "investigating"
    assert Component.objects.get(pk=carrier["voice"].pk).status == "partial_outage"


def test_another_organisations_editor_gets_404(client, carrier):
    incident = open_outage(carrier)
    other = core_actions.create_organisation(carrier["admin"], "別グループ", "betsu")
    outsider = core_actions.create_user("gaibu", PASSWORD)
    core_actions.add_member(carrier["admin"], other, outsider, Role.EDITOR)
    client.force_login(outsider)
    assert client.get(reverse("disclosure:editor", args=["betsu"])).status_code == 200
    urls = editor_urls("kakuu", incident.pk)
    urls["get"].append(reverse("disclosure:component_edit", args=["kakuu", carrier["voice"].pk]))
    for url in [reverse("disclosure:editor", args=["kakuu"]), *urls["get"], urls["post"][2]]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"status": "resolved"}).status_code == 404, url
    # Nor through its own address: another organisation's incident does not exist there.
    assert client.get(reverse("disclosure:incident", args=["betsu", incident.pk])).status_code == 404


def test_an_editor_posts_an_incident_and_an_update_and_the_page_is_published(
    client, carrier, editor, django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    form = client.get(reverse("disclosure:incident_create", args=["kakuu"]))
    assert form.status_code == 200
    # The voice service suggests the 171 message services for a major outage.
    assert re.search(r"value=\"disaster_message_171\"[^>]* checked", form.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("disclosure:incident_create", args=["kakuu"]), {
            "title": "音声通話の障害", "impact": "major", "started_at": "2026-11-26T19:30",
            "components": [carrier["voice"].pk], "component_status": "major_outage",
            "affected_prefectures": ["大阪府", "京都府"], "workarounds": ["disaster_message_171"],
            "message": "",
        })
    incident = StatusIncident.objects.get()
    assert response.status_code == 302 and response.url == reverse("disclosure:incident", args=["kakuu", incident.pk])
    assert AuditLog.objects.filter(object_type="disclosure.statusincident", actor=editor).exists()
    summary = json.loads((status_dir("kakuu") / "summary.json").read_text())
    assert summary["incidents"][0]["affected_prefectures"] == ["大阪府", "京都府"]
    states = {component["id"]: component["status"] for component in summary["components"]}
    assert states == {carrier["voice"].pk: "major_outage", carrier["data"].pk: "operational"}
    notice = summary["incidents"][0]["incident_updates"][0]["notice"]["ja"]
    assert notice.startswith("11月26日 19時30分ごろから、携帯電話（音声）（関東）がご利用できない状況")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("disclosure:incident", args=["kakuu", incident.pk]), {
            "status": "monitoring", "recovered_prefectures": ["京都府"], "component_status": "degraded_performance",
        })
    assert response.status_code == 302
    page = (status_dir("kakuu") / f"incidents/{incident.pk}.html").read_text()
    assert "復旧した地域：京都府" in page and "影響が続いている地域：大阪府" in page


def test_a_bad_form_says_which_field(client, carrier, editor):
    client.force_login(editor)
    response = client.post(reverse("disclosure:incident_create", args=["kakuu"]), {
        "title": "", "impact": "major", "started_at": "not a date", "next_update_at": "2001-01-01T00:00",
    })
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"title", "started_at"} <= set(errors)
    assert StatusIncident.objects.count() == 0


def test_the_editor_sets_states_and_adds_a_webhook_subscriber(client, carrier, editor,
                                                              django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("disclosure:set_states", args=["kakuu"]),
                               {f"component-{carrier['data'].pk}": "degraded_performance"})
    assert response.status_code == 302
    assert Component.objects.get(pk=carrier["data"].pk).status == "degraded_performance"
    assert "性能低下" in (status_dir("kakuu") / "index.html").read_text()

    response = client.post(reverse("disclosure:subscriber_create", args=["kakuu"]), {
        "channel": "webhook", "audience": "mvno", "webhook_url": "https://mvno.example.jp/hook", "language": "ja",
    })
    assert response.status_code == 200
    subscriber = carrier["organisation"].status_subscribers.get()
    assert subscriber.is_active
    assert subscriber.secret in response.content.decode()


@pytest.mark.parametrize("language, heading", [("ja", "ステータスページ"), ("en", "Status page")])
def test_the_overview_speaks_japanese_first_and_english_on_request(client, carrier, editor, language, heading):
    client.force_login(editor)
    client.cookies["django_language"] = language
    page = client.get(reverse("disclosure:editor", args=["kakuu"])).content.decode()
    assert f"<h1>{heading}</h1>" in page


def test_the_editor_renames_a_component_and_the_change_is_audited_and_published(
    client, carrier, editor, django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    url = reverse("disclosure:component_edit", args=["kakuu", carrier["data"].pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "5Gデータ通信", "region": "関東", "position": 2})
    assert response.status_code == 302
    entry = AuditLog.objects.filter(object_type="disclosure.component", action="update").get()
    assert (entry.before["name"], entry.after["name"]) == ("モバイルデータ通信", "5Gデータ通信")
    assert "5Gデータ通信" in (status_dir("kakuu") / "index.html").read_text()
