"""Run one round of the external-transmission scan worker."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from telegov.transmission.worker import BrowserSettings, run_round


class Command(BaseCommand):
    help = "Queue the sites due for a re-scan, then claim queued scan jobs and run them in Chromium."

    def add_arguments(self, parser):
        parser.add_argument("--max-jobs", type=int, default=5, help="scan at most this many jobs in this round")
        parser.add_argument("--host-rules", default=None, help="Chromium host resolver rules, e.g. for staging")
        parser.add_argument("--ignore-https-errors", action="store_true", help="accept invalid certificates")
        parser.add_argument("--chromium", default="/usr/bin/chromium", help="path of the Chromium executable")

    def handle(self, *args, max_jobs=5, host_rules=None, ignore_https_errors=False, chromium="/usr/bin/chromium",
               **options):
        browser = BrowserSettings(host_rules=host_rules, ignore_https_errors=ignore_https_errors,
                                  executable_path=chromium)
        ran = run_round(browser, max_jobs)
        self.stdout.write(f"{len(ran)} scan job(s) run")
