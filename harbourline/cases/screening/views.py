from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read

from ..codes import CaseSection
from ..policy import can_change
from ..selectors import Need
from ..views.common import actor, attempt, get_case
from . import services
from .actions import ScreeningAction
from .forms import AnswersForm, InstrumentChangeForm, StartForm, combinations_text
from .models import Instrument, InstrumentStatus, Screening, ScreeningStatus

if TYPE_CHECKING:
    from ..models import Case

READ = (Perm.CASE_SCREEN, Perm.CASE_VIEW_NATIONAL)
MANAGE = (Perm.CASE_APPROVE, Perm.CASE_VIEW_NATIONAL)


def _screening(request: HttpRequest, screening_id: int, need: Need = Need.READ) -> Screening:
    screening = Screening.objects.select_related("instrument", "case").filter(pk=screening_id).first()
    if screening is None:
        raise Http404("No such screening.")
    # 404 unless the case is visible, 403 unless the user may do ``need`` (with the one denied row).
    screening.case = get_case(request, screening.case_id, CaseSection.SCREENING, need=need)
    return screening


@require_perm(*READ)
@require_http_methods(["GET", "POST"])
def case_screening_list_view(request: HttpRequest, case_id: int) -> HttpResponse:
    need = Need.CHANGE if request.method == "POST" else Need.READ
    case = get_case(request, case_id, CaseSection.SCREENING, need=need, audit_page="screenings")
    can_screen = can_change(actor(request), case, CaseSection.SCREENING)
    age = _age_at_exploitation(case)
    was_child = age is not None and age < services.CHILD_AGE
    suggested = "child" if was_child or (age is None and case.person.is_minor) else "adult"
    profile = f"{suggested}_{'sexual' if case.is_sexual_exploitation else 'labour'}"
    proposed = Instrument.objects.filter(code=profile, status=InstrumentStatus.ACTIVE).first()
    form = StartForm(
        request.POST or None,
        initial={
            "interviewed_on": timezone.localdate(),
            "age_at_exploitation": age,
            "instrument": proposed.pk if proposed else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        screening = attempt(
            form, lambda: services.screening_start(actor=actor(request), case=case, **form.cleaned_data)
        )
        if screening is not None:
            return redirect("screening:edit", screening_id=screening.pk)
    screenings = Screening.objects.filter(case=case).select_related("instrument", "conducted_by")
    return render(
        request,
        "screening/case_screenings.html",
        {
            "case": case,
            "form": form,
            "screenings": screenings,
            "can_screen": can_screen,
            "suggested_age": suggested,
        },
    )


def _age_at_exploitation(case: Case) -> int | None:
    """Age in whole years when the exploitation began, from the date of birth; None when either is unknown."""
    born, began = case.person.date_of_birth, case.exploitation_start
    if born is None or began is None:
        return None
    return began.year - born.year - ((began.month, began.day) < (born.month, born.day))


@require_perm(Perm.CASE_SCREEN)
@require_http_methods(["GET", "POST"])
def screening_edit_view(request: HttpRequest, screening_id: int) -> HttpResponse:
    screening = _screening(request, screening_id)
    if screening.status == ScreeningStatus.COMPLETED:
        return redirect("screening:result", screening_id=screening.pk)
    screening = _screening(request, screening_id, Need.CHANGE)
    form = AnswersForm(
        request.POST or None,
        screening=screening,
        initial={
            "interviewed_on": screening.interviewed_on,
            "interpreter_language": screening.interpreter_language,
            "acts": screening.acts,
            "act_note": screening.act_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        complete = "complete" in request.POST
        result = attempt(
            form,
            lambda: services.screening_save(
                actor=actor(request),
                screening=screening,
                answers=form.answers(),
                complete=complete,
                interviewed_on=form.cleaned_data["interviewed_on"],
                interpreter_language=form.cleaned_data["interpreter_language"],
                acts=form.cleaned_data["acts"],
                act_note=form.cleaned_data["act_note"],
            ),
        )
        if result is not None:
            messages.success(request, "Screening completed." if complete else "Answers saved.")
            return redirect("screening:result" if complete else "screening:edit", screening_id=screening.pk)
    return render(
        request,
        "screening/screening_form.html",
        {
            "screening": screening,
            "case": screening.case,
            "form": form,
            "groups": form.by_dimension(screening.instrument.dimensions),
        },
    )


@require_perm(*READ)
def screening_result_view(request: HttpRequest, screening_id: int) -> HttpResponse:
    screening = _screening(request, screening_id)
    audit_read(
        request,
        action=ScreeningAction.SCREENING_VIEWED,
        object_type="case",
        object_id=screening.case_id,
        screening=screening.pk,
    )
    result = services.screening_result(screening)
    return render(
        request,
        "screening/screening_result.html",
        {"screening": screening, "case": screening.case, "result": result},
    )


@require_perm(*READ)
def screening_print_view(request: HttpRequest, screening_id: int) -> HttpResponse:
    """A printable result for the paper file, with what the tool is and is not."""
    screening = _screening(request, screening_id)
    audit_read(
        request,
        action=ScreeningAction.SCREENING_PRINTED,
        object_type="case",
        object_id=screening.case_id,
        screening=screening.pk,
    )
    return render(
        request,
        "screening/screening_print.html",
        {"screening": screening, "case": screening.case, "result": services.screening_result(screening)},
    )


@require_perm(*MANAGE)
def instrument_list_view(request: HttpRequest) -> HttpResponse:
    instruments = Instrument.objects.all().order_by("code", "-version")
    return render(request, "screening/instrument_list.html", {"instruments": instruments})


@require_perm(*MANAGE)
@require_http_methods(["GET", "POST"])
def instrument_detail_view(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument, pk=instrument_id)
    form = InstrumentChangeForm(
        request.POST or None,
        instrument=instrument,
        initial={"notes": instrument.notes, "combinations": combinations_text(instrument.rules)},
    )
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form,
            lambda: services.instrument_change(
                actor=actor(request),
                instrument=instrument,
                indicators=form.indicator_changes(),
                combinations=form.cleaned_data["combinations"],
                notes=form.cleaned_data["notes"],
            ),
        )
        if done is not None:
            messages.success(request, "Draft saved. Activate it when it is right.")
            return redirect("screening:instrument", instrument_id=instrument.pk)
    rows = [
        (ind, form[f"{key}_strength"], form[f"{key}_evidence"], form[f"{key}_moc"], form[f"{key}_source"])
        for ind, key in form.rows
    ]
    return render(
        request,
        "screening/instrument_detail.html",
        {
            "instrument": instrument,
            "form": form,
            "rows": rows,
            "editable": instrument.status == InstrumentStatus.DRAFT,
        },
    )


@require_perm(*MANAGE)
@require_POST
def instrument_draft_view(request: HttpRequest, instrument_id: int) -> HttpResponse:
    draft = services.instrument_draft(
        actor=actor(request), source=get_object_or_404(Instrument, pk=instrument_id)
    )
    messages.success(request, f"Draft version {draft.version} made. Correct it, then activate it.")
    return redirect("screening:instrument", instrument_id=draft.pk)


@require_perm(*MANAGE)
@require_POST
def instrument_activate_view(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument, pk=instrument_id)
    if instrument.status != InstrumentStatus.DRAFT:
        messages.error(request, "Only a draft can be activated.")
    else:
        services.instrument_activate(actor=actor(request), instrument=instrument)
        messages.success(request, f"Version {instrument.version} is now used for new screenings.")
    return redirect("screening:instrument", instrument_id=instrument.pk)
