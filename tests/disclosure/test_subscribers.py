"""Subscribers: e-mail with double opt-in and an unsubscribe link, webhooks signed with HMAC-SHA256.
Each published update is queued in its transaction and sent once by the worker, after commit."""

import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from telegov.disclosure import services as actions
from telegov.disclosure.delivery import claim, deliver_due
from telegov.disclosure.models import Delivery, Subscriber

from .conftest import open_outage


def confirmed_email_subscriber(client, after_commit, address="mvno@example.jp", components=()):
    with after_commit():
        response = client.post("/status/kakuu/subscribe/", {
            "email": address, "language": "ja", "components": [component.pk for component in components],
        })
    assert response.status_code == 200
    confirmation = mail.outbox[-1]
    assert confirmation.to == [address]
    link = re.search(r"http://\S+/subscribe/confirm/(\S+)/", confirmation.body)
    assert link, confirmation.body
    path = link.group(0).split("8000", 1)[1]
    assert client.get(path).status_code == 200  # a mail scanner opening the link confirms nothing
    assert not Subscriber.objects.get(email=address).is_active
    assert client.post(path).status_code == 200
    mail.outbox.clear()
    return Subscriber.objects.get(email=address)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)
    return run


def test_email_subscriber_confirms_then_gets_each_update_once(client, carrier, after_commit):
    subscriber = confirmed_email_subscriber(client, after_commit)
    assert subscriber.is_active
    with after_commit():
        incident = open_outage(carrier)
    assert mail.outbox == []  # nothing goes out inside the request; the worker sends
    call_command("deliver_status_updates", "--once", verbosity=0)
    call_command("deliver_status_updates", "--once", verbosity=0)
    [message] = mail.outbox
    assert message.to == ["mvno@example.jp"]
    assert incident.title in message.subject and "調査中" in message.subject
    assert "影響地域：千葉県、東京都、神奈川県" in message.body
    assert f"/status/kakuu/subscribe/stop/{subscriber.token}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].endswith(f"/subscribe/stop/{subscriber.token}/>")

    with after_commit():
        actions.post_update(carrier["admin"], incident, status="resolved")
    assert deliver_due() == 1
    assert deliver_due() == 0
    assert len(mail.outbox) == 2 and "復旧" in mail.outbox[1].subject


def test_unconfirmed_and_unsubscribed_addresses_get_nothing(client, carrier, after_commit):
    with after_commit():
        client.post("/status/kakuu/subscribe/", {"email": "pending@example.jp", "language": "ja"})
    leaving = confirmed_email_subscriber(client, after_commit, "leaving@example.jp")
    assert client.post(f"/status/kakuu/subscribe/stop/{leaving.token}/").status_code == 200
    assert client.post("/status/other/subscribe/stop/whatever/").status_code == 404
    mail.outbox.clear()
    with after_commit():
        open_outage(carrier)
    assert deliver_due() == 0
    assert mail.outbox == []


def test_component_subscribers_hear_only_of_their_components(client, carrier, after_commit):
    data_only = confirmed_email_subscriber(client, after_commit, "data@example.jp", [carrier["data"]])
    voice_only = confirmed_email_subscriber(client, after_commit, "voice@example.jp", [carrier["voice"]])
    open_outage(carrier)
    assert set(Delivery.objects.values_list("subscriber", flat=True)) == {voice_only.pk}
    assert data_only.is_active


def test_a_rolled_back_update_sends_nothing(carrier, after_commit):
    actions.add_subscriber(carrier["admin"], carrier["organisation"], channel="webhook",
                           webhook_url="http://127.0.0.1:9/never")
    with after_commit() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        open_outage(carrier)
        raise RuntimeError("failed after the update was written")
    assert callbacks == []
    assert Delivery.objects.count() == 0
    assert deliver_due() == 0


def test_only_one_worker_can_claim_a_delivery(carrier):
    subscriber = actions.add_subscriber(carrier["admin"], carrier["organisation"], channel="webhook",
                                        webhook_url="http://127.0.0.1:9/never")
    open_outage(carrier)
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert claim(delivery.pk)
    assert not claim(delivery.pk)
    # Claimed rows are not offered to other workers.
    assert deliver_due() == 0


class Receiver(BaseHTTPRequestHandler):
    received: list = []
    secret = ""

    def do_POST(self):  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers["Content-Length"]))
        timestamp = self.headers["X-Telegov-Timestamp"]
        expected = "sha256=" + hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body,
                                        hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, self.headers["X-Telegov-Signature"])
        self.received.append((valid, json.loads(body), self.headers["X-Telegov-Delivery"]))
        self.send_response(204 if valid else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Receiver.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_webhook_body_is_signed_and_verified_by_a_real_receiver(carrier, receiver, after_commit):
    url = f"http://127.0.0.1:{receiver.server_port}/telegov"
    subscriber = actions.add_subscriber(carrier["admin"], carrier["organisation"], channel="webhook",
                                        webhook_url=url, audience="mvno")
    Receiver.secret = subscriber.secret
    with after_commit():
        incident = open_outage(carrier)
    assert deliver_due() == 1
    assert deliver_due() == 0
    [(valid, body, delivery_id)] = Receiver.received
    assert valid
    assert body["incident"]["id"] == incident.pk
    assert body["update"]["status"] == "investigating"
    assert "次回の更新は" in body["update"]["notice"]["ja"]
    assert body["subscriber"]["audience"] == "mvno"
    assert Delivery.objects.get(pk=int(delivery_id)).sent_at is not None


def test_a_receiver_that_rejects_the_signature_gets_a_retry_later(carrier, receiver, after_commit):
    url = f"http://127.0.0.1:{receiver.server_port}/telegov"
    actions.add_subscriber(carrier["admin"], carrier["organisation"], channel="webhook", webhook_url=url)
    Receiver.secret = "not-the-shared-secret"
    with after_commit():
        open_outage(carrier)
    assert deliver_due() == 0
    delivery = Delivery.objects.get()
    assert delivery.sent_at is None and delivery.claimed_at is None
    assert delivery.attempts == 1 and "401" in delivery.last_error
    assert deliver_due() == 0  # not before its retry time
    assert len(Receiver.received) == 1
