"""REST endpoints of the register, the documents and the countries. Tenancy as in the core API:
another organisation's objects answer 404, read-only roles get 403 on writes."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Body, Field, Router, Schema, Status
from ninja.errors import HttpError

from telegov.core.models import Organisation
from telegov.core.tenancy import membership, organisations_of, require_write, scoped
from telegov.legal_calendar import today_in_tokyo
from telegov.userinfo import exchange, versions
from telegov.userinfo.choices import DocumentKind, InformationClass, MeasureClass
from telegov.userinfo.countries import country, missing_countries, register_countries
from telegov.userinfo.models import Contractor, DocumentVersion, InformationItem, SafetyMeasure, System
from telegov.userinfo.services import delete_row, save_row

router = Router(tags=["userinfo"])


class ItemIn(Schema):
    key: str
    name: str
    information_class: InformationClass
    data_categories: list[str] = []
    purposes: list[str] = []
    method_of_use: str = ""
    third_party_provision: str = ""
    secrecy_protected: bool = False
    specified: bool = False


class SystemIn(Schema):
    key: str
    name: str
    facility: str = ""
    cloud_provider: str = ""
    country: str = Field(min_length=2, max_length=2)
    region: str = ""
    items: list[str] = Field([], description="keys of information items")
    retention: str = ""
    deletion_method: str = ""


class ContractorIn(Schema):
    key: str
    name: str
    parent: str | None = Field(None, description="key of the contracting contractor")
    country: str = Field(min_length=2, max_length=2)
    tasks: str = ""
    items: list[str] = []
    systems: list[str] = []
    contract_reference: str = ""
    contract_start: date | None = None
    contract_end: date | None = None


class MeasureIn(Schema):
    key: str
    name: str
    measure_class: MeasureClass
    description: str
    items: list[str] = []
    systems: list[str] = []
    owner: str
    evidence: str = ""


class DocumentIn(Schema):
    organisation: str = Field(description="slug of the organisation")
    kind: DocumentKind


class DocumentOut(Schema):
    id: int
    kind: str
    number: int
    state: str
    sha256: str
    text: str
    diff: str
    created_at: datetime
    released_at: datetime | None


def _fail(exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    raise HttpError(422, "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in detail.items())) from None


def _links(organisation, data: dict) -> dict:
    """Keys of linked rows -> rows of the same organisation; an unknown key is a 422 naming it."""
    links = {}
    for name, model in (("items", InformationItem), ("systems", System)):
        if name in data:
            keys = data.pop(name)
            found = {row.key: row for row in model.objects.filter(organisation=organisation, key__in=keys)}
            unknown = [key for key in keys if key not in found]
            if unknown:
                raise HttpError(422, f"{name}: unknown key {', '.join(unknown)}")
            links[name] = [found[key] for key in keys]
    if "parent" in data:
        key = data.pop("parent")
        data["parent"] = get_object_or_404(Contractor, organisation=organisation, key=key) if key else None
    return links


def _out(row) -> dict:
    values = {"id": row.pk, "organisation": row.organisation.slug}
    for column in exchange.TABLES[_TABLE_OF[type(row)]][1]:
        values[column] = exchange._value(row, column)
    return values


_TABLE_OF = {InformationItem: "items", System: "systems", Contractor: "contractors", SafetyMeasure: "measures"}


def _mount(path: str, model, schema) -> None:
    """List, create, read, replace, patch and delete one table of the register."""

    def one(request, pk: int, write: bool = False):
        row = get_object_or_404(scoped(model.objects.select_related("organisation"), request.user), pk=pk)
        (require_write if write else membership)(request.user, row.organisation)
        return row

    @router.get(f"/{path}", response=list[dict], operation_id=f"list_{path}")
    def listing(request, organisation: str | None = None):
        rows = scoped(model.objects.select_related("organisation"), request.user)
        return [_out(row) for row in (rows.filter(organisation__slug=organisation) if organisation else rows)]

    class Create(schema):
        organisation: str = Field(description="slug of the organisation")

    @router.post(f"/{path}", response={201: dict}, operation_id=f"create_{path}")
    def create(request, payload: Create):
        organisation = get_object_or_404(organisations_of(request.user), slug=payload.organisation)
        require_write(request.user, organisation)
        data = payload.dict(exclude={"organisation"})
        links = _links(organisation, data)
        try:
            return Status(201, _out(save_row(request.user, model(organisation=organisation, **data), links)))
        except ValidationError as exc:
            _fail(exc)

    @router.get(f"/{path}/{{pk}}", response=dict, operation_id=f"get_{path}")
    def read(request, pk: int):
        return _out(one(request, pk))

    def change(request, pk: int, data: dict):
        row = one(request, pk, write=True)
        links = _links(row.organisation, data)
        try:
            return _out(save_row(request.user, row, links, changes=data))
        except ValidationError as exc:
            _fail(exc)

    @router.put(f"/{path}/{{pk}}", response=dict, operation_id=f"replace_{path}")
    def replace(request, pk: int, payload: schema):
        return change(request, pk, payload.dict())

    patch_fields = {name: (field.annotation | None, None) for name, field in schema.model_fields.items()}
    from pydantic import create_model

    Patch = create_model(f"{schema.__name__}Patch", __base__=Schema, **patch_fields)

    @router.patch(f"/{path}/{{pk}}", response=dict, operation_id=f"patch_{path}")
    def patch(request, pk: int, payload: Patch):
        return change(request, pk, payload.dict(exclude_unset=True))

    @router.delete(f"/{path}/{{pk}}", response={204: None}, operation_id=f"delete_{path}")
    def delete(request, pk: int):
        try:
            delete_row(request.user, one(request, pk, write=True))
        except ValidationError as exc:
            _fail(exc)
        return Status(204, None)


_mount("items", InformationItem, ItemIn)
_mount("systems", System, SystemIn)
_mount("contractors", Contractor, ContractorIn)
_mount("measures", SafetyMeasure, MeasureIn)


def _organisation(request, slug: str, write: bool = False) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    (require_write if write else membership)(request.user, organisation)
    return organisation


@router.get("/organisations/{slug}/register", response=dict)
def export_register(request, slug: str):
    return exchange.export_register(_organisation(request, slug))


@router.put("/organisations/{slug}/register", response=dict)
def import_register(request, slug: str, payload: Body[dict]):
    organisation = _organisation(request, slug, write=True)
    try:
        return exchange.import_register(request.user, organisation, payload)
    except exchange.RegisterImportError as error:
        raise HttpError(422, "\n".join(error.problems)) from None


@router.get("/organisations/{slug}/countries", response=dict)
def countries(request, slug: str):
    organisation, today = _organisation(request, slug), today_in_tokyo()
    used = register_countries(organisation)
    found = []
    for code in sorted(set().union(*used.values())):
        entry = country(code, today)
        found.append({"code": code, "storage": code in used["storage"], "contractor": code in used["contractor"],
                      "rule": entry.rule.id if entry.rule else None,
                      "facts": entry.facts.model_dump(mode="json") if entry.facts else None})
    return {"countries": found, "missing": missing_countries(organisation, today)}


@router.get("/documents", response=list[DocumentOut])
def list_documents(request, organisation: str | None = None):
    found = scoped(DocumentVersion.objects.all(), request.user)
    return found.filter(organisation__slug=organisation) if organisation else found


@router.get("/documents/{pk}", response=DocumentOut)
def get_document(request, pk: int):
    version = get_object_or_404(scoped(DocumentVersion.objects.all(), request.user), pk=pk)
    membership(request.user, version.organisation)
    return version


@router.post("/documents", response={201: DocumentOut})
def generate_document(request, payload: DocumentIn):
    """A new version from the register as it is now (422 when nothing changed)."""
    organisation = get_object_or_404(organisations_of(request.user), slug=payload.organisation)
    require_write(request.user, organisation)
    try:
        return Status(201, versions.generate(request.user, organisation, payload.kind))
    except ValidationError as exc:
        _fail(exc)


@router.post("/documents/{pk}/{step}", response=DocumentOut)
def document_step(request, pk: int, step: str):
    """`approve` (the chief manager only) or `release` (publish the policy, file the others)."""
    version = get_object_or_404(scoped(DocumentVersion.objects.all(), request.user), pk=pk)
    action = {"approve": versions.approve, "release": versions.release}.get(step)
    if action is None:
        raise HttpError(404, "no such step")
    try:
        return action(request.user, version)
    except ValidationError as exc:
        _fail(exc)
