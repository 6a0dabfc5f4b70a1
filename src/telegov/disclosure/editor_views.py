"""The editor's pages: components and their states, incidents and their updates, maintenance,
subscribers, publishing. Members may look; only write roles may change (403), and other organisations'
pages do not exist (404). Every change goes through `telegov.disclosure.services`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from telegov.core.forms import add_service_errors
from telegov.core.models import Organisation
from telegov.core.tenancy import membership, require_write
from telegov.disclosure import services as actions
from telegov.disclosure.choices import ComponentStatus
from telegov.disclosure.forms import ComponentForm, IncidentForm, MaintenanceForm, SubscriberForm, UpdateForm
from telegov.disclosure.models import Component, StatusIncident
from telegov.disclosure.workarounds import suggested


def _organisation(request, slug: str, write: bool = False):
    organisation = get_object_or_404(Organisation, slug=slug)
    member = require_write(request.user, organisation) if write else membership(request.user, organisation)
    return organisation, member


def overview_url(organisation: Organisation) -> str:
    return reverse("disclosure:editor", args=[organisation.slug])


@login_required
def overview(request, slug: str):
    organisation, member = _organisation(request, slug)
    incidents = StatusIncident.objects.filter(organisation=organisation).prefetch_related("components")
    return render(request, "disclosure/editor/overview.html", {
        "organisation": organisation, "membership": member,
        "components": Component.objects.filter(organisation=organisation).select_related("service"),
        "states": ComponentStatus.choices,
        "open_incidents": [incident for incident in incidents if not incident.is_resolved],
        "past_incidents": [incident for incident in incidents if incident.is_resolved][:20],
        "maintenance": organisation.status_maintenance.filter(scheduled_until__gte=timezone.now()),
        "subscribers": organisation.status_subscribers.all()[:50],
        "public_url": reverse("disclosure:public", args=[organisation.slug]),
    })


def _form_page(request, form, save, context: dict, done):
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return done(saved)
    return render(request, "disclosure/editor/form.html", {**context, "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def component_create(request, slug: str):
    organisation, member = _organisation(request, slug, write=True)
    form = ComponentForm(request.POST or None, organisation=organisation)
    return _form_page(
        request, form, lambda data: actions.create_component(request.user, organisation, **data),
        {"organisation": organisation, "membership": member, "title": _("New component")},
        lambda saved: redirect(overview_url(organisation)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def component_edit(request, slug: str, component_id: int):
    organisation, member = _organisation(request, slug, write=True)
    component = get_object_or_404(Component, organisation=organisation, pk=component_id)
    # The form works on its own copy, so the action still sees the stored state for the audit row.
    form = ComponentForm(request.POST or None, instance=Component.objects.get(pk=component.pk),
                         organisation=organisation)
    return _form_page(
        request, form, lambda data: actions.update_component(request.user, component, **data),
        {"organisation": organisation, "membership": member, "title": _("Edit component")},
        lambda saved: redirect(overview_url(organisation)),
    )


@login_required
@require_POST
def set_states(request, slug: str):
    organisation, _member = _organisation(request, slug, write=True)
    states = {}
    for component in Component.objects.filter(organisation=organisation):
        value = request.POST.get(f"component-{component.pk}")
        if value:
            states[component.pk] = value
    try:
        actions.set_component_states(request.user, organisation, states)
    except ValidationError as error:
        return HttpResponseBadRequest("; ".join(error.messages))
    return redirect(overview_url(organisation))


@login_required
@require_http_methods(["GET", "POST"])
def incident_create(request, slug: str):
    organisation, member = _organisation(request, slug, write=True)
    initial = {"started_at": timezone.localtime().replace(second=0, microsecond=0)}
    categories = set(
        Component.objects.filter(organisation=organisation, service__isnull=False)
        .values_list("service__category", flat=True)
    )
    initial["workarounds"] = suggested(categories, "major")
    form = IncidentForm(request.POST or None, organisation=organisation, language=get_language(), initial=initial)
    return _form_page(
        request, form, lambda data: actions.create_incident(request.user, organisation, **data),
        {"organisation": organisation, "membership": member, "title": _("Post an incident")},
        lambda incident: redirect(incident_url(incident)),
    )


def incident_url(incident: StatusIncident) -> str:
    return reverse("disclosure:incident", args=[incident.organisation.slug, incident.pk])


@login_required
@require_http_methods(["GET", "POST"])
def incident_detail(request, slug: str, incident_id: int):
    organisation, member = _organisation(request, slug, write=request.method == "POST")
    incident = get_object_or_404(
        StatusIncident.objects.prefetch_related("components", "updates"), organisation=organisation, pk=incident_id
    )
    form = UpdateForm(request.POST or None, incident=incident, initial={"status": incident.status})
    if request.method == "POST" and form.is_valid():
        try:
            actions.post_update(request.user, incident, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(incident_url(incident))
    return render(request, "disclosure/editor/incident.html", {
        "organisation": organisation, "membership": member, "incident": incident, "form": form,
        "public_url": reverse("disclosure:public_file", args=[organisation.slug, f"incidents/{incident.pk}.html"]),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def maintenance_create(request, slug: str):
    organisation, member = _organisation(request, slug, write=True)
    form = MaintenanceForm(request.POST or None, organisation=organisation)
    return _form_page(
        request, form, lambda data: actions.schedule_maintenance(request.user, organisation, **data),
        {"organisation": organisation, "membership": member, "title": _("Schedule maintenance")},
        lambda saved: redirect(overview_url(organisation)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def subscriber_create(request, slug: str):
    organisation, member = _organisation(request, slug, write=True)
    form = SubscriberForm(request.POST or None, organisation=organisation)
    context = {"organisation": organisation, "membership": member, "title": _("New subscriber")}
    return _form_page(
        request, form, lambda data: actions.add_subscriber(request.user, organisation, **data), context,
        # The webhook secret is shown this once.
        lambda subscriber: render(request, "disclosure/editor/subscriber_added.html", {
            **context, "subscriber": subscriber}),
    )


@login_required
@require_POST
def publish(request, slug: str):
    organisation, _member = _organisation(request, slug, write=True)
    actions.publish_page(organisation)
    return redirect(overview_url(organisation))
