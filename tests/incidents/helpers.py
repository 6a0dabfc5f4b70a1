"""Record builders shared by the incident tests."""

from __future__ import annotations

from typing import Any

from telegov.incidents.classification import classify
from telegov.incidents.schema import Classification

# A Tuesday in Q1 of business year 2026 with no closed day near its 30-day deadline.
OPEN_START = "2026-05-12T10:00:00+09:00"


def outage(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "t", "kind": "outage", "service_category": "other", "affected_users": 0,
        "started_at": OPEN_START, "duration_minutes": 0,
    }
    record.update(fields)
    return record


def run(record: dict[str, Any]) -> Classification:
    return classify(record)


def due_of(result: Classification, kind: str) -> str:
    dues = [report.due for report in result.reports if report.kind == kind]
    assert len(dues) == 1, result.reports
    return str(dues[0])
