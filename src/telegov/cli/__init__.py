"""The `telegov` command: a thin face over the services and engines."""

from __future__ import annotations

import typer

from telegov.cli import admin as admin_cli
from telegov.cli import incidents as incidents_cli
from telegov.cli import notice as notice_cli
from telegov.cli import obligations as obligations_cli
from telegov.cli import rules as rules_cli
from telegov.cli import scan as scan_cli

app = typer.Typer(
    name="telegov",
    help="Governance under Japan's Telecommunications Business Act.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
)
app.add_typer(rules_cli.app, name="rules")
app.add_typer(incidents_cli.app, name="incidents")
app.command("scan")(scan_cli.scan)
app.command("notice")(notice_cli.notice)
app.command("obligations")(obligations_cli.obligations)
app.command("setup")(admin_cli.setup)
app.command("serve")(admin_cli.serve)
app.command("demo")(admin_cli.demo)
app.command("token")(admin_cli.token)
app.command("work")(admin_cli.work)
app.add_typer(admin_cli.user_app, name="user")


def main() -> None:
    app()
