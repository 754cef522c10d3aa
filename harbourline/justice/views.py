"""The justice workspace, investigation and prosecution pages, and the justice part of the case page. Views
only render: access is decided in ``cases.policy`` and enforced by the selectors and services they call."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.cases import policy
from harbourline.cases.codes import CaseSection
from harbourline.cases.selectors import Need
from harbourline.cases.views.common import actor, attempt, get_case, refusing
from harbourline.country.selectors import country_name

from . import services
from .actions import JusticeAction
from .codes import SupportMeasure
from .forms import (
    ChargeForm,
    CloseForm,
    InvestigationForm,
    OutcomeForm,
    ProsecutionForm,
    ReferForm,
    SuspectForm,
    WitnessForm,
)
from .models import Charge, Investigation, Prosecution
from .selectors import (
    investigation_get_for_user,
    investigations_for_case,
    investigations_for_user,
    possible_suspect_duplicates,
    prosecution_get_for_user,
)

SEES = (Perm.CASE_JUSTICE, Perm.CASE_VIEW_NATIONAL)


def case_section_context(request: HttpRequest, case: Any) -> dict[str, Any] | None:
    """The case page's justice part: full to readers of the justice section, the status to the national
    view; None (hidden) for everyone else."""
    user = actor(request)
    found = investigations_for_case(user, case)
    can_open = policy.can_open_investigation(user, case)
    if not found and not can_open:
        return None
    return {"investigations": found, "can_open": can_open}


@require_perm(*SEES)
def workspace_view(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    investigations = list(investigations_for_user(user)[:200])
    audit_read(request, action=JusticeAction.WORKSPACE_VIEWED, object_type="justice", object_id="workspace")
    prosecutions = (
        Prosecution.objects.filter(investigation__in=[i.pk for i in investigations])
        .select_related("investigation", "agency")
        .order_by("-filed_on")
    )
    return render(
        request,
        "justice/workspace.html",
        {
            "investigations": investigations,
            "prosecutions": prosecutions,
            "national": not user.has_hl_perm(Perm.CASE_JUSTICE),
        },
    )


def _investigation(request: HttpRequest, pk: int, *, full: bool = True) -> Investigation:
    return refusing(request, lambda: investigation_get_for_user(actor(request), pk, full=full))


@require_perm(*SEES)
def investigation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    investigation = _investigation(request, pk, full=False)
    access = investigation.access  # type: ignore[attr-defined]
    audit_read(request, action=JusticeAction.INVESTIGATION_VIEWED, object_type="investigation", object_id=pk)
    suspects = list(investigation.suspects.all()) if access.full else []
    duplicates = {s.pk: possible_suspect_duplicates(actor(request), s) for s in suspects}
    return render(
        request,
        "justice/investigation.html",
        {
            "inv": investigation,
            "access": access,
            "suspects": suspects,
            "suspect_count": investigation.suspects.count(),
            "duplicates": duplicates,
            "prosecutions": investigation.prosecutions.select_related("agency").prefetch_related("charges"),
            "cases": investigation.cases.all(),
            "country_name": country_name,
        },
    )


@require_perm(Perm.CASE_JUSTICE)
def investigation_print_view(request: HttpRequest, pk: int) -> HttpResponse:
    investigation = _investigation(request, pk)
    audit_read(request, action=JusticeAction.INVESTIGATION_PRINTED, object_type="investigation", object_id=pk)
    return render(
        request,
        "justice/investigation_print.html",
        {
            "inv": investigation,
            "suspects": investigation.suspects.all(),
            "prosecutions": investigation.prosecutions.select_related("agency").prefetch_related(
                "charges__defendant", "witnesses__case"
            ),
            "cases": investigation.cases.all(),
            "country_name": country_name,
        },
    )


def _form_page(
    request: HttpRequest, form: Any, title: str, button: str, back: str, **extra: Any
) -> HttpResponse:
    return render(
        request, "justice/form.html", {"form": form, "title": title, "button": button, "back": back, **extra}
    )


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def investigation_open_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.JUSTICE, need=Need.CONTRIBUTE)
    form = InvestigationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form, lambda: services.investigation_open(actor=actor(request), case=case, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, f"Investigation {done.number} opened.")
            return redirect("justice:investigation", pk=done.pk)
    back = reverse("cases:detail", args=[case.pk])
    return _form_page(
        request, form, f"Open an investigation: case {case.number}", "Open the investigation", back
    )


def _investigation_form(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    title: str,
    button: str,
    call: Any,
    done_message: str,
    **kw: Any,
) -> HttpResponse:
    investigation = _investigation(request, pk)
    form = form_class(request.POST or None, **kw)
    if request.method == "POST" and form.is_valid():
        done = attempt(form, lambda: call(investigation, form.cleaned_data))
        if done is not None:
            messages.success(request, done_message)
            return redirect("justice:investigation", pk=investigation.pk)
    return _form_page(
        request,
        form,
        f"{title}: {investigation.number}",
        button,
        reverse("justice:investigation", args=[investigation.pk]),
    )


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def suspect_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _investigation_form(
        request,
        pk,
        SuspectForm,
        "Add a suspect",
        "Add the suspect",
        lambda inv, data: services.suspect_add(actor=actor(request), investigation=inv, **data),
        "Suspect added.",
    )


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def refer_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _investigation_form(
        request,
        pk,
        ReferForm,
        "Send the file for prosecution",
        "Send the file",
        lambda inv, data: services.investigation_refer(actor=actor(request), investigation=inv, **data),
        "File sent for prosecution.",
        exclude=actor(request).agency_id,
    )


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _investigation_form(
        request,
        pk,
        CloseForm,
        "Close the investigation",
        "Close",
        lambda inv, data: services.investigation_close(actor=actor(request), investigation=inv, **data),
        "Investigation closed.",
    )


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def prosecution_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    investigation = _investigation(request, pk)
    form = ProsecutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.prosecution_open(
                actor=actor(request), investigation=investigation, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "Prosecution recorded. Add the charges.")
            return redirect("justice:prosecution", pk=done.pk)
    return _form_page(
        request,
        form,
        f"Bring a prosecution: {investigation.number}",
        "Record the prosecution",
        reverse("justice:investigation", args=[pk]),
    )


def _witness_cases(prosecution: Prosecution) -> list[tuple[str, str]]:
    return [(str(c.pk), f"Case {c.number}") for c in prosecution.investigation.cases.all()]


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def prosecution_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The prosecution: its charges with outcomes and sentences, its witnesses; adds a charge."""
    prosecution = refusing(request, lambda: prosecution_get_for_user(actor(request), pk))
    audit_read(request, action=JusticeAction.PROSECUTION_VIEWED, object_type="prosecution", object_id=pk)
    form = ChargeForm(request.POST or None, investigation_id=prosecution.investigation_id)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.charge_add(actor=actor(request), prosecution=prosecution, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, "Charge added.")
            return redirect("justice:prosecution", pk=pk)
    return render(
        request,
        "justice/prosecution.html",
        {
            "p": prosecution,
            "inv": prosecution.investigation,
            "charges": prosecution.charges.select_related("defendant"),
            "witnesses": prosecution.witnesses.select_related("case"),
            "measures": dict(SupportMeasure.choices),
            "form": form,
            "can_change": policy.can_change_prosecution(actor(request), prosecution.agency_id),
        },
    )


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def charge_outcome_view(request: HttpRequest, pk: int) -> HttpResponse:
    charge = Charge.objects.select_related("prosecution", "defendant").filter(pk=pk).first()
    prosecution_id = charge.prosecution_id if charge is not None else 0
    prosecution = refusing(request, lambda: prosecution_get_for_user(actor(request), prosecution_id))
    assert charge is not None  # a missing charge is refused above (prosecution 0 does not exist)
    initial = {
        k: getattr(charge, k)
        for k in (
            "outcome",
            "outcome_on",
            "custody_months",
            "suspended",
            "fine",
            "restitution_ordered",
            "restitution_paid",
            "compensation_ordered",
            "compensation_paid",
        )
    }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form, lambda: services.charge_outcome(actor=actor(request), charge=charge, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, "Outcome recorded.")
            return redirect("justice:prosecution", pk=prosecution.pk)
    return _form_page(
        request,
        form,
        f"Outcome of the charge against {charge.defendant.full_name} ({charge.get_offence_display()})",
        "Record the outcome",
        reverse("justice:prosecution", args=[prosecution.pk]),
    )


@require_perm(Perm.CASE_JUSTICE)
@require_http_methods(["GET", "POST"])
def witness_view(request: HttpRequest, pk: int) -> HttpResponse:
    prosecution = refusing(request, lambda: prosecution_get_for_user(actor(request), pk))
    form = WitnessForm(request.POST or None, cases=_witness_cases(prosecution))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        case = prosecution.investigation.cases.get(pk=int(data.pop("case")))
        done = attempt(
            form,
            lambda: services.witness_support_save(
                actor=actor(request), prosecution=prosecution, case=case, **data
            ),
        )
        if done is not None:
            messages.success(request, "Witness support recorded.")
            return redirect("justice:prosecution", pk=pk)
    return _form_page(request, form, "Victim as witness", "Save", reverse("justice:prosecution", args=[pk]))
