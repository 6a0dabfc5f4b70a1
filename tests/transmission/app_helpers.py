"""Helpers for the app's tests."""

from __future__ import annotations

from telegov.transmission import services
from telegov.transmission.models import ScanJob


def record(site, report):
    """A finished scan of `site` with `report`, as the worker records it."""
    job = ScanJob.objects.create(site=site)
    return services.record_scan(job, report)
