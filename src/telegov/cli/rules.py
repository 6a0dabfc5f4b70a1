"""`telegov rules`: browse the rule book."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from telegov.cli.console import console, errors, parse_day
from telegov.rules import RuleNotInForce, rule_book

app = typer.Typer(help="The rule book: the law as data, with article, source and confidence.", no_args_is_help=True)

OnOption = Annotated[
    str | None, typer.Option("--on", help="Date the rules held on (YYYY-MM-DD); default today in Tokyo.")
]


@app.command("list")
def list_rules(
    on: OnOption = None,
    prefix: Annotated[str, typer.Option(help="Only rules whose id starts with this.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the rules in force on a date."""
    day = parse_day(on)
    rules = rule_book().in_force(day, prefix)
    if as_json:
        console.print_json(json.dumps([rule.model_dump(mode="json") for rule in rules], ensure_ascii=False))
        return
    table = Table(title=f"Rule book on {day.isoformat()} ({len(rules)} rules)")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("article")
    table.add_column("from")
    table.add_column("confidence")
    for rule in rules:
        style = "green" if rule.confidence == "confirmed" else "yellow"
        table.add_row(rule.id, rule.title_ja, rule.article, rule.effective_from.isoformat(),
                      f"[{style}]{rule.confidence}[/{style}]")
    console.print(table)


@app.command("show")
def show_rule(
    rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. specified.designation_thresholds")],
    on: OnOption = None,
    all_versions: Annotated[bool, typer.Option("--all", help="Show every version, not only the one in force.")] = False,
) -> None:
    """Show one rule: article, source, effective dates, confidence and parameters."""
    book = rule_book()
    try:
        rules = book.versions(rule_id) if all_versions else [book.get(rule_id, parse_day(on))]
    except (KeyError, RuleNotInForce) as exc:
        errors.print(f"[red]{exc.args[0]}[/red]")
        raise typer.Exit(2) from None
    console.print_json(json.dumps([rule.model_dump(mode="json") for rule in rules], ensure_ascii=False))
