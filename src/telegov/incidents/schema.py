"""The shapes that cross the engine's boundary: an incident record in, a classification or an error out."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, ValidationError

from telegov.core.choices import ServiceCategory
from telegov.incidents.vocabulary import (
    Cause,
    ClassificationKind,
    CoreFunction,
    FacilityClass,
    IncidentKind,
    NearMissSituation,
    ReportKind,
)


class FacilityProfile(BaseModel):
    """Where a near-miss happened, as the scope of the near-miss report asks."""

    model_config = ConfigDict(extra="forbid")

    multi_prefecture: StrictBool
    terminal_or_access_line: StrictBool
    core_function: CoreFunction


class IncidentInput(BaseModel):
    """One event as an operator records it. Which fields are needed depends on `kind`."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    kind: IncidentKind
    service_category: ServiceCategory | None = None
    cause: Cause = Cause.TELECOM_FACILITY
    facility_class: FacilityClass = FacilityClass.GENERAL
    impact_within_premises: StrictBool | None = None
    important_facility: StrictBool = False
    all_traffic_stopped: StrictBool = False
    affected_users: int | None = Field(default=None, ge=0, strict=True)
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    duration_minutes: float | None = Field(default=None, ge=0, strict=True)
    detected_at: AwareDatetime | None = None
    operator_users_prev_fy: int | None = Field(default=None, ge=0, strict=True)
    facility: FacilityProfile | None = None
    situation: NearMissSituation | None = None

    def duration(self) -> timedelta:
        """How long service was stopped or degraded; `check_record` has made sure it can be known."""
        if self.started_at is not None and self.ended_at is not None:
            return self.ended_at - self.started_at
        if self.duration_minutes is None:
            raise MissingField("ended_at", "either ended_at or duration_minutes is needed")
        return timedelta(minutes=self.duration_minutes)


# The fields each kind of event cannot be classified without.
REQUIRED_FIELDS: dict[IncidentKind, tuple[str, ...]] = {
    IncidentKind.OUTAGE: ("service_category", "affected_users", "started_at"),
    IncidentKind.SECRECY_LEAK: ("detected_at",),
    IncidentKind.FACILITY_INFO_LEAK: ("detected_at",),
    IncidentKind.BUSINESS_SUSPENSION: ("started_at",),
    IncidentKind.NEAR_MISS: ("detected_at", "operator_users_prev_fy", "facility", "situation"),
}


class FieldProblem(BaseModel):
    field: str
    message: str


class IncidentInputError(ValueError):
    """A record that cannot be classified, with every field at fault."""

    def __init__(self, problems: list[FieldProblem]):
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


class MissingField(IncidentInputError):
    """A field a rule needs is absent; raised where the need is discovered."""

    def __init__(self, field: str, message: str = "missing: the rule needs this field"):
        super().__init__([FieldProblem(field=field, message=message)])


class InputError(BaseModel):
    """One record that could not be classified: which one (id, else index) and which fields."""

    index: int
    id: str | None = None
    problems: list[FieldProblem]

    @property
    def record_label(self) -> str:
        return f"record {self.id!r}" if self.id is not None else f"record at index {self.index}"


class Report(BaseModel):
    kind: ReportKind
    form: str
    due: Literal["promptly"] | date


class Classification(BaseModel):
    id: str | None = None
    classification: ClassificationKind
    reports: list[Report] = Field(default_factory=list)
    basis: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)


def _field_name(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(record)"


def check_record(record: dict[str, Any] | IncidentInput) -> IncidentInput:
    """Validate a record; every fault is collected into one `IncidentInputError`."""
    if isinstance(record, IncidentInput):
        incident = record
    else:
        if not isinstance(record, dict):
            raise IncidentInputError([FieldProblem(field="(record)", message="expected a JSON object")])
        try:
            incident = IncidentInput.model_validate(record)
        except ValidationError as exc:
            raise IncidentInputError(
                [FieldProblem(field=_field_name(item["loc"]), message=item["msg"]) for item in exc.errors()]
            ) from None
    problems = [
        FieldProblem(field=name, message="missing: needed for this kind of event")
        for name in REQUIRED_FIELDS[incident.kind]
        if getattr(incident, name) is None
    ]
    if incident.started_at is not None and incident.ended_at is not None:
        if incident.ended_at < incident.started_at:
            problems.append(FieldProblem(field="ended_at", message="is before started_at"))
        elif incident.duration_minutes is not None and abs(
            (incident.ended_at - incident.started_at) - timedelta(minutes=incident.duration_minutes)
        ) >= timedelta(minutes=1):
            problems.append(FieldProblem(field="duration_minutes", message="disagrees with started_at and ended_at"))
    elif incident.kind == IncidentKind.OUTAGE and incident.duration_minutes is None:
        problems.append(FieldProblem(field="ended_at", message="missing: give ended_at or duration_minutes"))
    if problems:
        raise IncidentInputError(problems)
    return incident


def record_id(record: Any) -> str | None:
    """The record's id if it has a usable one, for naming it in an error."""
    if isinstance(record, IncidentInput):
        return record.id
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record["id"]
    return None

