"""The register's pages: an overview, one list per table, and forms that call the audited actions."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from telegov.legal_calendar import today_in_tokyo
from telegov.obligations.views import in_english
from telegov.userinfo import exchange, forms
from telegov.userinfo.countries import country, missing_countries, register_countries
from telegov.userinfo.models import (
    AssessmentCycle,
    Contractor,
    DocumentVersion,
    HandlingProfile,
    InformationItem,
    SafetyMeasure,
    SupervisionRecord,
    System,
    VocabularyTerm,
)
from telegov.userinfo.reminders import reminders
from telegov.userinfo.services import delete_row, save_row
from telegov.userinfo.views.common import attempt, organisation_of

# URL name of a table -> model, form, title and the columns its list shows.
TABLES = {
    "items": (InformationItem, forms.ItemForm, gettext_lazy("information items"),
              ["key", "name", "information_class", "secrecy_protected", "specified"]),
    "systems": (System, forms.SystemForm, gettext_lazy("systems"),
                ["key", "name", "cloud_provider", "country", "region", "retention"]),
    "contractors": (Contractor, forms.ContractorForm, gettext_lazy("contractors"),
                    ["key", "name", "parent", "country", "tasks", "last_reviewed", "next_review"]),
    "measures": (SafetyMeasure, forms.MeasureForm, gettext_lazy("safety measures"),
                 ["key", "name", "measure_class", "owner", "evidence"]),
    "vocabulary": (VocabularyTerm, forms.TermForm, gettext_lazy("vocabulary"), ["kind", "key", "label_ja", "label_en"]),
}


def _table(name: str):
    if name not in TABLES:
        raise Http404("no such table")
    return TABLES[name]


# Columns of the contractor list that come from its latest supervision record.
REVIEW_COLUMNS = {"last_reviewed": gettext_lazy("reviewed on"), "next_review": gettext_lazy("next review on")}


def _header(model, column: str):
    return REVIEW_COLUMNS[column] if column in REVIEW_COLUMNS else model._meta.get_field(column).verbose_name


def _cell(row, column: str):
    if column in REVIEW_COLUMNS:
        review = row.last_review()
        value = None if review is None else review.reviewed_on if column == "last_reviewed" else review.next_review_on
    else:
        display = getattr(row, f"get_{column}_display", None)
        value = display() if display else getattr(row, column)
    return value.isoformat() if isinstance(value, date) else value


@login_required
def overview(request, slug: str):
    organisation, member = organisation_of(request, slug)
    today = today_in_tokyo()
    english = in_english()
    used = register_countries(organisation)
    countries = [
        {"code": code, "country": country(code, today), "name": country(code, today).name(english),
         "storage": code in used["storage"],
         "contractor": code in used["contractor"]}
        for code in sorted(set().union(*used.values()))
    ]
    return render(request, "userinfo/overview.html", {
        "organisation": organisation, "membership": member, "today": today,
        "tables": [(name, title, model.objects.filter(organisation=organisation).count())
                   for name, (model, _f, title, _c) in TABLES.items()],
        "countries": countries, "missing": missing_countries(organisation, today),
        "reminders": [(r, r.title(english)) for r in reminders(organisation, today)],
        "documents": DocumentVersion.objects.filter(organisation=organisation).order_by("kind", "-number")[:6],
        "cycles": AssessmentCycle.objects.filter(organisation=organisation),
        "profile": HandlingProfile.objects.filter(organisation=organisation).first(),
        "english": english,
    })


@login_required
def table_list(request, slug: str, table: str):
    organisation, member = organisation_of(request, slug)
    model, _form, title, columns = _table(table)
    rows = model.objects.filter(organisation=organisation)
    return render(request, "userinfo/table_list.html", {
        "organisation": organisation, "membership": member, "table": table, "title": title,
        "headers": [_header(model, c) for c in columns],
        "rows": [(row, [_cell(row, c) for c in columns]) for row in rows],
        "missing": missing_countries(organisation, today_in_tokyo()) if table in {"systems", "contractors"} else [],
        "reviews": SupervisionRecord.objects.filter(contractor__organisation=organisation).select_related("contractor")
        if table == "contractors" else None,
    })


def _form_page(request, organisation, member, form, title, cancel, save):
    if request.method == "POST" and form.is_valid() and attempt(form, save) is not None:
        return redirect(cancel)
    return render(request, "userinfo/form.html", {
        "organisation": organisation, "membership": member, "form": form, "title": title, "cancel_url": cancel,
    })


@login_required
@require_http_methods(["GET", "POST"])
def row_create(request, slug: str, table: str):
    organisation, member = organisation_of(request, slug, write=True)
    model, form_class, title, _columns = _table(table)
    form = form_class(request.POST or None, organisation=organisation)

    def save():
        fields, links = form.split()
        return save_row(request.user, model(organisation=organisation, **fields), links)

    return _form_page(request, organisation, member, form, _("Add") + f": {title}",
                      reverse("userinfo:table", args=[slug, table]), save)


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request, slug: str, table: str, pk: int):
    organisation, member = organisation_of(request, slug, write=True)
    model, form_class, title, _columns = _table(table)
    row = get_object_or_404(model, organisation=organisation, pk=pk)
    # The form edits a copy, so the action still sees the stored state for the audit row.
    form = form_class(request.POST or None, instance=model.objects.get(pk=pk), organisation=organisation)

    def save():
        fields, links = form.split()
        return save_row(request.user, row, links, changes=fields)

    return _form_page(request, organisation, member, form, f"{title}: {row}",
                      reverse("userinfo:table", args=[slug, table]), save)


@login_required
@require_http_methods(["GET", "POST"])
def row_delete(request, slug: str, table: str, pk: int):
    organisation, member = organisation_of(request, slug, write=True)
    model, _form, title, _columns = _table(table)
    row = get_object_or_404(model, organisation=organisation, pk=pk)
    back = reverse("userinfo:table", args=[slug, table])
    error = None
    if request.method == "POST":
        try:
            delete_row(request.user, row)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect(back)
    return render(request, "userinfo/confirm_delete.html", {
        "organisation": organisation, "membership": member, "record": row, "title": title, "cancel_url": back,
        "error": error,
    })


@login_required
@require_http_methods(["GET", "POST"])
def supervision_create(request, slug: str, pk: int):
    organisation, member = organisation_of(request, slug, write=True)
    contractor = get_object_or_404(Contractor, organisation=organisation, pk=pk)
    form = forms.SupervisionForm(request.POST or None, request.FILES or None)

    def save():
        record = form.save(commit=False)
        record.contractor = contractor
        return save_row(request.user, record)

    return _form_page(request, organisation, member, form, f"{_('supervision record')}: {contractor}",
                      reverse("userinfo:table", args=[slug, "contractors"]), save)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, slug: str):
    organisation, member = organisation_of(request, slug, write=True)
    stored = HandlingProfile.objects.filter(organisation=organisation).first()
    copy = HandlingProfile.objects.get(pk=stored.pk) if stored else None
    form = forms.ProfileForm(request.POST or None, instance=copy)

    def save():
        if stored is None:
            return save_row(request.user, HandlingProfile(organisation=organisation, **form.cleaned_data))
        return save_row(request.user, stored, changes=form.cleaned_data)

    return _form_page(request, organisation, member, form, _("Carrier profile"),
                      reverse("userinfo:overview", args=[slug]), save)


@login_required
@require_http_methods(["GET", "POST"])
def exchange_page(request, slug: str):
    """Export the register (YAML, or CSV per table) and import it, all or nothing."""
    organisation, member = organisation_of(request, slug, write=request.method == "POST")
    wanted = request.GET.get("export")
    if wanted == "yaml":
        return _download(exchange.export_yaml(organisation), f"register-{slug}.yaml", "application/yaml")
    if wanted in exchange.TABLES:
        return _download("\ufeff" + exchange.export_csv(organisation, wanted), f"{wanted}-{slug}.csv", "text/csv")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    problems, counts = [], None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["file"].read().decode("utf-8-sig", errors="replace")
        table = form.cleaned_data["table"]
        try:
            counts = (exchange.import_csv(request.user, organisation, table, text) if table
                      else exchange.import_yaml(request.user, organisation, text))
        except exchange.RegisterImportError as error:
            problems = error.problems
    return render(request, "userinfo/exchange.html", {
        "organisation": organisation, "membership": member, "form": form, "problems": problems, "counts": counts,
        "tables": list(exchange.TABLES),
    }, status=422 if problems else 200)


@login_required
def evidence_file(request, slug: str, pk: int):
    """A supervision record's evidence file, for members of its organisation only."""
    organisation, _member = organisation_of(request, slug)
    record = get_object_or_404(SupervisionRecord, contractor__organisation=organisation, pk=pk)
    if not record.evidence_file:
        raise Http404("no evidence file")
    return FileResponse(record.evidence_file.open("rb"), as_attachment=True,
                        filename=record.evidence_file.name.rsplit("/", 1)[-1])


def _download(text: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
