"""The generated documents: versions with their changes, approval, release and downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from telegov.core.choices import Role
from telegov.userinfo import forms, rendering, versions
from telegov.userinfo.choices import DocumentKind
from telegov.userinfo.models import ChiefManagerAppointment, DocumentVersion
from telegov.userinfo.views.common import attempt, organisation_of

FORMATS = {
    "pdf": ("application/pdf", rendering.pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", rendering.docx),
    "html": ("text/html; charset=utf-8", lambda version: rendering.html(version).encode("utf-8")),
}


@login_required
def document_list(request, slug: str):
    organisation, member = organisation_of(request, slug)
    error = request.session.pop("userinfo_error", None)
    kinds = [(kind, DocumentVersion.objects.filter(organisation=organisation, kind=kind))
             for kind in DocumentKind]
    return render(request, "userinfo/document_list.html", {
        "organisation": organisation, "membership": member, "kinds": kinds, "error": error,
        "appointments": ChiefManagerAppointment.objects.filter(organisation=organisation),
    })


@login_required
@require_POST
def document_generate(request, slug: str, kind: str):
    organisation, _ = organisation_of(request, slug, write=True)
    if kind not in DocumentKind.values:
        raise Http404("no such document")
    try:
        version = versions.generate(request.user, organisation, DocumentKind(kind))
    except ValidationError as error:
        request.session["userinfo_error"] = " ".join(error.messages)
        return redirect("userinfo:documents", slug=slug)
    return redirect("userinfo:document", slug=slug, pk=version.pk)


@login_required
def document_detail(request, slug: str, pk: int):
    organisation, member = organisation_of(request, slug)
    version = get_object_or_404(DocumentVersion, organisation=organisation, pk=pk)
    return render(request, "userinfo/document_detail.html", {
        "organisation": organisation, "membership": member, "version": version,
        "diff_lines": version.diff.splitlines() if version.previous_id else [],
        "error": request.session.pop("userinfo_error", None),
        "may_approve": member.role == Role.CHIEF_MANAGER, "intact": version.intact(),
    })


@login_required
@require_POST
def document_step(request, slug: str, pk: int, step: str):
    """Approve (the chief manager) or release (publish or file) a version."""
    organisation, _ = organisation_of(request, slug)
    version = get_object_or_404(DocumentVersion, organisation=organisation, pk=pk)
    action = {"approve": versions.approve, "release": versions.release}.get(step)
    if action is None:
        raise Http404("no such step")
    try:
        action(request.user, version)
    except ValidationError as error:
        request.session["userinfo_error"] = " ".join(error.messages)
    return redirect("userinfo:document", slug=slug, pk=pk)


@login_required
def document_file(request, slug: str, pk: int, fmt: str):
    organisation, _ = organisation_of(request, slug)
    version = get_object_or_404(DocumentVersion, organisation=organisation, pk=pk)
    if fmt not in FORMATS:
        return HttpResponse(status=404)
    content_type, render_file = FORMATS[fmt]
    response = HttpResponse(render_file(version), content_type=content_type)
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{version.kind}-v{version.number}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def appoint(request, slug: str):
    organisation, member = organisation_of(request, slug, write=True)
    form = forms.AppointmentForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        done = attempt(form, lambda: versions.appoint_chief_manager(request.user, organisation, **form.cleaned_data))
        if done is not None:
            return redirect("userinfo:document", slug=slug, pk=done.notice_id)
    return render(request, "userinfo/form.html", {
        "organisation": organisation, "membership": member, "form": form, "title": form.Meta.model._meta.verbose_name,
        "cancel_url": reverse("userinfo:documents", args=[slug]),
    })
