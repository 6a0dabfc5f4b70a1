"""`telegov incidents`: classify accidents and incidents under Act Art. 28 and list the reports due."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from telegov.cli.console import console
from telegov.incidents.classification import classify_many
from telegov.incidents.schema import Classification, InputError

app = typer.Typer(help="Accidents and incidents: classification and the reports they call for.", no_args_is_help=True)

# Exit status when some record could not be classified (the same as a usage error).
BAD_INPUT = 2


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"{source}: cannot read: {exc}", err=True)
        raise typer.Exit(BAD_INPUT) from None


def _table(results: list[Classification], destination: Console) -> None:
    table = Table(title=f"Classification of {len(results)} record(s)", show_lines=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("classification", style="bold")
    table.add_column("reports", overflow="fold")
    table.add_column("basis", overflow="fold")
    table.add_column("reasons", overflow="fold")
    for result in results:
        reports = "\n".join(f"{r.kind}: {r.form} ({r.due})" for r in result.reports) or "-"
        table.add_row(result.id or "", result.classification, reports, "\n".join(result.basis),
                      "\n".join(result.reasons))
    destination.print(table)


def _render(results: list[Classification], single: bool, output_format: OutputFormat, output: Path | None) -> None:
    if output_format == OutputFormat.TABLE:
        if output is None:
            _table(results, console)
            return
        with output.open("w", encoding="utf-8") as handle:
            _table(results, Console(file=handle, width=200))
        return
    data: Any = [result.model_dump(mode="json") for result in results]
    if single:
        data = data[0] if data else None
    text = "" if data is None else json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command("classify")
def classify_command(
    source: Annotated[
        str, typer.Argument(metavar="FILE.json|-", help="A JSON object or a list of them; - reads stdin.")
    ],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="json (default) or a Rich table.")] = (
        OutputFormat.JSON
    ),
    output: Annotated[Path | None, typer.Option("--output", help="Write the result to this file.")] = None,
) -> None:
    """Classify events (serious, quarterly, leak, suspension, near-miss) and give each report's form and due date.

    Records that cannot be classified are named on stderr with the field at fault; the others are still
    printed, and the exit status is 2.
    """
    text = _read(source)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        typer.echo(f"{source}: not valid JSON: {exc}", err=True)
        raise typer.Exit(BAD_INPUT) from None
    single = not isinstance(document, list)
    records = [document] if single else document
    outcomes = classify_many(records)
    failures = [outcome for outcome in outcomes if isinstance(outcome, InputError)]
    for failure in failures:
        for problem in failure.problems:
            typer.echo(f"{failure.record_label}: field {problem.field!r}: {problem.message}", err=True)
    _render([outcome for outcome in outcomes if isinstance(outcome, Classification)], single, output_format, output)
    if failures:
        raise typer.Exit(BAD_INPUT)
