"""E-mail each organisation's members who may act what falls due for user information."""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from telegov.core.choices import WRITE_ROLES
from telegov.core.models import Organisation
from telegov.legal_calendar import today_in_tokyo
from telegov.userinfo.reminders import reminders


class Command(BaseCommand):
    help = "Send reminders of user-information deadlines (duties, contractor reviews, actions, self-assessment)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="look this many days ahead (due-soon window)")
        parser.add_argument("--on", default=None, help="today, as YYYY-MM-DD (Tokyo's today by default)")

    def handle(self, *args, days=None, on=None, **options):
        try:
            today = date.fromisoformat(on) if on else today_in_tokyo()
        except ValueError as error:
            raise CommandError(f"--on: {error}") from error
        sent = 0
        for organisation in Organisation.objects.all():
            due = reminders(organisation, today, days)
            recipients = sorted({m.user.email for m in organisation.memberships.select_related("user")
                                 if m.role in WRITE_ROLES and m.user.email})
            if not due or not recipients:
                continue
            lines = [f"{item.due.isoformat()}  {item.title_ja} / {item.title_en}" for item in due]
            send_mail(f"[telegov] {organisation.name}: 利用者情報の期限 / user-information deadlines",
                      "\n".join(lines), None, recipients)
            sent += 1
        self.stdout.write(f"{sent} reminder e-mail(s) sent")
