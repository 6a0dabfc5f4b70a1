"""The external-transmission notice (外部送信規律, Act Art. 27-12) written from one scan report or the union of
several: for each recipient the information sent, the recipient's name and the purposes (施行規則 Art. 22-2-29).

Plain data in, plain data out; `notice_render` turns it into HTML and Markdown, `to_yaml` into the
machine-readable form that the audit reads back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import yaml

from telegov.transmission.catalog import Catalog, Vendor, default_catalog
from telegov.transmission.domains import registrable_domain
from telegov.transmission.inference import ordered
from telegov.transmission.labels import exception_for_exemption, exceptions, notice_basis

FORMAT = "telegov-transmission-notice"
VERSION = 1
TITLE = "外部送信について"
TRIGGER_ORDER = ("load", "scroll", "consent")


class NoticeInputError(ValueError):
    """Scan reports or a notice that cannot be used; the message names what is wrong."""


def _vendor_of(item: dict[str, Any], catalog: Catalog) -> Vendor | None:
    # The catalog of today (with the organisation's overrides) decides, not the one of the scan.
    for host in [*item.get("hosts", []), item["domain"]]:
        vendor = catalog.lookup(host)
        if vendor is not None:
            return vendor
    return None


def _check_report(report: object, index: int) -> dict[str, Any]:
    if not isinstance(report, dict) or not isinstance(report.get("recipients"), list) or "site" not in report:
        raise NoticeInputError(f"scan {index}: not a telegov scan report (no 'site' and 'recipients')")
    for number, item in enumerate(report["recipients"], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("domain"), str):
            raise NoticeInputError(f"scan {index}: recipient {number} has no 'domain'")
    return report


def build_notice(
    reports: Iterable[dict[str, Any]],
    catalog: Catalog | None = None,
    on: date | None = None,
    operator: str | None = None,
    operator_domains: Iterable[str] = (),
) -> dict[str, Any]:
    """The notice for the union of what `reports` saw; `operator_domains` are the operator's own other sites."""
    from telegov.legal_calendar import today_in_tokyo

    catalog = catalog if catalog is not None else default_catalog()
    on = on or today_in_tokyo()
    own = {registrable_domain(domain.strip().lower()) for domain in operator_domains if domain.strip()}
    labels = exceptions(on)
    reports = [_check_report(report, index) for index, report in enumerate(reports, start=1)]
    if not reports:
        raise NoticeInputError("give at least one scan report")
    recipients: dict[str, dict[str, Any]] = {}
    for report in reports:
        for item in report["recipients"]:
            vendor = _vendor_of(item, catalog)
            key = f"vendor:{vendor.id}" if vendor else f"domain:{item['domain']}"
            entry = recipients.setdefault(key, _new_recipient(key, vendor, item, own, operator, labels))
            entry["domains"] = sorted({*entry["domains"], item["domain"]})
            entry["information"] = ordered({*entry["information"], *item.get("information", []),
                                            *item.get("implicit", [])})
            entry["pages"] = sorted({*entry["pages"], *item.get("pages", [])})
            entry["triggers"] = sorted({*entry["triggers"], *item.get("triggers", [])},
                                       key=lambda t: (TRIGGER_ORDER.index(t) if t in TRIGGER_ORDER else 9, t))
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": TITLE,
        "site": reports[0]["site"],
        "operator": operator,
        "published_on": on.isoformat(),
        "basis": notice_basis(on),
        "scans": [_scan_entry(report) for report in reports],
        "recipients": sorted(recipients.values(), key=_recipient_order),
    }


def _recipient_order(entry: dict[str, Any]) -> tuple:
    return (entry["needs_review"], entry["exception"] is not None, entry["organization"] or "",
            entry["domains"][0] if entry["domains"] else "", entry["key"])


def _scan_entry(report: dict[str, Any]) -> dict[str, Any]:
    pages = [page["url"] for page in report.get("pages", []) if not page.get("error")]
    return {"site": report["site"], "scanned_at": report.get("scanned_at"), "pages": pages}


def _new_recipient(key: str, vendor: Vendor | None, item: dict[str, Any], own: set[str], operator: str | None,
                   labels: dict) -> dict[str, Any]:
    exception = None
    if registrable_domain(item["domain"]) in own:
        exception = _exception(labels, "first_party_identifier", "運営者自身のドメイン")
    elif vendor is not None and (code := exception_for_exemption(vendor.exemption)):
        reason = {"cdn_delivery": "コンテンツ配信（CDN）", "security": "セキュリティ対策"}.get(vendor.exemption,
                                                                                          vendor.exemption)
        exception = _exception(labels, code, reason)
    organization = vendor.organization.ja if vendor else None
    organization_en = vendor.organization.en if vendor else None
    if vendor is None and registrable_domain(item["domain"]) in own:
        organization = organization_en = operator or "運営者"
    return {
        "key": key,
        "vendor": vendor.id if vendor else None,
        "organization": organization,
        "organization_en": organization_en,
        "category": vendor.category if vendor else None,
        "country": vendor.country if vendor else None,
        "domains": [],
        "information": [],
        "purposes": list(vendor.purposes.ja) if vendor else [],
        "purposes_en": list(vendor.purposes.en) if vendor else [],
        "privacy_policy": vendor.privacy_policy if vendor else None,
        "opt_out": vendor.opt_out if vendor else None,
        "exception": exception,
        "needs_review": organization is None,
        "pages": [],
        "triggers": [],
    }


def _exception(labels: dict, code: str, reason: str) -> dict[str, str]:
    label = labels.get(code)
    return {"code": code, "label_ja": label.label_ja if label else code, "label_en": label.label_en if label else code,
            "reason": reason}


def to_yaml(notice: dict[str, Any]) -> str:
    return yaml.safe_dump(notice, allow_unicode=True, sort_keys=False, width=120)


def declared_recipients(notice: dict[str, Any]) -> list[dict[str, Any]]:
    """The recipients of a notice as the audit compares them: key, vendor, domains, information."""
    return [
        {"key": item["key"], "vendor": item.get("vendor"), "organization": item.get("organization"),
         "domains": list(item.get("domains", [])), "information": list(item.get("information", []))}
        for item in notice["recipients"]
    ]


def read_notice_yaml(text: str, label: str = "notice") -> dict[str, Any]:
    """A notice written by `to_yaml`, checked enough that the audit can trust its recipients."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise NoticeInputError(f"{label}: not valid YAML: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NoticeInputError(f"{label}: not a telegov external-transmission notice (format: {FORMAT})")
    recipients = document.get("recipients")
    if not isinstance(recipients, list):
        raise NoticeInputError(f"{label}: 'recipients' must be a list")
    for number, item in enumerate(recipients, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise NoticeInputError(f"{label}: recipient {number} has no 'key'")
        for field in ("domains", "information"):
            if not isinstance(item.get(field, []), list):
                raise NoticeInputError(f"{label}: recipient {number}: '{field}' must be a list")
    return document
