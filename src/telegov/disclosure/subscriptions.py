"""Telling subscribers: the confirmation e-mail of the double opt-in, and sending one outbox row by e-mail
or by a signed webhook.

Webhooks are POSTed as JSON with these headers (the secret is shown once when the subscriber is added):

    X-Telegov-Timestamp: <unix seconds>
    X-Telegov-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret>
    X-Telegov-Delivery:  <delivery id, the same on every retry>

A receiver recomputes the signature over the raw body and compares in constant time, and rejects
timestamps more than five minutes old."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.request

from django.core.mail import EmailMessage, send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from telegov.disclosure.feed import PUBLIC_URL_VARIABLE, page_url

SIGNATURE_HEADER = "X-Telegov-Signature"
TIMESTAMP_HEADER = "X-Telegov-Timestamp"
DELIVERY_HEADER = "X-Telegov-Delivery"
WEBHOOK_TIMEOUT_SECONDS = 10


class DeliveryFailed(Exception):
    pass


def app_url(path: str) -> str:
    import os

    return os.environ.get(PUBLIC_URL_VARIABLE, "http://127.0.0.1:8000").rstrip("/") + path


def subscription_links(subscriber) -> dict[str, str]:
    slug = subscriber.organisation.slug
    return {
        "confirm": app_url(f"/status/{slug}/subscribe/confirm/{subscriber.token}/"),
        "unsubscribe": app_url(f"/status/{slug}/subscribe/stop/{subscriber.token}/"),
        "page": page_url(slug, subscriber.language),
    }


def send_confirmation_after_commit(subscriber) -> None:
    transaction.on_commit(lambda: send_confirmation(subscriber))


def send_confirmation(subscriber) -> None:
    with translation.override(subscriber.language):
        context = {"subscriber": subscriber, "organisation": subscriber.organisation,
                   **subscription_links(subscriber)}
        subject = render_to_string("disclosure/mail/confirm_subject.txt", context).strip()
        body = render_to_string("disclosure/mail/confirm_body.txt", context)
    send_mail(subject, body, None, [subscriber.email])


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def payload(delivery) -> dict:
    update, subscriber = delivery.update, delivery.subscriber
    incident = update.incident
    return {
        "page": {"id": incident.organisation.slug, "name": incident.organisation.name},
        "incident": {"id": incident.pk, "name": incident.title, "status": incident.status,
                     "impact": incident.impact, "started_at": incident.started_at,
                     "url": f"{page_url(incident.organisation.slug, 'ja')}incidents/{incident.pk}.html",
                     "affected_prefectures": incident.affected_prefectures,
                     "recovered_prefectures": incident.recovered_prefectures},
        "update": {"id": update.pk, "status": update.status, "body": update.message,
                   "created_at": update.posted_at, "next_update_at": update.next_update_at,
                   "notice": {"ja": update.notice_ja, "en": update.notice_en}},
        "subscriber": {"audience": subscriber.audience},
    }


def send_webhook(delivery) -> None:
    if not delivery.subscriber.webhook_url.startswith(("http://", "https://")):
        raise DeliveryFailed("only http and https webhooks are sent")
    body = json.dumps(payload(delivery), cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")
    timestamp = str(int(time.time()))
    request = urllib.request.Request(delivery.subscriber.webhook_url, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "telegov-status",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(delivery.subscriber.secret, timestamp, body),
        DELIVERY_HEADER: str(delivery.pk),
    })
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s)
            if not 200 <= response.status < 300:
                raise DeliveryFailed(f"HTTP {response.status}")
    except OSError as error:
        raise DeliveryFailed(str(error)) from error


def send_email(delivery) -> None:
    subscriber, update = delivery.subscriber, delivery.update
    links = subscription_links(subscriber)
    with translation.override(subscriber.language):
        context = {"update": update, "incident": update.incident, "organisation": subscriber.organisation,
                   "notice": update.notice(subscriber.language), **links,
                   "incident_url": f"{links['page']}incidents/{update.incident_id}.html"}
        subject = render_to_string("disclosure/mail/update_subject.txt", context).strip()
        body = render_to_string("disclosure/mail/update_body.txt", context)
    message = EmailMessage(subject, body, to=[subscriber.email],
                           headers={"List-Unsubscribe": f"<{links['unsubscribe']}>"})
    message.send()
