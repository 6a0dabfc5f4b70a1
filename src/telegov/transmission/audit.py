"""The notice audit: what a site sends, from a scan, against what its published notice declares.

Undeclared recipients and information items a declaration leaves out fail the audit (a release pipeline
stops on them); declared recipients no longer seen are reported for the notice's next revision.
"""

from __future__ import annotations

from typing import Any

from telegov.transmission.catalog import Catalog, default_catalog
from telegov.transmission.declared import Declaration, DeclaredRecipient
from telegov.transmission.domains import host_of, registrable_domain
from telegov.transmission.notice import build_notice


def _matches(observed: dict[str, Any], declared: DeclaredRecipient) -> bool:
    if declared.key == observed["key"] or (declared.vendor and declared.vendor == observed["vendor"]):
        return True
    return bool({registrable_domain(domain) for domain in declared.domains} & set(observed["domains"]))


def audit(reports: list[dict[str, Any]], declaration: Declaration, catalog: Catalog | None = None) -> dict[str, Any]:
    """The differences between what the scans saw and what the declaration says, as plain data."""
    catalog = catalog if catalog is not None else default_catalog()
    observed = build_notice(reports, catalog)["recipients"]
    site_domains = {registrable_domain(host_of(report["site"])) for report in reports}
    undeclared, missing, matched_keys = [], [], set()
    for recipient in observed:
        found = [item for item in declaration.recipients if _matches(recipient, item)]
        if not found:
            undeclared.append(_summary(recipient, information=recipient["information"]))
            continue
        matched_keys.update(item.key for item in found)
        declared_codes = _declared_codes(found, declaration)
        if declared_codes is None:
            continue
        lacking = [code for code in recipient["information"] if code not in declared_codes]
        if lacking:
            missing.append(_summary(recipient, missing=lacking))
    return {
        "site": reports[0]["site"],
        "scanned_at": [report.get("scanned_at") for report in reports],
        "declaration": {"source": declaration.source, "kind": declaration.kind,
                        "recipients": len(declaration.recipients)},
        "undeclared": undeclared,
        "no_longer_seen": _no_longer_seen(declaration, matched_keys, site_domains),
        "missing_information": missing,
        "observed": len(observed),
        "passed": not undeclared and not missing,
    }


def _declared_codes(found: list[DeclaredRecipient], declaration: Declaration) -> set[str] | None:
    per_recipient = [set(item.information) for item in found if item.information is not None]
    if per_recipient:
        return set().union(*per_recipient)
    return declaration.mentioned_information


def _no_longer_seen(declaration: Declaration, matched_keys: set[str], site_domains: set[str]) -> list[dict]:
    # Someone else's notice names organisations, and one name stands for several catalog entries:
    # an organisation is gone only when none of its entries is seen; bare domains in prose are not recipients.
    groups: dict[str, list[DeclaredRecipient]] = {}
    for item in declaration.recipients:
        if item.inferred or set(item.domains) & site_domains:
            continue
        group = item.organization if declaration.kind == "html-heuristic" and item.organization else item.key
        groups.setdefault(group, []).append(item)
    gone = []
    for members in groups.values():
        if any(item.key in matched_keys for item in members):
            continue
        first = members[0]
        gone.append({"key": first.key, "organization": first.organization,
                     "domains": sorted({domain for item in members for domain in item.domains})})
    return gone


def _summary(recipient: dict[str, Any], **extra) -> dict[str, Any]:
    return {"key": recipient["key"], "organization": recipient["organization"], "domains": recipient["domains"],
            "exception": (recipient["exception"] or {}).get("code"), **extra}
