"""`telegov notice`: the external-transmission notice from saved scan reports; the helpers `telegov scan`
shares for writing notices and printing audits."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from telegov.cli.console import console, errors, parse_day

NOTICE_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".yaml": "yaml",
                  ".yml": "yaml"}
NOTICE_HELP = ("Write the external-transmission notice here; the suffix picks the format: .html (to publish), "
               ".md (Markdown), .yaml (machine-readable, what --declared reads back). Repeat for several.")


def check_notice_paths(paths: list[Path]) -> None:
    for path in paths:
        if path.suffix.lower() not in NOTICE_FORMATS:
            errors.print(f"[red]error:[/red] --notice {path}: the name must end in .html, .md or .yaml")
            raise typer.Exit(2)


def write_notice_files(notice: dict[str, Any], paths: list[Path]) -> None:
    from telegov.transmission import notice_render
    from telegov.transmission.notice import to_yaml

    writers = {"html": notice_render.to_html, "markdown": notice_render.to_markdown, "yaml": to_yaml}
    for path in paths:
        text = writers[NOTICE_FORMATS[path.suffix.lower()]](notice)
        if path.stem == "-" and not path.parent.name:
            sys.stdout.write(text)
        else:
            path.write_text(text, encoding="utf-8")


def print_audit(result: dict[str, Any], out=console) -> None:
    declaration = result["declaration"]
    out.print(f"Audit of {result['site']} against {declaration['source']} ({declaration['kind']}): "
                  f"{result['observed']} recipients seen, {declaration['recipients']} declared")
    table = Table("finding", "recipient", "domains", "information")
    for item in result["undeclared"]:
        exception = f" (exception candidate: {item['exception']})" if item["exception"] else ""
        table.add_row("[red]undeclared[/red]" + exception, item["organization"] or "要確認",
                      ", ".join(item["domains"]), ", ".join(item["information"]))
    for item in result["missing_information"]:
        table.add_row("[red]information not declared[/red]", item["organization"] or "要確認",
                      ", ".join(item["domains"]), ", ".join(item["missing"]))
    for item in result["no_longer_seen"]:
        table.add_row("[yellow]declared, not seen[/yellow]", item["organization"] or "—", ", ".join(item["domains"]),
                      "")
    if table.row_count:
        out.print(table)
    passed = result["passed"]
    out.print("[green]everything sent is declared[/green]" if passed else "[red]undeclared transmissions[/red]")


def notice(
    scans: Annotated[list[Path], typer.Argument(help="Scan reports saved with `telegov scan … --output FILE`.")],
    output: Annotated[list[Path], typer.Option(
        "--output", "-o", help=NOTICE_HELP + " '-.md', '-.yaml' or '-.html' print to stdout.")],
    operator: Annotated[str | None, typer.Option("--operator", help="The operator's name, shown on the notice.")]
    = None,
    operator_domains: Annotated[list[str] | None, typer.Option(
        "--operator-domain", help="Another domain of the operator itself (its identifiers are marked as the "
        "first-party exception candidate). Repeat for several.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="The notice's date, YYYY-MM-DD (today in Tokyo).")] = None,
    catalog_file: Annotated[Path | None, typer.Option(
        "--catalog", help="A vendor catalog YAML used instead of the built-in one.")] = None,
) -> None:
    """Write the external-transmission notice (Act Art. 27-12) for the union of saved scans, in plain Japanese."""
    from telegov.transmission.catalog import Catalog, CatalogError, default_catalog
    from telegov.transmission.notice import NoticeInputError, build_notice

    check_notice_paths(output)
    reports = []
    for path in scans:
        try:
            reports.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            errors.print(f"[red]error:[/red] {path}: not a readable JSON scan report: {exc}")
            raise typer.Exit(2) from None
    try:
        catalog = Catalog.load(catalog_file) if catalog_file else default_catalog()
        result = build_notice(reports, catalog, parse_day(on), operator, operator_domains or ())
    except (CatalogError, NoticeInputError) as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    write_notice_files(result, output)
    review = sum(1 for item in result["recipients"] if item["needs_review"])
    errors.print(f"Notice with {len(result['recipients'])} recipients ({review} marked 要確認) from {len(reports)} "
                 "scan(s)")
