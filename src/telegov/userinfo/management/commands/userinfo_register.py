"""Export or import an organisation's user-information register from the console (YAML, or CSV per table)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from telegov.core.models import Organisation
from telegov.core.tenancy import require_write
from telegov.userinfo import exchange


class Command(BaseCommand):
    help = "Export (to stdout) or import (all or nothing) the user-information register of an organisation."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("--org", required=True, help="slug of the organisation")
        parser.add_argument("--table", choices=sorted(exchange.TABLES), help="one table as CSV instead of YAML")
        parser.add_argument("--file", help="file to import ('-' for stdin)")
        parser.add_argument("--as-user", help="the member the audit log names as the importer (must be able to write)")

    def handle(self, *args, action, org, table=None, file=None, as_user=None, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"--org: no organisation {org!r}")
        if action == "export":
            text = exchange.export_csv(organisation, table) if table else exchange.export_yaml(organisation)
            self.stdout.write(text, ending="")
            return
        if not file or not as_user:
            raise CommandError("import needs --file and --as-user")
        user = get_user_model().objects.filter(username=as_user).first()
        if user is None:
            raise CommandError(f"--as-user: no user {as_user!r}")
        try:
            require_write(user, organisation)
        except (Http404, PermissionDenied) as error:
            raise CommandError(f"--as-user: {as_user} may not change {org}") from error
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8-sig")
        try:
            counts = (exchange.import_csv(user, organisation, table, text) if table
                      else exchange.import_yaml(user, organisation, text))
        except exchange.RegisterImportError as error:
            raise CommandError("nothing was imported:\n" + "\n".join(error.problems)) from error
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
