import time

from django.core.management.base import BaseCommand

from telegov.disclosure.delivery import deliver_due


class Command(BaseCommand):
    help = "Send published status updates to subscribers (e-mail and signed webhooks). Safe to run several."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due, then stop.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds (default 5).")
        parser.add_argument("--batch", type=int, default=100, help="Most deliveries per round (default 100).")

    def handle(self, *args, once: bool, interval: float, batch: int, **options):
        while True:
            sent = deliver_due(batch)
            if sent and options["verbosity"] > 0:
                self.stdout.write(f"sent {sent}")
            if once:
                return
            time.sleep(interval)
