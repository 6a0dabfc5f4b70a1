"""`manage.py telegov_dispatch`: the worker that sends reminders and webhook deliveries.

Run it from cron (one round) or with --loop as a service; several workers may run at once.
"""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand

from telegov.incidents.dispatch import run_once, worker_name

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Re-judge ongoing outages, send deadline reminders and deliver webhooks (one round, or --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running, one round every --interval seconds")
        parser.add_argument("--interval", type=float, default=30.0)

    def handle(self, *args, loop: bool = False, interval: float = 30.0, **options):
        worker = worker_name()
        while True:
            try:
                result = run_once(worker=worker)
            except Exception:
                if not loop:
                    raise
                # A database that is briefly away must not end a worker running as a service.
                log.exception("dispatch round failed; trying again in %s s", interval)
                time.sleep(interval)
                continue
            self.stdout.write(
                f"reclassified {result.reclassified}, reminders {result.reminders}, "
                f"delivered {result.delivered}, failed attempts {result.failed_attempts}"
            )
            if not loop:
                return
            time.sleep(interval)
