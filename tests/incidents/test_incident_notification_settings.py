"""Administrators set who hears of incidents; the secret signs deliveries but never enters the audit log."""

from __future__ import annotations

from telegov.core.models import AuditLog
from telegov.incidents import services, webhooks
from telegov.incidents.models import NotificationSettings, WebhookEndpoint
from tests.incidents.conftest import outage_fields

URL = "/o/a-tsushin/incidents/notifications/"


def test_an_administrator_sets_addresses_reminder_days_and_a_webhook(client, world, receiver, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    client.force_login(world["alice"])
    assert "事故・障害通知" in client.get("/o/a-tsushin/incidents/").content.decode()
    response = client.post(URL, {"action": "settings", "emails": "noc@a.example\nduty@a.example",
                                 "reminder_days": "10, 3、0"})
    assert response.status_code == 302
    found = NotificationSettings.objects.get(organisation=world["org_a"])
    assert (found.emails, found.reminder_days) == (["noc@a.example", "duty@a.example"], [10, 3, 0])
    assert client.post(URL, {"action": "add_webhook", "url": receiver.url,
                             "events": ["incident.opened"]}).status_code == 302
    endpoint = WebhookEndpoint.objects.get(organisation=world["org_a"])
    assert endpoint.events == ["incident.opened"] and len(endpoint.secret) >= 32

    with django_capture_on_commit_callbacks(execute=True):
        services.open_incident(world["alice"], world["op_a"], **outage_fields())
    assert mailoutbox[-1].to == ["noc@a.example", "duty@a.example"]
    [attempt] = webhooks.deliver_due("w")
    [request] = receiver.requests
    assert attempt.status_code == 200
    assert webhooks.verify(endpoint.secret, request["headers"]["X-Telegov-Signature"], request["body"])
    page = client.get(URL).content.decode()
    assert receiver.url in page and "200" in page

    rows = AuditLog.objects.filter(object_type="incidents.webhookendpoint")
    assert rows.count() == 1 and "secret" not in rows.get().after
    assert endpoint.secret not in str(list(AuditLog.objects.values_list("before", "after")))
    assert client.post(URL, {"action": "remove_webhook", "endpoint": endpoint.pk}).status_code == 302
    assert not WebhookEndpoint.objects.exists()


def test_bad_input_is_shown_on_the_form(client, world):
    client.force_login(world["alice"])
    page = client.post(URL, {"action": "settings", "emails": "not an address", "reminder_days": "soon"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "有効なメールアドレスを入力してください" in text and "日数を半角数字" in text


def test_only_administrators_of_the_organisation_reach_the_page(client, world):
    client.force_login(world["vera"])
    assert client.get(URL).status_code == 403
    client.force_login(world["bob"])
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"action": "add_webhook", "url": "https://evil.example/"}).status_code == 404
    assert not WebhookEndpoint.objects.exists()
