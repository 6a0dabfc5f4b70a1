"""The self-assessment pages: open a business year's cycle, answer, record risks and actions, close."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from telegov.legal_calendar import today_in_tokyo
from telegov.obligations.views import in_english
from telegov.userinfo import assessment, cycles, forms
from telegov.userinfo.choices import CycleState
from telegov.userinfo.models import Action, AssessmentCycle, Risk
from telegov.userinfo.views.common import attempt, organisation_of


def _fail(request, error: ValidationError) -> None:
    request.session["userinfo_error"] = " ".join(error.messages)


@login_required
def cycle_list(request, slug: str):
    organisation, member = organisation_of(request, slug)
    return render(request, "userinfo/cycle_list.html", {
        "organisation": organisation, "membership": member, "today": today_in_tokyo(),
        "cycles": AssessmentCycle.objects.filter(organisation=organisation),
        "error": request.session.pop("userinfo_error", None),
    })


@login_required
@require_POST
def cycle_open(request, slug: str):
    organisation, _ = organisation_of(request, slug, write=True)
    try:
        cycle = cycles.open_cycle(request.user, organisation, today_in_tokyo())
    except ValidationError as error:
        _fail(request, error)
        return redirect("userinfo:cycles", slug=slug)
    return redirect("userinfo:cycle", slug=slug, pk=cycle.pk)


@login_required
def cycle_detail(request, slug: str, pk: int):
    organisation, member = organisation_of(request, slug)
    cycle = get_object_or_404(AssessmentCycle, organisation=organisation, pk=pk)
    framework, english = assessment.framework(), in_english()
    matrix = framework.risk_matrix
    answers = [(a, framework.requirement(a.requirement), forms.AnswerForm(
        prefix=a.requirement, initial={"result": a.result, "evidence": a.evidence})) for a in cycle.answers.all()]
    risks = [(risk, matrix.level(risk.score)) for risk in cycle.risks.all()]
    return render(request, "userinfo/cycle_detail.html", {
        "organisation": organisation, "membership": member, "cycle": cycle, "answers": answers, "risks": risks,
        "english": english, "findings": cycles.open_findings(cycle), "actions": cycle.actions.all(),
        "risk_form": forms.RiskForm(), "action_form": forms.ActionForm(), "close_form": forms.CloseForm(),
        "error": request.session.pop("userinfo_error", None), "today": today_in_tokyo(),
        "is_open": cycle.state == CycleState.OPEN,
    })


@login_required
@require_POST
def cycle_step(request, slug: str, pk: int, step: str):
    organisation, _ = organisation_of(request, slug, write=True)
    cycle = get_object_or_404(AssessmentCycle, organisation=organisation, pk=pk)
    try:
        if step == "answers":
            for answer in cycle.answers.all():
                form = forms.AnswerForm(request.POST, prefix=answer.requirement,
                                        initial={"result": answer.result, "evidence": answer.evidence})
                if form.is_valid() and form.has_changed():
                    cycles.answer(request.user, cycle, answer.requirement, **form.cleaned_data)
        elif step == "risk":
            form = forms.RiskForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_text())
            cycles.add_risk(request.user, cycle, **form.cleaned_data)
        elif step == "action":
            form = forms.ActionForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_text())
            cycles.add_action(request.user, cycle, **form.cleaned_data)
        elif step == "done":
            action = get_object_or_404(Action, cycle=cycle, pk=request.POST.get("action"))
            cycles.complete_action(request.user, action, today_in_tokyo())
        elif step == "close":
            form = forms.CloseForm(request.POST)
            form.is_valid()
            cycles.close_cycle(request.user, cycle, form.cleaned_data.get("summary", ""))
        else:
            raise Http404("no such step")
    except ValidationError as error:
        _fail(request, error)
    return redirect("userinfo:cycle", slug=slug, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, slug: str, pk: int, risk_pk: int):
    """Rate a risk again and record its treatment and owner."""
    organisation, member = organisation_of(request, slug, write=True)
    risk = get_object_or_404(Risk, cycle__organisation=organisation, cycle_id=pk, pk=risk_pk)
    form = forms.RiskForm(request.POST or None, instance=Risk.objects.get(pk=risk.pk))
    back = reverse("userinfo:cycle", args=[slug, pk])
    saved = request.method == "POST" and form.is_valid() and attempt(
        form, lambda: cycles.update_risk(request.user, risk, **form.cleaned_data))
    if saved:
        return redirect(back)
    return render(request, "userinfo/form.html", {
        "organisation": organisation, "membership": member, "form": form, "title": risk.title, "cancel_url": back,
    })
