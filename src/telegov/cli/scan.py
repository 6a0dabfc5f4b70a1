"""`telegov scan`: find what a site sends to whom, with a real browser (external transmission, Act Art. 27-12)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from telegov.cli.console import console, errors
from telegov.cli.notice import NOTICE_HELP, check_notice_paths, print_audit, write_notice_files


def scan(
    urls: Annotated[list[str], typer.Argument(help="Start pages of one site, e.g. https://www.example.jp/")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the JSON report here; '-' for stdout.")]
    = None,
    html_report: Annotated[Path | None, typer.Option("--html", help="Write a Japanese HTML report here.")] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Visit at most this many pages.")] = 20,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Pages loaded at the same time.")] = 4,
    page_timeout: Annotated[float, typer.Option("--page-timeout", help="Seconds allowed for one page.")] = 30.0,
    scan_timeout: Annotated[float, typer.Option("--scan-timeout", help="Seconds allowed for the whole scan.")]
    = 600.0,
    host_rules: Annotated[str | None, typer.Option(
        "--host-rules", help="Chromium host resolver rules, e.g. 'MAP * 127.0.0.1' to scan a local copy.")] = None,
    ignore_https_errors: Annotated[bool, typer.Option(
        "--ignore-https-errors", help="Accept invalid certificates (staging sites, local copies).")] = False,
    catalog_file: Annotated[Path | None, typer.Option(
        "--catalog", help="A vendor catalog YAML used instead of the built-in one.")] = None,
    no_consent: Annotated[bool, typer.Option("--no-consent", help="Do not click consent banners.")] = False,
    chromium: Annotated[str, typer.Option("--chromium", help="Path of the Chromium executable.")] = "/usr/bin/chromium",
    notice_files: Annotated[list[Path] | None, typer.Option("--notice", help=NOTICE_HELP)] = None,
    operator: Annotated[str | None, typer.Option("--operator", help="The operator's name, shown on the notice.")]
    = None,
    operator_domains: Annotated[list[str] | None, typer.Option(
        "--operator-domain", help="Another domain of the operator itself, marked on the notice as the "
        "first-party exception candidate. Repeat for several.")] = None,
    declared: Annotated[str | None, typer.Option(
        "--declared", help="Audit the site against its published notice: a URL or file, telegov's YAML or HTML "
        "notice or any HTML notice (read by the catalog's names and domains). Exit 1 when something sent is "
        "not declared, 0 when all is; with --output the JSON report gains an 'audit' member.")] = None,
) -> None:
    """Crawl a site in Chromium and report every external transmission: recipient, information, trigger.

    Exit codes: 0 done (with --declared: everything sent is declared); 1 something undeclared, or no browser;
    2 bad input or an unreachable site.
    """
    from telegov.transmission.catalog import Catalog, CatalogError, default_catalog
    from telegov.transmission.report import build_report, to_html, to_json
    from telegov.transmission.scanner import ScanEnvironmentError, ScanInputError, ScanOptions
    from telegov.transmission.scanner import scan as run_scan

    try:
        catalog = Catalog.load(catalog_file) if catalog_file else default_catalog()
        options = ScanOptions(
            max_pages=max_pages, concurrency=concurrency, page_timeout=page_timeout, scan_timeout=scan_timeout,
            host_rules=host_rules, ignore_https_errors=ignore_https_errors, consent=not no_consent,
            executable_path=chromium,
        )
    except (CatalogError, ScanInputError) as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    check_notice_paths(notice_files or [])
    declaration = _declaration(declared, catalog) if declared else None

    def progress(page) -> None:
        state = f"[red]{page.error}[/red]" if page.error else f"[green]{page.status}[/green]"
        errors.print(f"  {state}  {page.url}  ({len(page.transmissions)} requests)", highlight=False)

    try:
        result = run_scan(urls, options, progress)
    except ScanInputError as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except ScanEnvironmentError as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None

    report = build_report(result, catalog)
    findings = None
    if declaration is not None and result.reached:
        from telegov.transmission.audit import audit

        findings = report["audit"] = audit([report], declaration, catalog)
    if output == "-":
        sys.stdout.write(to_json(report) + "\n")
    elif output:
        Path(output).write_text(to_json(report) + "\n", encoding="utf-8")
    if html_report:
        html_report.write_text(to_html(report), encoding="utf-8")
    if not result.reached:
        reasons = "; ".join(sorted({page.error or "" for page in result.pages})) or "no answer"
        errors.print(f"[red]error:[/red] could not reach {result.site}: {reasons}")
        if "ERR_CERT" in reasons:
            errors.print("The site's certificate is not trusted; for a staging site add --ignore-https-errors.")
        raise typer.Exit(2)
    if notice_files:
        from telegov.transmission.notice import build_notice

        write_notice_files(build_notice([report], catalog, operator=operator,
                                        operator_domains=operator_domains or ()), notice_files)
    if output != "-":
        unknown = sum(1 for item in report["recipients"] if item["organization"] is None)
        console.print(
            f"{len(report['pages'])} pages, {len(report['recipients'])} third-party recipients"
            f" ({unknown} without a known organisation) in {result.duration:.1f} s"
        )
    if findings is not None:
        print_audit(findings, errors if output == "-" else console)
        if not findings["passed"]:
            raise typer.Exit(1)


def _declaration(source: str, catalog):
    from telegov.transmission.declared import load_declaration
    from telegov.transmission.notice import NoticeInputError

    try:
        return load_declaration(source, catalog)
    except NoticeInputError as exc:
        errors.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
