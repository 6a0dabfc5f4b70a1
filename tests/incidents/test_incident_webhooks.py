"""Signed webhook deliveries to a real HTTP server on 127.0.0.1: the signature, retries with backoff and
their log, timeouts, and the worker's exclusive claim."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from telegov.incidents import notify, services, webhooks
from telegov.incidents.dispatch import run_once
from telegov.incidents.models import WebhookEndpoint, WebhookMessage
from tests.incidents.conftest import outage_fields

SECRET = "whsec-test-1"


@pytest.fixture
def endpoint(world, receiver):
    return WebhookEndpoint.objects.create(organisation=world["org_a"], url=receiver.url, secret=SECRET)


def queue_one(world, endpoint) -> WebhookMessage:
    incident = services.open_incident(world["alice"], world["op_a"], **outage_fields())
    [message] = notify.enqueue(world["org_a"], "incident.opened", notify.payload("incident.opened", incident))
    return message


def test_the_receiver_verifies_the_signature_with_the_shared_secret(world, endpoint, receiver):
    message = queue_one(world, endpoint)
    [attempt] = webhooks.deliver_due("worker-1")
    assert attempt.status_code == 200
    [request] = receiver.requests
    header = request["headers"]["X-Telegov-Signature"]
    assert header.startswith("t=") and ",v1=" in header
    assert webhooks.verify(SECRET, header, request["body"])
    assert not webhooks.verify("another-secret", header, request["body"])
    assert not webhooks.verify(SECRET, header, request["body"].replace(b"quarterly", b"serious"))
    timestamp = int(header.split(",")[0][2:])
    assert not webhooks.verify(SECRET, header, request["body"], now=timestamp + 3600)
    assert request["headers"]["X-Telegov-Event"] == "incident.opened"
    assert request["headers"]["X-Telegov-Delivery"] == str(message.pk)
    assert request["json"]["incident"]["classification"] == "quarterly"
    assert request["json"]["incident"]["operator"] == "A回線"


def test_failures_are_retried_with_exponential_backoff_and_every_attempt_is_logged(
        world, endpoint, receiver, settings):
    settings.TELEGOV_WEBHOOK_BACKOFF_SECONDS = 10
    receiver.script = [500, 503]
    message = queue_one(world, endpoint)
    start = timezone.now()

    assert [a.status_code for a in webhooks.deliver_due("w", start)] == [500]
    # Not yet due again: nothing is sent before the backoff has passed.
    assert webhooks.deliver_due("w", start + timedelta(seconds=9)) == []
    assert [a.status_code for a in webhooks.deliver_due("w", start + timedelta(seconds=10))] == [503]
    assert webhooks.deliver_due("w", start + timedelta(seconds=29)) == []
    assert [a.status_code for a in webhooks.deliver_due("w", start + timedelta(seconds=30))] == [200]

    message.refresh_from_db()
    assert (message.state, message.attempts) == ("delivered", 3)
    log = list(message.deliveries.values_list("attempt", "status_code", "error", "next_attempt_at"))
    assert log == [
        (1, 500, "HTTP 500 Internal Server Error", start + timedelta(seconds=10)),
        (2, 503, "HTTP 503 Service Unavailable", start + timedelta(seconds=30)),
        (3, 200, "", None),
    ]
    assert len(receiver.requests) == 3
    # A retry sends the same body, freshly signed.
    assert len({r["body"] for r in receiver.requests}) == 1
    assert all(webhooks.verify(SECRET, r["headers"]["X-Telegov-Signature"], r["body"]) for r in receiver.requests)


def test_a_timeout_is_logged_and_the_message_given_up_after_the_last_attempt(world, endpoint, receiver, settings):
    settings.TELEGOV_WEBHOOK_TIMEOUT_SECONDS = 0.3
    settings.TELEGOV_WEBHOOK_MAX_ATTEMPTS = 2
    settings.TELEGOV_WEBHOOK_BACKOFF_SECONDS = 1
    receiver.delay = 1.0
    message = queue_one(world, endpoint)
    now = timezone.now()
    [first] = webhooks.deliver_due("w", now)
    assert first.status_code is None and "timed out" in first.error
    [second] = webhooks.deliver_due("w", now + timedelta(seconds=1))
    message.refresh_from_db()
    assert message.state == "failed"
    assert second.next_attempt_at is None
    assert webhooks.deliver_due("w", now + timedelta(days=1)) == []


def test_a_refused_connection_is_retried(world, settings):
    message = WebhookEndpoint.objects.create(organisation=world["org_a"], url="http://127.0.0.1:9/closed", secret="x")
    queue_one(world, message)
    [attempt] = webhooks.deliver_due("w")
    assert attempt.status_code is None and attempt.error and attempt.next_attempt_at is not None


def test_only_one_of_two_claims_on_a_message_wins(world, endpoint):
    message = queue_one(world, endpoint)
    now = timezone.now()
    assert webhooks.claim(message.pk, "worker-1", now) is True
    assert webhooks.claim(message.pk, "worker-2", now) is False
    message.refresh_from_db()
    assert message.claimed_by == "worker-1"


def test_a_claimed_message_is_not_sent_by_another_worker_until_its_claim_expires(world, endpoint, receiver):
    message = queue_one(world, endpoint)
    now = timezone.now()
    assert webhooks.claim(message.pk, "worker-that-died", now)
    assert webhooks.deliver_due("worker-2", now + timedelta(seconds=10)) == []
    assert receiver.requests == []
    [attempt] = webhooks.deliver_due("worker-2", now + timedelta(minutes=10))
    assert attempt.status_code == 200 and len(receiver.requests) == 1


def test_endpoints_get_only_the_events_they_subscribed_to(world, receiver):
    WebhookEndpoint.objects.create(organisation=world["org_a"], url=receiver.url, events=["report.reminder"])
    WebhookEndpoint.objects.create(organisation=world["org_b"], url=receiver.url)
    incident = services.open_incident(world["alice"], world["op_a"], **outage_fields())
    assert notify.enqueue(world["org_a"], "incident.opened", notify.payload("incident.opened", incident)) == []


def test_the_dispatch_command_delivers_each_message_once(world, endpoint, receiver, capsys):
    queue_one(world, endpoint)
    call_command("telegov_dispatch")
    # The first round also found the quarterly report overdue and queued its reminder.
    assert "reminders 1, delivered 1" in capsys.readouterr().out
    call_command("telegov_dispatch")
    call_command("telegov_dispatch")
    events = [r["json"]["event"] for r in receiver.requests]
    assert events == ["incident.opened", "report.reminder"]
    assert len({r["headers"]["X-Telegov-Delivery"] for r in receiver.requests}) == 2
    assert run_once().delivered == 0


def test_messages_wait_while_their_endpoint_is_switched_off(world, endpoint, receiver):
    queue_one(world, endpoint)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    assert webhooks.deliver_due("w") == []
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=True)
    assert [a.status_code for a in webhooks.deliver_due("w")] == [200]
