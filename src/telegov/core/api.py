"""REST endpoints for organisations, operators, services and the audit log.

Every lookup goes through the tenancy helpers: another organisation's objects answer 404, and a
member whose role is read-only gets 403 on writes.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from telegov.core import services as actions
from telegov.core.choices import RegistrationStatus, Role, ServiceCategory, TransmissionServiceType
from telegov.core.models import AuditLog, Operator, Organisation, Service
from telegov.core.tenancy import membership, organisations_of, require_write, scoped

router = Router(tags=["core"])


class OrganisationOut(Schema):
    slug: str
    name: str
    role: Role | None = None


class OperatorIn(Schema):
    name: str
    corporate_number: str = ""
    registration_status: RegistrationStatus
    installs_circuit_facilities: bool = False
    users_prev_fy: int = Field(0, ge=0)
    designated_on: date | None = None
    business_year_start_month: int = Field(4, ge=1, le=12)


class OperatorCreate(OperatorIn):
    organisation: str = Field(description="slug of the organisation")


class OperatorPatch(Schema):
    name: str | None = None
    corporate_number: str | None = None
    registration_status: RegistrationStatus | None = None
    installs_circuit_facilities: bool | None = None
    users_prev_fy: int | None = Field(None, ge=0)
    designated_on: date | None = None
    business_year_start_month: int | None = Field(None, ge=1, le=12)


class OperatorOut(OperatorIn):
    id: int
    organisation: str

    @staticmethod
    def resolve_organisation(obj: Operator) -> str:
        return obj.organisation.slug


class ServiceIn(Schema):
    name: str
    category: ServiceCategory
    paid: bool = True
    users: int = Field(0, ge=0)
    monthly_active_users: int | None = Field(None, ge=0)
    transmission_type: TransmissionServiceType = TransmissionServiceType.NONE
    sends_user_info_outward: bool = False
    prefectures: list[str] = []


class ServiceCreate(ServiceIn):
    operator: int


class ServicePatch(Schema):
    name: str | None = None
    category: ServiceCategory | None = None
    paid: bool | None = None
    users: int | None = Field(None, ge=0)
    monthly_active_users: int | None = Field(None, ge=0)
    transmission_type: TransmissionServiceType | None = None
    sends_user_info_outward: bool | None = None
    prefectures: list[str] | None = None


class ServiceOut(ServiceIn):
    id: int
    operator: int

    @staticmethod
    def resolve_operator(obj: Service) -> int:
        return obj.operator_id


class AuditOut(Schema):
    id: int
    at: datetime
    actor: str = Field(alias="actor_name")
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict | None
    after: dict | None


def _run(action, *args, **kwargs):
    try:
        return action(*args, **kwargs)
    except ValidationError as exc:
        raise HttpError(422, "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in
                                       (exc.message_dict if hasattr(exc, "error_dict")
                                        else {"__all__": exc.messages}).items())) from None


def _delete(action, actor, instance) -> None:
    try:
        action(actor, instance)
    except actions.RecordInUse as exc:
        raise HttpError(409, exc.messages[0]) from None


def _operator(request, pk: int, write: bool = False) -> Operator:
    operator = get_object_or_404(scoped(Operator.objects.select_related("organisation"), request.user), pk=pk)
    (require_write if write else membership)(request.user, operator.organisation)
    return operator


def _service(request, pk: int, write: bool = False) -> Service:
    service = get_object_or_404(
        scoped(Service.objects.select_related("operator__organisation"), request.user, "operator__organisation"),
        pk=pk,
    )
    (require_write if write else membership)(request.user, service.operator.organisation)
    return service


@router.get("/organisations", response=list[OrganisationOut])
def list_organisations(request):
    roles = dict(request.user.memberships.values_list("organisation_id", "role"))
    return [OrganisationOut(slug=o.slug, name=o.name, role=roles.get(o.pk)) for o in organisations_of(request.user)]


@router.get("/operators", response=list[OperatorOut])
def list_operators(request, organisation: str | None = None):
    operators = scoped(Operator.objects.select_related("organisation"), request.user)
    return operators.filter(organisation__slug=organisation) if organisation else operators


@router.post("/operators", response={201: OperatorOut})
def create_operator(request, payload: OperatorCreate):
    organisation = get_object_or_404(organisations_of(request.user), slug=payload.organisation)
    require_write(request.user, organisation)
    data = payload.dict(exclude={"organisation"})
    return Status(201, _run(actions.create_operator, request.user, organisation, **data))


@router.get("/operators/{pk}", response=OperatorOut)
def get_operator(request, pk: int):
    return _operator(request, pk)


@router.put("/operators/{pk}", response=OperatorOut)
def replace_operator(request, pk: int, payload: OperatorIn):
    return _run(actions.update_operator, request.user, _operator(request, pk, write=True), **payload.dict())


@router.patch("/operators/{pk}", response=OperatorOut)
def patch_operator(request, pk: int, payload: OperatorPatch):
    changes = payload.dict(exclude_unset=True)
    return _run(actions.update_operator, request.user, _operator(request, pk, write=True), **changes)


@router.delete("/operators/{pk}", response={204: None})
def delete_operator(request, pk: int):
    _delete(actions.delete_operator, request.user, _operator(request, pk, write=True))
    return Status(204, None)


@router.get("/services", response=list[ServiceOut])
def list_services(request, operator: int | None = None):
    found = scoped(Service.objects.all(), request.user, "operator__organisation")
    return found.filter(operator_id=operator) if operator else found


@router.post("/services", response={201: ServiceOut})
def create_service(request, payload: ServiceCreate):
    operator = _operator(request, payload.operator, write=True)
    return Status(201, _run(actions.create_service, request.user, operator, **payload.dict(exclude={"operator"})))


@router.get("/services/{pk}", response=ServiceOut)
def get_service(request, pk: int):
    return _service(request, pk)


@router.put("/services/{pk}", response=ServiceOut)
def replace_service(request, pk: int, payload: ServiceIn):
    return _run(actions.update_service, request.user, _service(request, pk, write=True), **payload.dict())


@router.patch("/services/{pk}", response=ServiceOut)
def patch_service(request, pk: int, payload: ServicePatch):
    changes = payload.dict(exclude_unset=True)
    return _run(actions.update_service, request.user, _service(request, pk, write=True), **changes)


@router.delete("/services/{pk}", response={204: None})
def delete_service(request, pk: int):
    _delete(actions.delete_service, request.user, _service(request, pk, write=True))
    return Status(204, None)


@router.get("/organisations/{slug}/audit", response=list[AuditOut])
def audit_log(request, slug: str, limit: int = 100, offset: int = 0):
    organisation = get_object_or_404(Organisation, slug=slug)
    membership(request.user, organisation)
    return AuditLog.objects.filter(organisation=organisation)[offset: offset + min(limit, 1000)]
