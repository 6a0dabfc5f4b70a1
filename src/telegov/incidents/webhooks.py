"""Signed webhook deliveries with retries.

Every request carries

    X-Telegov-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the endpoint secret>
    X-Telegov-Event: <topic>            X-Telegov-Delivery: <message id>

A receiver recomputes v1 over the timestamp and the raw body, compares in constant time and refuses
timestamps older than a few minutes (replays). A failed or timed-out attempt is retried after
base × 2^(attempt-1) seconds, capped, until the attempts run out; every attempt is logged as a
`WebhookDelivery`. Workers take a message with a conditional UPDATE, so it is sent by one of them only.

The body is JSON: {"id", "event" (incident.opened | incident.reclassified | incident.closed |
report.filed | report.reminder), "created", "organisation", "incident": {"id", "name", "operator",
"kind", "status", "classification", "reports": [{"kind", "form", "due" (a date or "promptly"),
"filed_at"}], "reasons", "basis", "url"}}, plus "previous_classification" on a reclassification,
"report" on a filing or reminder, and "days_before" and "days_left" on a reminder.
"""

from __future__ import annotations

import hashlib
import hmac
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from telegov.incidents.choices import DeliveryState
from telegov.incidents.models import WebhookDelivery, WebhookMessage

SIGNATURE_HEADER = "X-Telegov-Signature"
SIGNATURE_VERSION = "v1"


def setting(name: str, default):
    return getattr(settings, name, default)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},{SIGNATURE_VERSION}={mac}"


def verify(secret: str, header: str, body: bytes, *, tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does: check the signature and that the timestamp is recent."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body).split(f"{SIGNATURE_VERSION}=", 1)[1]
    return hmac.compare_digest(expected, parts.get(SIGNATURE_VERSION, ""))


def backoff(attempt: int) -> timedelta:
    base = setting("TELEGOV_WEBHOOK_BACKOFF_SECONDS", 30)
    cap = setting("TELEGOV_WEBHOOK_BACKOFF_MAX_SECONDS", 6 * 3600)
    return timedelta(seconds=min(cap, base * 2 ** (attempt - 1)))


def claim(message_id: int, worker: str, now: datetime) -> bool:
    """Take the message for this worker; False when another worker already has it."""
    return WebhookMessage.objects.filter(
        pk=message_id, claimed_at__isnull=True, state=DeliveryState.PENDING,
    ).update(claimed_at=now, claimed_by=worker) == 1


def release_stale_claims(now: datetime) -> int:
    """Claims of a worker that died mid-send expire, so the message is tried again."""
    lease = timedelta(seconds=setting("TELEGOV_WEBHOOK_CLAIM_SECONDS", 300))
    return WebhookMessage.objects.filter(state=DeliveryState.PENDING, claimed_at__lt=now - lease).update(
        claimed_at=None, claimed_by="")


def due_messages(now: datetime):
    return WebhookMessage.objects.filter(
        Q(state=DeliveryState.PENDING), claimed_at__isnull=True, next_attempt_at__lte=now, endpoint__active=True,
    ).order_by("next_attempt_at", "id")


def _post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int | None, str]:
    # `attempt` only passes http and https URLs.
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"{type(reason).__name__}: {reason}"


def attempt(message: WebhookMessage, now: datetime) -> WebhookDelivery:
    """Send a claimed message once and log the attempt; schedule the next one or give up."""
    endpoint = message.endpoint
    number = message.attempts + 1
    body = message.body.encode()
    if not endpoint.url.startswith(("https://", "http://")):
        status, error, elapsed = None, "only http and https URLs are delivered", 0.0
    else:
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "telegov-webhooks",
            SIGNATURE_HEADER: signature(endpoint.secret, timestamp, body),
            "X-Telegov-Event": message.topic,
            "X-Telegov-Delivery": str(message.pk),
        }
        started = time.monotonic()
        status, error = _post(endpoint.url, body, headers, setting("TELEGOV_WEBHOOK_TIMEOUT_SECONDS", 10))
        elapsed = time.monotonic() - started
    succeeded = status is not None and 200 <= status < 300
    if not succeeded and not error:
        error = f"HTTP {status}"
    last = number >= setting("TELEGOV_WEBHOOK_MAX_ATTEMPTS", 8)
    next_at = None if succeeded or last else now + backoff(number)
    with transaction.atomic():
        delivery = WebhookDelivery.objects.create(
            message=message, attempt=number, at=now, status_code=status, error=error[:2000],
            duration_ms=int(elapsed * 1000), next_attempt_at=next_at,
        )
        message.attempts = number
        if succeeded:
            message.state, message.delivered_at = DeliveryState.DELIVERED, now
        elif last:
            message.state = DeliveryState.FAILED
        else:
            message.next_attempt_at, message.claimed_at, message.claimed_by = next_at, None, ""
        message.save(update_fields=["attempts", "state", "delivered_at", "next_attempt_at", "claimed_at",
                                    "claimed_by"])
    return delivery


def deliver_due(worker: str, now: datetime | None = None, limit: int = 100) -> list[WebhookDelivery]:
    now = now or timezone.now()
    release_stale_claims(now)
    done = []
    for message_id in list(due_messages(now).values_list("pk", flat=True)[:limit]):
        if claim(message_id, worker, now):
            message = WebhookMessage.objects.select_related("endpoint").get(pk=message_id)
            done.append(attempt(message, now))
    return done
