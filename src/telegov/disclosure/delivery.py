"""The delivery worker: claims outbox rows one by one with a conditional UPDATE, so that any number of
workers can run, and sends each by its subscriber's channel. Failures wait and retry, then give up."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from telegov.disclosure.choices import Channel
from telegov.disclosure.models import Delivery
from telegov.disclosure.subscriptions import send_email, send_webhook

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
# A claim older than this belongs to a worker that died; the row is offered again.
CLAIM_TIMEOUT = timedelta(minutes=10)


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def release_stale_claims() -> int:
    cutoff = timezone.now() - CLAIM_TIMEOUT
    return Delivery.objects.filter(sent_at__isnull=True, claimed_at__lt=cutoff).update(claimed_at=None)


def due_deliveries(limit: int) -> list[int]:
    return list(
        Delivery.objects.filter(
            sent_at__isnull=True, claimed_at__isnull=True, not_before__lte=timezone.now(), attempts__lt=MAX_ATTEMPTS,
        ).order_by("not_before", "id").values_list("pk", flat=True)[:limit]
    )


def claim(pk: int) -> bool:
    """Whether this worker now owns the row: only one conditional UPDATE can match it."""
    return Delivery.objects.filter(pk=pk, claimed_at__isnull=True, sent_at__isnull=True).update(
        claimed_at=timezone.now()
    ) == 1


def deliver_due(limit: int = 100) -> int:
    """Send what is due; returns how many were sent."""
    release_stale_claims()
    sent = 0
    for pk in due_deliveries(limit):
        if claim(pk):
            sent += deliver(pk)
    return sent


def deliver(pk: int) -> bool:
    delivery = Delivery.objects.select_related("subscriber__organisation", "update__incident__organisation").get(pk=pk)
    if not delivery.subscriber.is_active:
        Delivery.objects.filter(pk=pk).update(sent_at=timezone.now(), last_error="unsubscribed before sending")
        return False
    try:
        if delivery.subscriber.channel == Channel.WEBHOOK:
            send_webhook(delivery)
        else:
            send_email(delivery)
    except Exception as error:  # any failure of the far side is retried later
        attempts = delivery.attempts + 1
        logger.warning("delivery %s failed (attempt %s): %s", pk, attempts, error)
        Delivery.objects.filter(pk=pk).update(
            claimed_at=None, attempts=F("attempts") + 1, last_error=str(error)[:2000],
            not_before=timezone.now() + retry_delay(attempts),
        )
        return False
    Delivery.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
    return True
