"""The actions of the external-transmission app. Each validates first, then writes the change and its audit
row in one transaction. Tenancy (membership, require_write) is checked by the views and the API before."""

from __future__ import annotations

import hashlib
import json
import socket
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from telegov.core.audit import record, snapshot
from telegov.core.choices import AuditAction
from telegov.core.services import create_record, delete_record, update_record
from telegov.transmission.catalog import Catalog, Vendor, default_catalog
from telegov.transmission.choices import JobReason, JobState
from telegov.transmission.models import NoticeVersion, Scan, ScanJob, Site, VendorOverride
from telegov.transmission.notice import build_notice

# A worker that died mid-scan leaves its claim; after this long another worker may take the job again.
CLAIM_LEASE = timedelta(minutes=30)


def catalog_of(organisation) -> Catalog:
    """The built-in catalog with the organisation's own entries taking precedence."""
    overrides = [Vendor.model_validate(row.entry) for row in VendorOverride.objects.filter(organisation=organisation)]
    return default_catalog().merged(overrides)


def create_site(actor, organisation, **fields) -> Site:
    site = Site(organisation=organisation, **fields)
    _schedule(site)
    return create_record(actor, organisation, site)


def update_site(actor, site: Site, **changes) -> Site:
    if "scan_interval_days" in changes and changes["scan_interval_days"] != site.scan_interval_days:
        site.scan_interval_days = changes.pop("scan_interval_days")
        site.next_scan_at = None
        _schedule(site)
        changes.update(scan_interval_days=site.scan_interval_days, next_scan_at=site.next_scan_at)
    return update_record(actor, site.organisation, site, changes)


def delete_site(actor, site: Site) -> None:
    delete_record(actor, site.organisation, site)


def _schedule(site: Site) -> None:
    if site.scan_interval_days and site.next_scan_at is None:
        site.next_scan_at = timezone.now()
    if not site.scan_interval_days:
        site.next_scan_at = None


def request_scan(actor, site: Site, reason: str = JobReason.REQUESTED) -> ScanJob:
    if ScanJob.objects.filter(site=site, state__in=[JobState.QUEUED, JobState.RUNNING]).exists():
        raise ValidationError(_("a scan of this site is already waiting or running"))
    return create_record(actor, site.organisation, ScanJob(site=site, reason=reason,
                                                          requested_by=actor if getattr(actor, "pk", None) else None))


def enqueue_due_scans(now=None) -> list[ScanJob]:
    """Queue a scan of every site whose interval has come round, and move its next date on."""
    now = now or timezone.now()
    queued = []
    for site in Site.objects.filter(next_scan_at__lte=now, scan_interval_days__isnull=False):
        with transaction.atomic():
            # Two workers may both see the site due: only the one whose UPDATE moves the date queues it.
            moved = Site.objects.filter(pk=site.pk, next_scan_at=site.next_scan_at).update(
                next_scan_at=now + timedelta(days=site.scan_interval_days))
            if moved and not ScanJob.objects.filter(site=site, state__in=[JobState.QUEUED, JobState.RUNNING]).exists():
                job = ScanJob.objects.create(site=site, reason=JobReason.SCHEDULED)
                record(None, site.organisation, AuditAction.CREATE, job, None, snapshot(job))
                queued.append(job)
    return queued


def worker_name() -> str:
    import os

    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job_id: int, worker: str) -> bool:
    """Whether this worker now owns the job; at most one worker's conditional UPDATE matches."""
    return ScanJob.objects.filter(pk=job_id, claimed_at__isnull=True, state=JobState.QUEUED).update(
        claimed_at=timezone.now(), claimed_by=worker, state=JobState.RUNNING) == 1


def release_stale_claims(now=None) -> int:
    now = now or timezone.now()
    return ScanJob.objects.filter(state=JobState.RUNNING, claimed_at__lt=now - CLAIM_LEASE).update(
        state=JobState.QUEUED, claimed_at=None, claimed_by="")


def record_scan(job: ScanJob, report: dict[str, Any]) -> Scan:
    """Store a finished scan with the recipients as the notice would name them today."""
    site = job.site
    notice = build_notice([report], catalog_of(site.organisation), operator=site.operator_name or None,
                          operator_domains=site.operator_domains)
    with transaction.atomic():
        scan = Scan.objects.create(site=site, job=job, scanned_at=datetime.fromisoformat(report["scanned_at"]),
                                   pages=len(report["pages"]), report=report, recipients=notice["recipients"])
        ScanJob.objects.filter(pk=job.pk).update(state=JobState.DONE, finished_at=timezone.now(), error="")
        record(None, site.organisation, AuditAction.CREATE, scan, None,
               {"site": site.pk, "job": job.pk, "scanned_at": report["scanned_at"], "pages": scan.pages,
                "recipients": [item["key"] for item in notice["recipients"]]})
    return scan


def fail_job(job: ScanJob, error: str) -> None:
    with transaction.atomic():
        before = snapshot(job)
        ScanJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, finished_at=timezone.now(), error=error[:2000])
        job.refresh_from_db()
        record(None, job.site.organisation, AuditAction.UPDATE, job, before, snapshot(job))


def save_override(actor, organisation, entry: dict[str, Any]) -> VendorOverride:
    vendor_id = entry.get("id") if isinstance(entry, dict) else None
    row = VendorOverride.objects.filter(organisation=organisation, vendor_id=vendor_id).first()
    if row is None:
        return create_record(actor, organisation, VendorOverride(organisation=organisation, vendor_id=vendor_id or "",
                                                                 entry=entry))
    return update_record(actor, organisation, row, {"entry": entry})


def delete_override(actor, row: VendorOverride) -> None:
    delete_record(actor, row.organisation, row)


def publish_notice(actor, site: Site, scans: list[Scan] | None = None) -> NoticeVersion:
    """A new version of the site's notice from the given scans (the latest one by default), written as files
    once the transaction commits."""
    from telegov.transmission.publishing import write_files

    scans = scans or list(site.scans.order_by("-scanned_at", "-pk")[:1])
    if not scans:
        raise ValidationError(_("scan the site before publishing its notice"))
    if any(scan.site_id != site.pk for scan in scans):
        raise ValidationError(_("the scans belong to another site"))
    notice = build_notice([scan.report for scan in scans], catalog_of(site.organisation),
                          operator=site.operator_name or None, operator_domains=site.operator_domains)
    digest = hashlib.sha256(json.dumps(notice, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    with transaction.atomic():
        Site.objects.select_for_update().filter(pk=site.pk).first()  # publishers of one site take turns
        number = (NoticeVersion.objects.filter(site=site).aggregate(last=Max("number"))["last"] or 0) + 1
        version = NoticeVersion(site=site, number=number, notice=notice, sha256=digest, published_at=timezone.now(),
                                published_by=actor if getattr(actor, "pk", None) else None)
        version.save()
        version.scans.set(scans)
        record(actor, site.organisation, AuditAction.CREATE, version, None,
               {"site": site.pk, "number": number, "sha256": digest, "scans": [scan.pk for scan in scans]})
        transaction.on_commit(lambda: write_files(version))
    return version


def audit_against_published(scan: Scan) -> dict[str, Any] | None:
    """What the scan sees that the site's latest published notice does not declare; None before publishing."""
    from telegov.transmission.audit import audit
    from telegov.transmission.declared import Declaration, DeclaredRecipient
    from telegov.transmission.notice import declared_recipients

    latest = scan.site.notices.order_by("-number").first()
    if latest is None:
        return None
    declaration = Declaration(f"v{latest.number}", "telegov-yaml",
                              [DeclaredRecipient(**item) for item in declared_recipients(latest.notice)])
    return {**audit([scan.report], declaration, catalog_of(scan.site.organisation)), "version": latest.number}
