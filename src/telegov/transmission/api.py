"""REST endpoints of the external-transmission app: sites and apps, scan jobs, scan history with the diff,
catalog overrides and published notices. Tenancy as in the core API: another organisation's objects answer
404, read-only roles get 403 on writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from telegov.core.models import Service
from telegov.core.tenancy import membership, organisations_of, require_write, scoped
from telegov.transmission import services
from telegov.transmission.diff import diff_recipients, sentences_ja
from telegov.transmission.models import NoticeVersion, Scan, Site, VendorOverride

router = Router(tags=["transmission"])


class SiteIn(Schema):
    name: str
    slug: str
    start_urls: list[str] = Field(min_length=1)
    service: int | None = None
    operator_name: str = ""
    operator_domains: list[str] = []
    max_pages: int = Field(20, ge=1, le=500)
    scan_interval_days: int | None = Field(None, ge=1)


class SiteCreate(SiteIn):
    organisation: str = Field(description="slug of the organisation")


class SitePatch(Schema):
    name: str | None = None
    slug: str | None = None
    start_urls: list[str] | None = None
    service: int | None = None
    operator_name: str | None = None
    operator_domains: list[str] | None = None
    max_pages: int | None = Field(None, ge=1, le=500)
    scan_interval_days: int | None = Field(None, ge=1)


class SiteOut(SiteIn):
    id: int
    organisation: str
    next_scan_at: datetime | None

    @staticmethod
    def resolve_organisation(obj: Site) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_service(obj: Site) -> int | None:
        return obj.service_id


class JobOut(Schema):
    id: int
    site: int = Field(alias="site_id")
    state: str
    reason: str
    created_at: datetime
    claimed_at: datetime | None
    finished_at: datetime | None
    error: str


class ScanOut(Schema):
    id: int
    site: int = Field(alias="site_id")
    scanned_at: datetime
    pages: int
    recipients: list[dict[str, Any]]


class ScanDetail(ScanOut):
    previous: int | None = None
    audit: dict[str, Any] | None = Field(None, description="against the latest published notice")
    diff: dict[str, Any] | None = None
    changes_ja: list[str] = []
    report: dict[str, Any]


class NoticeOut(Schema):
    id: int
    number: int
    sha256: str
    published_at: datetime
    url: str


class OverrideOut(Schema):
    id: int
    organisation: str
    vendor_id: str
    entry: dict[str, Any]

    @staticmethod
    def resolve_organisation(obj: VendorOverride) -> str:
        return obj.organisation.slug


class OverrideIn(Schema):
    organisation: str = Field(description="slug of the organisation")
    entry: dict[str, Any] = Field(description="one vendor entry, as in the built-in catalog")


def _run(action, *args, **kwargs):
    try:
        return action(*args, **kwargs)
    except ValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        raise HttpError(422, "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in detail.items())) from None


def _site(request, pk: int, write: bool = False) -> Site:
    site = get_object_or_404(scoped(Site.objects.select_related("organisation"), request.user), pk=pk)
    (require_write if write else membership)(request.user, site.organisation)
    return site


def _fields(organisation, data: dict) -> dict:
    if "service" in data:
        pk = data.pop("service")
        data["service"] = (get_object_or_404(Service, pk=pk, operator__organisation=organisation)
                           if pk is not None else None)
    return data


@router.get("/sites", response=list[SiteOut])
def list_sites(request, organisation: str | None = None):
    found = scoped(Site.objects.select_related("organisation"), request.user)
    return found.filter(organisation__slug=organisation) if organisation else found


@router.post("/sites", response={201: SiteOut})
def create_site(request, payload: SiteCreate):
    organisation = get_object_or_404(organisations_of(request.user), slug=payload.organisation)
    require_write(request.user, organisation)
    data = _fields(organisation, payload.dict(exclude={"organisation"}))
    return Status(201, _run(services.create_site, request.user, organisation, **data))


@router.get("/sites/{pk}", response=SiteOut)
def get_site(request, pk: int):
    return _site(request, pk)


@router.put("/sites/{pk}", response=SiteOut)
def replace_site(request, pk: int, payload: SiteIn):
    site = _site(request, pk, write=True)
    return _run(services.update_site, request.user, site, **_fields(site.organisation, payload.dict()))


@router.patch("/sites/{pk}", response=SiteOut)
def patch_site(request, pk: int, payload: SitePatch):
    site = _site(request, pk, write=True)
    changes = _fields(site.organisation, payload.dict(exclude_unset=True))
    return _run(services.update_site, request.user, site, **changes)


@router.delete("/sites/{pk}", response={204: None})
def delete_site(request, pk: int):
    services.delete_site(request.user, _site(request, pk, write=True))
    return Status(204, None)


@router.post("/sites/{pk}/jobs", response={201: JobOut})
def request_scan(request, pk: int):
    return Status(201, _run(services.request_scan, request.user, _site(request, pk, write=True)))


@router.get("/sites/{pk}/jobs", response=list[JobOut])
def list_jobs(request, pk: int):
    return _site(request, pk).jobs.all()[:100]


@router.get("/scans", response=list[ScanOut])
def list_scans(request, site: int | None = None):
    found = scoped(Scan.objects.all(), request.user, "site__organisation")
    return found.filter(site_id=site) if site else found


@router.get("/scans/{pk}", response=ScanDetail)
def get_scan(request, pk: int, against: int | None = None):
    scan = get_object_or_404(scoped(Scan.objects.select_related("site__organisation"), request.user,
                                    "site__organisation"), pk=pk)
    membership(request.user, scan.site.organisation)
    other = (get_object_or_404(Scan, site=scan.site, pk=against) if against
             else scan.site.scans.filter(scanned_at__lt=scan.scanned_at).order_by("-scanned_at", "-pk").first())
    diff = diff_recipients(other.recipients, scan.recipients) if other else None
    return {"id": scan.pk, "site_id": scan.site_id, "scanned_at": scan.scanned_at, "pages": scan.pages,
            "recipients": scan.recipients, "report": scan.report, "previous": other.pk if other else None,
            "diff": diff, "changes_ja": sentences_ja(diff) if diff else [],
            "audit": services.audit_against_published(scan)}


def _notice_out(version: NoticeVersion) -> dict:
    site = version.site
    return {"id": version.pk, "number": version.number, "sha256": version.sha256,
            "published_at": version.published_at,
            "url": f"/public/{site.organisation.slug}/transmission/{site.slug}/v{version.number}/"}


@router.get("/sites/{pk}/notices", response=list[NoticeOut])
def list_notices(request, pk: int):
    return [_notice_out(version) for version in _site(request, pk).notices.select_related("site__organisation")]


@router.post("/sites/{pk}/notices", response={201: NoticeOut})
def publish_notice(request, pk: int):
    return Status(201, _notice_out(_run(services.publish_notice, request.user, _site(request, pk, write=True))))


@router.get("/overrides", response=list[OverrideOut])
def list_overrides(request, organisation: str | None = None):
    found = scoped(VendorOverride.objects.select_related("organisation"), request.user)
    return found.filter(organisation__slug=organisation) if organisation else found


@router.post("/overrides", response={201: OverrideOut})
def save_override(request, payload: OverrideIn):
    organisation = get_object_or_404(organisations_of(request.user), slug=payload.organisation)
    require_write(request.user, organisation)
    return Status(201, _run(services.save_override, request.user, organisation, payload.entry))


@router.delete("/overrides/{pk}", response={204: None})
def delete_override(request, pk: int):
    row = get_object_or_404(scoped(VendorOverride.objects.select_related("organisation"), request.user), pk=pk)
    require_write(request.user, row.organisation)
    services.delete_override(request.user, row)
    return Status(204, None)
