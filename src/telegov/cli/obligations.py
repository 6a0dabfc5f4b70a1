"""`telegov obligations`: which duties apply to an operator profile."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from telegov.cli.console import console, errors, parse_day
from telegov.obligations.engine import assess
from telegov.obligations.profile import ProfileError, load_profile


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def obligations(
    profile: Annotated[Path, typer.Argument(help="Operator profile, YAML or JSON (see the README).")],
    on: Annotated[str | None, typer.Option("--on", help="Date to assess on (YYYY-MM-DD); default today.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.TABLE,
) -> None:
    """The duties of the Act that apply to an operator profile, with basis and due dates."""
    day = parse_day(on)
    try:
        loaded = load_profile(profile)
    except ProfileError as exc:
        errors.print(f"[red]{profile}: invalid profile[/red]\n{exc}", highlight=False)
        raise typer.Exit(2) from None
    assessment = assess(loaded, day)
    if output_format == OutputFormat.JSON:
        print(json.dumps(assessment.to_output(), ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{assessment.operator} — {day.isoformat()}")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("義務")
    table.add_column("level")
    table.add_column("basis")
    table.add_column("due")
    for item in assessment.obligations:
        level = "[bold]mandatory[/bold]" if item.level == "mandatory" else "[yellow]effort[/yellow]"
        due = item.due.isoformat() if item.due else (item.frequency.value if item.frequency else "")
        table.add_row(item.id, item.title_ja, level, "\n".join(b.article for b in item.basis[:1]), due)
    console.print(table)
    if assessment.message_ja:
        console.print(assessment.message_ja)
