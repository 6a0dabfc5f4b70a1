"""The organisation's pages: dashboard, operators and services with their forms, and the audit log.
Every change goes through the audited functions of `telegov.core.services`."""

from __future__ import annotations

import csv
import io
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from telegov.core import services as actions
from telegov.core.forms import OperatorForm, ServiceForm, add_service_errors
from telegov.core.models import AuditLog, Operator, Organisation, Service
from telegov.core.tenancy import membership, organisations_of, require_write
from telegov.legal_calendar import today_in_tokyo
from telegov.obligations.views import obligations_of

AUDIT_PAGE_SIZE = 50


def _organisation(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return organisation, membership(request.user, organisation)


def _operators(organisation: Organisation):
    return organisation.operators.prefetch_related(Prefetch("services", queryset=Service.objects.order_by("name")))


def _operator(organisation: Organisation, operator_id: int) -> Operator:
    return get_object_or_404(_operators(organisation), pk=operator_id)


@login_required
def home(request):
    organisations = list(organisations_of(request.user))
    if len(organisations) == 1:
        return redirect("core:dashboard", slug=organisations[0].slug)
    return render(request, "core/home.html", {"organisations": organisations})


@login_required
def dashboard(request, slug: str):
    organisation, member = _organisation(request, slug)
    today = today_in_tokyo()
    operators = [(operator, obligations_of(operator, today)) for operator in _operators(organisation)]
    return render(request, "core/dashboard.html", {
        "organisation": organisation, "membership": member, "operators": operators, "today": today,
    })


@login_required
def operator_detail(request, slug: str, operator_id: int):
    organisation, member = _organisation(request, slug)
    operator = _operator(organisation, operator_id)
    today = today_in_tokyo()
    return render(request, "core/operator_detail.html", {
        "organisation": organisation, "membership": member, "operator": operator,
        "obligations": obligations_of(operator, today), "today": today,
    })


def _form_page(request, form, save, context: dict, done):
    """Validate `form` on POST, then `save(cleaned_data)`; errors of the service land on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(done(saved))
    return render(request, "core/record_form.html", {**context, "form": form})


def _delete_page(request, delete, context: dict, done_url: str):
    """Ask for confirmation; on POST `delete()`, or say why the record must be kept (409)."""
    error = None
    if request.method == "POST":
        try:
            delete()
        except actions.RecordInUse as exc:
            error = exc.messages[0]
        else:
            return redirect(done_url)
    return render(request, "core/confirm_delete.html", {**context, "error": error}, status=409 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def operator_create(request, slug: str):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    form = OperatorForm(request.POST or None)
    return _form_page(
        request, form,
        lambda data: actions.create_operator(request.user, organisation, **data),
        {"organisation": organisation, "membership": member, "title": _("New operator"),
         "cancel_url": organisation_url(organisation)},
        lambda operator: operator_url(operator),
    )


@login_required
@require_http_methods(["GET", "POST"])
def operator_edit(request, slug: str, operator_id: int):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    operator = _operator(organisation, operator_id)
    # The form works on its own copy, so the service function still sees the stored state for the audit row.
    form = OperatorForm(request.POST or None, instance=Operator.objects.get(pk=operator.pk))
    return _form_page(
        request, form,
        lambda data: actions.update_operator(request.user, operator, **data),
        {"organisation": organisation, "membership": member, "operator": operator,
         "title": _("Edit operator"), "cancel_url": operator_url(operator)},
        operator_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def operator_delete(request, slug: str, operator_id: int):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    operator = _operator(organisation, operator_id)
    return _delete_page(
        request, lambda: actions.delete_operator(request.user, operator),
        {"organisation": organisation, "membership": member, "operator": operator, "record": operator,
         "consequence": _("Its services will be deleted too."), "cancel_url": operator_url(operator)},
        organisation_url(organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request, slug: str, operator_id: int):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    operator = _operator(organisation, operator_id)
    form = ServiceForm(request.POST or None)
    return _form_page(
        request, form,
        lambda data: actions.create_service(request.user, operator, **data),
        {"organisation": organisation, "membership": member, "operator": operator,
         "title": _("New service"), "cancel_url": operator_url(operator)},
        lambda service: operator_url(operator),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, slug: str, operator_id: int, service_id: int):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    operator = _operator(organisation, operator_id)
    service = get_object_or_404(Service, pk=service_id, operator=operator)
    form = ServiceForm(request.POST or None, instance=Service.objects.get(pk=service.pk))
    return _form_page(
        request, form,
        lambda data: actions.update_service(request.user, service, **data),
        {"organisation": organisation, "membership": member, "operator": operator,
         "title": _("Edit service"), "cancel_url": operator_url(operator)},
        lambda saved: operator_url(operator),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_delete(request, slug: str, operator_id: int, service_id: int):
    organisation, member = _organisation(request, slug)
    require_write(request.user, organisation)
    operator = _operator(organisation, operator_id)
    service = get_object_or_404(Service, pk=service_id, operator=operator)
    return _delete_page(
        request, lambda: actions.delete_service(request.user, service),
        {"organisation": organisation, "membership": member, "operator": operator, "record": service,
         "consequence": "", "cancel_url": operator_url(operator)},
        operator_url(operator),
    )


def organisation_url(organisation: Organisation) -> str:
    return reverse("core:dashboard", kwargs={"slug": organisation.slug})


def operator_url(operator: Operator) -> str:
    return reverse("core:operator", kwargs={"slug": operator.organisation.slug, "operator_id": operator.pk})


def _shown(value) -> str | None:
    """A stored value as the log shows it: text as is, anything else as JSON (true, ["東京都"])."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def _changes(entry: AuditLog) -> list[tuple[str, str | None, str | None]]:
    before, after = entry.before or {}, entry.after or {}
    return [(name, _shown(before.get(name)), _shown(after.get(name))) for name in entry.changed_fields()]


def _export_row(entry: AuditLog) -> dict:
    return {
        "time": timezone.localtime(entry.at).isoformat(),
        "actor": entry.actor_name,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object": entry.object_repr,
        "changed_fields": entry.changed_fields(),
        "before": entry.before,
        "after": entry.after,
    }


def _audit_csv(organisation: Organisation, entries) -> HttpResponse:
    buffer = io.StringIO()
    # The byte-order mark makes Excel read the file as UTF-8, so Japanese names stay legible.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(["time", "actor", "action", "object_type", "object_id", "object", "changed_fields",
                     "before", "after"])
    for entry in entries:
        row = _export_row(entry)
        writer.writerow([
            row["time"], row["actor"], row["action"], row["object_type"], row["object_id"], row["object"],
            " ".join(row["changed_fields"]),
            json.dumps(row["before"], ensure_ascii=False, cls=DjangoJSONEncoder) if row["before"] else "",
            json.dumps(row["after"], ensure_ascii=False, cls=DjangoJSONEncoder) if row["after"] else "",
        ])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{organisation.slug}.csv"'
    return response


def _audit_json(organisation: Organisation, entries) -> HttpResponse:
    body = json.dumps({"organisation": organisation.slug, "entries": [_export_row(entry) for entry in entries]},
                      ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{organisation.slug}.json"'
    return response


@login_required
def audit_log(request, slug: str):
    organisation, member = _organisation(request, slug)
    entries = AuditLog.objects.filter(organisation=organisation)
    export = request.GET.get("format")
    if export == "csv":
        return _audit_csv(organisation, entries)
    if export == "json":
        return _audit_json(organisation, entries)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {
        "organisation": organisation, "membership": member, "page": page,
        "rows": [(entry, _changes(entry)) for entry in page.object_list],
    })
