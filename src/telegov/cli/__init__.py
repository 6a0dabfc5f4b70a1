"""The `telegov` command: a thin face over the services and engines."""

from __future__ import annotations

import typer

from telegov.cli import obligations as obligations_cli
from telegov.cli import rules as rules_cli

app = typer.Typer(
    name="telegov",
    help="Governance under Japan's Telecommunications Business Act.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
)
app.add_typer(rules_cli.app, name="rules")
app.command("obligations")(obligations_cli.obligations)


def main() -> None:
    app()
