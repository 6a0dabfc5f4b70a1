"""The NOC's pages: incidents, their classification, reports and timeline, the documents, the deadline board.
Every change goes through `telegov.incidents.services`."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from telegov.core.forms import add_service_errors
from telegov.core.models import Operator, Organisation
from telegov.core.tenancy import membership, organisations_of, require_write
from telegov.incidents import documents, rendering, services
from telegov.incidents.choices import QUARTERLY_CLASSIFICATIONS, IncidentStatus, ReportKind
from telegov.incidents.deadlines import deadline_board, deadline_status
from telegov.incidents.forms import EventForm, IncidentForm
from telegov.incidents.models import Incident, IncidentReport
from telegov.incidents.records import model_field_of
from telegov.legal_calendar import today_in_tokyo
from telegov.rules import Confidence, rule_book


def _organisation(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return organisation, membership(request.user, organisation)


def _incident(organisation: Organisation, pk: int) -> Incident:
    return get_object_or_404(Incident.objects.select_related("operator", "service", "organisation"),
                             pk=pk, organisation=organisation)


def detail_url(incident: Incident) -> str:
    return reverse("incidents:detail", kwargs={"slug": incident.organisation.slug, "pk": incident.pk})


def basis_of(incident: Incident) -> list[dict]:
    """The rules the classification rests on, as in force on the event's day, with unverified ones marked."""
    book, day = rule_book(), documents.event_day(incident) or today_in_tokyo()
    rows = []
    for rule_id in incident.classification_basis:
        rule = book.find(rule_id, day) or book.versions(rule_id)[-1]
        rows.append({"rule": rule, "title": rule.title(get_language() or "ja"),
                     "unverified": rule.confidence == Confidence.UNVERIFIED})
    return rows


@login_required
def incident_list(request, slug: str):
    organisation, member = _organisation(request, slug)
    incidents = organisation.incidents.select_related("operator").prefetch_related("reports")
    status = request.GET.get("status")
    if status in IncidentStatus.values:
        incidents = incidents.filter(status=status)
    today = today_in_tokyo()
    rows = []
    for incident in incidents:
        owed = [r for r in incident.reports.all() if r.current and r.filed_at is None]
        owed.sort(key=lambda r: (r.due is not None, r.due or today))
        rows.append((incident, owed[0] if owed else None,
                     deadline_status(owed[0].due, today) if owed else None))
    return render(request, "incidents/incident_list.html", {
        "organisation": organisation, "membership": member, "rows": rows, "status": status,
        "statuses": IncidentStatus.choices, "quarters": quarters_of(organisation),
    })


def quarters_of(organisation: Organisation) -> list[dict]:
    """Each operator's quarters that hold quarterly accidents, latest first, with how many."""
    counts: dict[tuple[int, date], int] = {}
    operators = {}
    for incident in organisation.incidents.filter(classification__in=QUARTERLY_CLASSIFICATIONS).select_related(
            "operator"):
        end = documents.quarter_of(incident)
        if end is not None:
            counts[incident.operator_id, end] = counts.get((incident.operator_id, end), 0) + 1
            operators[incident.operator_id] = incident.operator
    return [{"operator": operators[operator_id], "end": end, "start": documents.quarter_start(end), "count": count}
            for (operator_id, end), count in sorted(counts.items(), key=lambda item: (-item[0][1].toordinal(),
                                                                                      operators[item[0][0]].name))]


@login_required
def incident_detail(request, slug: str, pk: int, event_form: EventForm | None = None):
    organisation, member = _organisation(request, slug)
    incident = _incident(organisation, pk)
    today = today_in_tokyo()
    reports = [(report, deadline_status(report.due, today) if report.filed_at is None else "filed")
               for report in incident.reports.order_by("-current", "due", "id")]
    quarter = documents.quarter_of(incident) if incident.classification in QUARTERLY_CLASSIFICATIONS else None
    problems = [{"field": model_field_of(p["field"]), "message": p["message"]}
                for p in incident.classification_problems]
    return render(request, "incidents/incident_detail.html", {
        "organisation": organisation, "membership": member, "incident": incident, "reports": reports,
        "basis": basis_of(incident), "problems": problems, "events": incident.events.all(),
        "event_form": event_form or EventForm(initial={"at": timezone.localtime().replace(second=0, microsecond=0)}),
        "quarter": quarter, "has_detailed": incident.reports.filter(kind=ReportKind.DETAILED_REPORT).exists(),
    })


def _incident_form(request, organisation, member, form, save, title, cancel_url):
    if request.method == "POST" and form.is_valid():
        try:
            incident = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(detail_url(incident))
    return render(request, "incidents/incident_form.html", {
        "organisation": organisation, "membership": member, "form": form, "title": title, "cancel_url": cancel_url,
    })


@login_required
@require_http_methods(["GET", "POST"])
def incident_create(request, slug: str):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    form = IncidentForm(request.POST or None, organisation=organisation)

    def save(data):
        operator = data.pop("operator")
        return services.open_incident(request.user, operator, **data)

    return _incident_form(request, organisation, member, form, save, _("New incident"),
                          reverse("incidents:list", kwargs={"slug": slug}))


@login_required
@require_http_methods(["GET", "POST"])
def incident_edit(request, slug: str, pk: int):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    incident = _incident(organisation, pk)
    # The form works on its own copy, so the action still sees the stored state for the audit row.
    form = IncidentForm(request.POST or None, instance=Incident.objects.get(pk=incident.pk),
                        organisation=organisation, editing=True)
    return _incident_form(request, organisation, member, form,
                          lambda data: services.update_incident(request.user, incident, **data),
                          _("Edit incident"), detail_url(incident))


@login_required
@require_POST
def event_add(request, slug: str, pk: int):
    organisation, _member = _organisation(request, slug)
    require_write(request.user, organisation)
    incident = _incident(organisation, pk)
    form = EventForm(request.POST)
    if form.is_valid():
        try:
            services.add_event(request.user, incident, form.cleaned_data["kind"], at=form.cleaned_data["at"],
                               note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(detail_url(incident) + "#timeline")
    return incident_detail(request, slug, pk, event_form=form)


@login_required
@require_POST
def report_filed(request, slug: str, pk: int, report_id: int):
    organisation, _member = _organisation(request, slug)
    require_write(request.user, organisation)
    incident = _incident(organisation, pk)
    report = get_object_or_404(IncidentReport, pk=report_id, incident=incident)
    if report.filed_at is None:
        services.mark_report_filed(request.user, report)
    return redirect(detail_url(incident) + "#reports")


@login_required
@require_POST
def incident_close(request, slug: str, pk: int):
    organisation, _member = _organisation(request, slug)
    require_write(request.user, organisation)
    incident = _incident(organisation, pk)
    try:
        services.close_incident(request.user, incident, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(detail_url(incident))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def first_report_file(request, slug: str, pk: int, fmt: str):
    organisation, _member = _organisation(request, slug)
    incident = _incident(organisation, pk)
    if fmt == "txt":
        text = documents.first_report_text(incident)
        return _download(text.encode("utf-8"), "text/plain; charset=utf-8", f"first-report-{incident.pk}.txt")
    if fmt == "pdf":
        return _download(rendering.pdf(documents.first_report(incident)), PDF, f"first-report-{incident.pk}.pdf")
    raise Http404("no such format")


@login_required
def detailed_report_file(request, slug: str, pk: int):
    organisation, _member = _organisation(request, slug)
    incident = _incident(organisation, pk)
    return _download(rendering.pdf(documents.detailed_report(incident)), PDF, f"detailed-report-{incident.pk}.pdf")


@login_required
def quarterly_file(request, slug: str, operator_id: int, quarter: str, fmt: str):
    organisation, _member = _organisation(request, slug)
    operator = get_object_or_404(Operator, pk=operator_id, organisation=organisation)
    try:
        document = documents.quarterly_report(operator, date.fromisoformat(quarter))
    except ValueError:
        raise Http404("not the last day of a quarter") from None
    name = f"quarterly-report-{operator.pk}-{quarter}"
    if fmt == "pdf":
        return _download(rendering.pdf(document), PDF, f"{name}.pdf")
    if fmt == "xlsx":
        return _download(rendering.workbook(document), XLSX, f"{name}.xlsx")
    raise Http404("no such format")


@login_required
def deadline_board_page(request):
    today = today_in_tokyo()
    incidents = Incident.objects.filter(organisation__in=organisations_of(request.user))
    rows = deadline_board(incidents, today)
    counts = {status: sum(1 for row in rows if row.status == status)
              for status in ("promptly", "overdue", "due_soon", "upcoming")}
    return render(request, "incidents/deadline_board.html", {"rows": rows, "counts": counts, "today": today})
