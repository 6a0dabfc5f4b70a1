"""REST endpoints for incidents, their timeline and reports, and the deadline board.

Lookups go through the tenancy helpers: another organisation's incidents answer 404, and members whose
role is read-only get 403 on writes. Webhooks that tell of changes are signed as described in
`telegov.incidents.webhooks` (header `X-Telegov-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime, create_model

from telegov.core.choices import ServiceCategory
from telegov.core.models import Operator, Service
from telegov.core.tenancy import membership, organisations_of, require_write, scoped
from telegov.incidents import services
from telegov.incidents.choices import (
    Cause,
    CoreFunction,
    EventKind,
    FacilityClass,
    FacilityOwner,
    IncidentKind,
    IncidentStatus,
    NearMissSituation,
)
from telegov.incidents.deadlines import deadline_board
from telegov.incidents.models import Incident, IncidentReport
from telegov.legal_calendar import today_in_tokyo

router = Router(tags=["incidents"])


class IncidentIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: IncidentKind
    service: int | None = None
    service_category: ServiceCategory | None = None
    cause: Cause = Cause.TELECOM_FACILITY
    facility_class: FacilityClass = FacilityClass.GENERAL
    impact_within_premises: bool | None = None
    important_facility: bool = False
    all_traffic_stopped: bool = False
    affected_users: int | None = Field(None, ge=0)
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    detected_at: AwareDatetime | None = None
    facility_multi_prefecture: bool | None = None
    facility_terminal_or_access_line: bool | None = None
    facility_core_function: CoreFunction | None = None
    situation: NearMissSituation | None = None
    facility_owner: FacilityOwner = FacilityOwner.OWN
    facility_owner_name: str = ""
    facility_location: str = ""
    affected_service: str = ""
    affected_area: str = ""
    cause_description: str = ""
    measures_taken: str = ""
    prevention_measures: str = ""
    discovery: str = ""
    leaked_information: str = ""
    secondary_damage: str = ""
    publication: str = ""
    response_to_affected: str = ""


class IncidentCreate(IncidentIn):
    operator: int


# The same fields, each optional: only those sent are changed.
IncidentPatch = create_model("IncidentPatch", __base__=Schema, **{
    name: (field.annotation | None, None) for name, field in IncidentIn.model_fields.items()})


class ReportOut(Schema):
    id: int
    kind: str
    form: str
    due: date | None = Field(description="empty when due promptly (速やかに)")
    filed_at: datetime | None
    current: bool


class IncidentOut(IncidentIn):
    id: int
    organisation: str
    operator: int
    operator_name: str
    status: IncidentStatus
    closed_at: datetime | None
    service_category: str | None = None
    facility_core_function: str | None = None
    situation: str | None = None
    classification: str | None
    classification_basis: list[str]
    classification_reasons: list[str]
    classification_problems: list[dict]
    classified_at: datetime | None
    reports: list[ReportOut]

    @staticmethod
    def resolve_organisation(obj: Incident) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_operator(obj: Incident) -> int:
        return obj.operator_id

    @staticmethod
    def resolve_operator_name(obj: Incident) -> str:
        return obj.operator.name

    @staticmethod
    def resolve_service(obj: Incident) -> int | None:
        return obj.service_id

    @staticmethod
    def resolve_reports(obj: Incident) -> list[IncidentReport]:
        return list(obj.reports.order_by("-current", "due", "id"))


class EventIn(Schema):
    kind: EventKind = Field(description="detected, first_report_sent, update or recovered")
    at: AwareDatetime | None = None
    note: str = ""


class EventOut(Schema):
    id: int
    kind: str
    at: datetime
    note: str
    actor: str = Field(alias="actor_name")


class FiledIn(Schema):
    filed_at: AwareDatetime | None = None
    note: str = ""


class CloseIn(Schema):
    at: AwareDatetime | None = None
    note: str = ""


class DeadlineOut(Schema):
    report: int
    kind: str
    form: str
    due: date | None
    status: str = Field(description="promptly | overdue | due_soon | upcoming")
    days_left: int | None
    incident: int
    incident_name: str
    operator: str
    organisation: str


def _run(action, *args, **kwargs):
    try:
        return action(*args, **kwargs)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        raise HttpError(422, "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())) from None


def _incident(request, pk: int, write: bool = False) -> Incident:
    incident = get_object_or_404(scoped(Incident.objects.select_related("organisation", "operator"), request.user),
                                 pk=pk)
    (require_write if write else membership)(request.user, incident.organisation)
    return incident


def _fields(payload: Schema, operator: Operator, **options) -> dict:
    data = payload.dict(**options)
    if "service" in data:
        service_id = data.pop("service")
        data["service"] = None
        if service_id is not None:
            data["service"] = Service.objects.filter(pk=service_id, operator=operator).first()
            if data["service"] is None:
                raise HttpError(422, "service: no such service of this operator")
    for name in ("service_category", "facility_core_function", "situation"):
        if name in data and data[name] is None:
            data[name] = ""
    return data


@router.get("/incidents", response=list[IncidentOut])
def list_incidents(request, organisation: str | None = None, status: IncidentStatus | None = None,
                   limit: int = 100, offset: int = 0):
    incidents = scoped(Incident.objects.select_related("organisation", "operator"), request.user)
    if organisation:
        incidents = incidents.filter(organisation__slug=organisation)
    if status:
        incidents = incidents.filter(status=status)
    return incidents[max(offset, 0): max(offset, 0) + min(max(limit, 1), 1000)]


@router.post("/incidents", response={201: IncidentOut})
def create_incident(request, payload: IncidentCreate):
    operator = get_object_or_404(scoped(Operator.objects.select_related("organisation"), request.user),
                                 pk=payload.operator)
    require_write(request.user, operator.organisation)
    data = _fields(payload, operator, exclude={"operator"})
    return Status(201, _run(services.open_incident, request.user, operator, **data))


@router.get("/incidents/{pk}", response=IncidentOut)
def get_incident(request, pk: int):
    return _incident(request, pk)


@router.put("/incidents/{pk}", response=IncidentOut)
def replace_incident(request, pk: int, payload: IncidentIn):
    incident = _incident(request, pk, write=True)
    return _run(services.update_incident, request.user, incident, **_fields(payload, incident.operator))


@router.patch("/incidents/{pk}", response=IncidentOut)
def patch_incident(request, pk: int, payload: IncidentPatch):
    incident = _incident(request, pk, write=True)
    changes = _fields(payload, incident.operator, exclude_unset=True)
    return _run(services.update_incident, request.user, incident, **changes)


@router.delete("/incidents/{pk}", response={204: None})
def delete_incident(request, pk: int):
    services.delete_incident(request.user, _incident(request, pk, write=True))
    return Status(204, None)


@router.get("/incidents/{pk}/events", response=list[EventOut])
def list_events(request, pk: int):
    return _incident(request, pk).events.all()


@router.post("/incidents/{pk}/events", response={201: EventOut})
def add_event(request, pk: int, payload: EventIn):
    incident = _incident(request, pk, write=True)
    return Status(201, _run(services.add_event, request.user, incident, payload.kind, at=payload.at,
                            note=payload.note))


@router.post("/incidents/{pk}/reports/{report_id}/filed", response=ReportOut)
def mark_filed(request, pk: int, report_id: int, payload: FiledIn):
    incident = _incident(request, pk, write=True)
    report = get_object_or_404(IncidentReport, pk=report_id, incident=incident)
    return _run(services.mark_report_filed, request.user, report, filed_at=payload.filed_at, note=payload.note)


@router.post("/incidents/{pk}/close", response=IncidentOut)
def close_incident(request, pk: int, payload: CloseIn):
    incident = _incident(request, pk, write=True)
    return _run(services.close_incident, request.user, incident, at=payload.at, note=payload.note)


@router.get("/deadlines", response=list[DeadlineOut])
def deadlines(request, organisation: str | None = None):
    """Every report still owed in the user's organisations, those due promptly first, then by due date."""
    incidents = Incident.objects.filter(organisation__in=organisations_of(request.user))
    if organisation:
        incidents = incidents.filter(organisation__slug=organisation)
    return [
        DeadlineOut(report=row.report.pk, kind=row.report.kind, form=row.report.form, due=row.report.due,
                    status=row.status, days_left=row.days_left, incident=row.incident.pk,
                    incident_name=row.incident.name, operator=row.incident.operator.name,
                    organisation=row.incident.organisation.slug)
        for row in deadline_board(incidents, today_in_tokyo())
    ]
