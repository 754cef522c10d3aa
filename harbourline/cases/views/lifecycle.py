"""Lifecycle steps: plain transitions, the identification decision, closure."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm

from .. import services
from ..codes import CaseSection
from ..forms import CloseForm, DecisionForm, TransitionForm
from ..lifecycle import SPECIAL, TRANSITIONS
from ..selectors import Need
from .common import actor, attempt, get_case


@require_perm(Perm.CASE_SCREEN, Perm.CASE_EDIT, Perm.CASE_APPROVE)
@require_http_methods(["GET", "POST"])
def case_transition_view(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    transition = TRANSITIONS.get(name)
    if transition is None or name in SPECIAL:
        get_case(request, case_id)  # a case the user may not see is not found, whatever the step
        raise Http404("No such step.")
    case = get_case(request, case_id, CaseSection.CASE, need=Need.OWNER, perm=transition.perm)
    form = TransitionForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.case_transition(
                actor=actor(request),
                case=case,
                name=name,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            ),
        )
        if done is not None:
            messages.success(request, f"{case.number}: {transition.label}.")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/step_form.html",
        {"form": form, "case": case, "title": transition.label, "button": transition.label},
    )


@require_perm(Perm.CASE_APPROVE)
@require_http_methods(["GET", "POST"])
def identification_decision_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_APPROVE)
    form = DecisionForm(
        request.POST or None, initial={"version": case.version, "decided_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: services.identification_decide(
                actor=actor(request),
                case=case,
                identified=data["identified"],
                deciding_body=data["deciding_body"],
                decided_on=data["decided_on"],
                basis=data["basis"],
                version=data["version"],
            ),
        )
        if done is not None:
            messages.success(request, "The identification decision is recorded.")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/step_form.html",
        {
            "form": form,
            "case": case,
            "title": "Identification decision",
            "button": "Record the decision",
            "intro": "The screening tool only suggests. Record here the decision of the competent body.",
        },
    )


@require_perm(Perm.CASE_APPROVE)
@require_http_methods(["GET", "POST"])
def case_close_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_APPROVE)
    form = CloseForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: services.case_close(
                actor=actor(request),
                case=case,
                closure_reason=data["closure_reason"],
                reason=data["reason"],
                version=data["version"],
            ),
        )
        if done is not None:
            messages.success(request, f"{case.number} is closed. It can be reopened.")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request,
        "cases/step_form.html",
        {"form": form, "case": case, "title": "Close the case", "button": "Approve closure"},
    )
