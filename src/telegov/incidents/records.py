"""Between a stored incident and the engine: the record the engine reads, and its conclusion stored back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from telegov.incidents.classification import classify
from telegov.incidents.models import Incident, IncidentReport
from telegov.incidents.schema import IncidentInputError
from telegov.incidents.vocabulary import PROMPTLY, IncidentKind

# The engine's names for fields that the model stores under other names.
FACILITY_FIELDS = {
    "multi_prefecture": "facility_multi_prefecture",
    "terminal_or_access_line": "facility_terminal_or_access_line",
    "core_function": "facility_core_function",
}
ENGINE_TO_MODEL_FIELD = {
    **{f"facility.{name}": field for name, field in FACILITY_FIELDS.items()},
    "facility": "facility_core_function",
    "duration_minutes": "ended_at",
    "operator_users_prev_fy": "operator",
}


@dataclass(frozen=True)
class Conclusion:
    """What the NOC is told about: the classification and the reports with their due dates."""

    classification: str
    reports: tuple[tuple[str, date | None], ...]


def engine_record(incident: Incident, now: datetime) -> dict[str, Any]:
    """The engine's input for `incident`. An outage still going on is judged on its length so far."""
    record: dict[str, Any] = {
        "id": str(incident.pk) if incident.pk else None,
        "kind": incident.kind,
        "cause": incident.cause,
        "facility_class": incident.facility_class,
        "important_facility": incident.important_facility,
        "all_traffic_stopped": incident.all_traffic_stopped,
        "operator_users_prev_fy": incident.operator.users_prev_fy,
    }
    for name in ("service_category", "situation"):
        if getattr(incident, name):
            record[name] = getattr(incident, name)
    for name in ("impact_within_premises", "affected_users", "started_at", "ended_at", "detected_at"):
        if getattr(incident, name) is not None:
            record[name] = getattr(incident, name)
    facility = {name: getattr(incident, field) for name, field in FACILITY_FIELDS.items()
                if getattr(incident, field) not in (None, "")}
    if facility or incident.kind == IncidentKind.NEAR_MISS:
        record["facility"] = facility or None
    if incident.kind == IncidentKind.OUTAGE and incident.started_at and incident.ended_at is None:
        record["duration_minutes"] = max(0.0, (now - incident.started_at).total_seconds() / 60)
    return record


def conclusion_of(incident: Incident) -> Conclusion:
    reports = incident.reports.filter(current=True).order_by("kind").values_list("kind", "due")
    return Conclusion(incident.classification, tuple(reports))


def classify_incident(incident: Incident, now: datetime) -> None:
    """Run the engine on the saved `incident` and store its conclusion and reports (inside a transaction)."""
    try:
        result = classify(engine_record(incident, now))
    except IncidentInputError as exc:
        incident.classification = ""
        incident.classification_basis, incident.classification_reasons = [], []
        incident.classification_problems = [problem.model_dump() for problem in exc.problems]
        reports = []
    else:
        incident.classification = result.classification.value
        incident.classification_basis = list(result.basis)
        incident.classification_reasons = list(result.reasons)
        incident.classification_problems = []
        reports = result.reports
    incident.classified_at = now
    incident.save(update_fields=["classification", "classification_basis", "classification_reasons",
                                 "classification_problems", "classified_at", "updated_at"])
    _sync_reports(incident, [(r.kind.value, r.form, None if r.due == PROMPTLY else r.due) for r in reports])


def _sync_reports(incident: Incident, wanted: list[tuple[str, str, date | None]]) -> None:
    existing = {report.kind: report for report in incident.reports.all()}
    for kind, form, due in wanted:
        report = existing.pop(kind, None)
        if report is None:
            IncidentReport.objects.create(incident=incident, kind=kind, form=form, due=due)
        elif (report.form, report.due, report.current) != (form, due, True):
            report.form, report.due, report.current = form, due, True
            report.save(update_fields=["form", "due", "current"])
    for report in existing.values():
        # A filed report stays on record; one never filed simply is no longer due.
        if report.filed_at is None:
            report.delete()
        elif report.current:
            report.current = False
            report.save(update_fields=["current"])


def model_field_of(engine_field: str) -> str:
    return ENGINE_TO_MODEL_FIELD.get(engine_field, engine_field)
