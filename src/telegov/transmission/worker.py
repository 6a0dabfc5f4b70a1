"""One round of the scan worker: queue the sites that are due, then claim queued jobs one by one and run them.
Any number of workers may run a round at once; a job is scanned by the worker whose claim succeeded."""

from __future__ import annotations

from dataclasses import dataclass

from telegov.transmission.choices import JobState
from telegov.transmission.models import ScanJob
from telegov.transmission.services import (
    catalog_of,
    claim,
    enqueue_due_scans,
    fail_job,
    record_scan,
    release_stale_claims,
    worker_name,
)


@dataclass
class BrowserSettings:
    """How this worker's browser reaches the sites (a staging copy may need host rules or its own CA)."""

    host_rules: str | None = None
    ignore_https_errors: bool = False
    executable_path: str = "/usr/bin/chromium"
    scan_timeout: float = 600.0


def run_job(job: ScanJob, browser: BrowserSettings) -> bool:
    from telegov.transmission.report import build_report
    from telegov.transmission.scanner import ScanEnvironmentError, ScanInputError, ScanOptions, scan

    site = job.site
    try:
        options = ScanOptions(max_pages=site.max_pages, host_rules=browser.host_rules,
                              ignore_https_errors=browser.ignore_https_errors,
                              executable_path=browser.executable_path, scan_timeout=browser.scan_timeout)
        result = scan(list(site.start_urls), options)
    except (ScanInputError, ScanEnvironmentError) as error:
        fail_job(job, str(error))
        return False
    if not result.reached:
        fail_job(job, "could not reach the site: " + "; ".join(sorted({page.error or "" for page in result.pages})))
        return False
    record_scan(job, build_report(result, catalog_of(site.organisation)))
    return True


def run_round(browser: BrowserSettings | None = None, max_jobs: int = 5, worker: str | None = None) -> list[int]:
    """Scan up to `max_jobs` queued jobs; the ids of the jobs this worker ran."""
    browser = browser or BrowserSettings()
    worker = worker or worker_name()
    release_stale_claims()
    enqueue_due_scans()
    ran = []
    queued = ScanJob.objects.filter(state=JobState.QUEUED, claimed_at__isnull=True).order_by("created_at", "pk")
    for job_id in list(queued.values_list("pk", flat=True)):
        if len(ran) >= max_jobs:
            break
        if not claim(job_id, worker):
            continue
        job = ScanJob.objects.select_related("site__organisation").get(pk=job_id)
        try:
            run_job(job, browser)
        except Exception as error:  # one broken job fails alone; the round goes on to the next
            fail_job(job, f"{type(error).__name__}: {error}")
        ran.append(job_id)
    return ran
