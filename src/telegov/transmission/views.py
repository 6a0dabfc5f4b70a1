"""The external-transmission pages: sites and apps, scan history with what each release changed, the
organisation's catalog entries, and publishing the notice. Every change goes through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from telegov.core.forms import add_service_errors
from telegov.core.models import Organisation
from telegov.core.tenancy import membership, require_write
from telegov.transmission import services
from telegov.transmission.diff import diff_recipients, sentences_ja
from telegov.transmission.forms import OverrideForm, SiteForm
from telegov.transmission.labels import label_ja
from telegov.transmission.models import Scan, Site, VendorOverride


def _organisation(request, slug: str, write: bool = False):
    organisation = get_object_or_404(Organisation, slug=slug)
    member = (require_write if write else membership)(request.user, organisation)
    return organisation, member


def _site(organisation, pk: int) -> Site:
    return get_object_or_404(Site, organisation=organisation, pk=pk)


def _attempt(form, action):
    try:
        return action()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def overview(request, slug):
    organisation, member = _organisation(request, slug, write=request.method == "POST")
    form = SiteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        site = _attempt(form, lambda: services.create_site(request.user, organisation, **form.cleaned_data))
        if site is not None:
            return redirect("transmission:site", organisation.slug, site.pk)
    sites = Site.objects.filter(organisation=organisation).select_related("service")
    return render(request, "transmission/overview.html", {
        "organisation": organisation, "membership": member, "sites": sites, "form": form,
        "overrides": VendorOverride.objects.filter(organisation=organisation).count(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def site_edit(request, slug, pk):
    organisation, member = _organisation(request, slug, write=True)
    site = _site(organisation, pk)
    form = SiteForm(request.POST or None, instance=Site.objects.get(pk=site.pk), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if _attempt(form, lambda: services.update_site(request.user, site, **changes)) is not None:
            return redirect("transmission:site", organisation.slug, site.pk)
    return render(request, "transmission/site_form.html", {
        "organisation": organisation, "membership": member, "site": site, "form": form})


def _history(site: Site) -> list[tuple[Scan, list[str]]]:
    scans = list(site.scans.order_by("-scanned_at", "-pk")[:20])
    rows = []
    for index, scan in enumerate(scans):
        previous = scans[index + 1] if index + 1 < len(scans) else None
        changes = sentences_ja(diff_recipients(previous.recipients, scan.recipients)) if previous else []
        rows.append((scan, changes))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def site_detail(request, slug, pk):
    organisation, member = _organisation(request, slug, write=request.method == "POST")
    site = _site(organisation, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "scan":
                services.request_scan(request.user, site)
                messages.success(request, _("The scan is queued; a worker will run it."))
            elif action == "publish":
                version = services.publish_notice(request.user, site)
                messages.success(request, _("Version %(number)s of the notice is published.") %
                                 {"number": version.number})
            elif action == "delete":
                services.delete_site(request.user, site)
                return redirect("transmission:overview", organisation.slug)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("transmission:site", organisation.slug, site.pk)
    return render(request, "transmission/site_detail.html", {
        "organisation": organisation, "membership": member, "site": site, "history": _history(site),
        "jobs": site.jobs.all()[:10], "notices": site.notices.all()[:20],
    })


@login_required
def scan_detail(request, slug, pk, scan_pk):
    organisation, member = _organisation(request, slug)
    site = _site(organisation, pk)
    scan = get_object_or_404(Scan, site=site, pk=scan_pk)
    against = request.GET.get("against")
    other = (get_object_or_404(Scan, site=site, pk=against) if against and against.isdigit()
             else site.scans.filter(scanned_at__lt=scan.scanned_at).order_by("-scanned_at", "-pk").first())
    diff = diff_recipients(other.recipients, scan.recipients) if other else None
    recipients = [
        {**item, "information_labels": [label_ja(code) for code in item["information"]]} for item in scan.recipients
    ]
    return render(request, "transmission/scan_detail.html", {
        "organisation": organisation, "membership": member, "site": site, "scan": scan, "other": other,
        "diff": diff, "changes": sentences_ja(diff) if diff else [], "recipients": recipients,
        "pages": scan.report.get("pages", []), "audit": services.audit_against_published(scan),
    })


@login_required
@require_http_methods(["GET", "POST"])
def catalog_overrides(request, slug):
    organisation, member = _organisation(request, slug, write=request.method == "POST")
    if request.method == "POST" and request.POST.get("action") == "delete":
        pk = request.POST.get("pk", "")
        row = get_object_or_404(VendorOverride, organisation=organisation, pk=int(pk) if pk.isdigit() else 0)
        services.delete_override(request.user, row)
        return redirect("transmission:catalog", organisation.slug)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = form.cleaned_data["entry"]
        if _attempt(form, lambda: services.save_override(request.user, organisation, entry)) is not None:
            return redirect("transmission:catalog", organisation.slug)
    return render(request, "transmission/catalog.html", {
        "organisation": organisation, "membership": member, "form": form,
        "overrides": VendorOverride.objects.filter(organisation=organisation),
    })
