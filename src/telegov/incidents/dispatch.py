"""One round of the background worker: re-judge ongoing outages, send reminders, deliver webhooks."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from telegov.incidents import deadlines, services, webhooks


@dataclass(frozen=True)
class Round:
    reclassified: int
    reminders: int
    delivered: int
    failed_attempts: int


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_once(now: datetime | None = None, worker: str | None = None) -> Round:
    now = now or timezone.now()
    reclassified = services.refresh_ongoing(now)
    reminders = deadlines.send_reminders(now)
    attempts = webhooks.deliver_due(worker or worker_name(), now)
    delivered = sum(1 for a in attempts if a.succeeded)
    return Round(len(reclassified), len(reminders), delivered, len(attempts) - delivered)
