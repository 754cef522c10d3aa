from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from harbourline.accounts.decorators import require_perm
from harbourline.audit.services import audit_read

from .. import services
from ..actions import TrainingAction
from ..forms import BulkParticipantsForm, ParticipantForm
from ..models import AttendanceStatus, RegistrationStatus
from ..selectors import (
    attendance_sheet,
    registration_get_for_user,
    session_get_for_user,
    workshop_get_for_user,
)
from ..services.people import find_duplicate
from .common import add_errors, audit_participants_read, staff
from .workshops import RUN

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "sex",
    "sector",
    "agency",
    "organisation",
    "job_role",
    "district",
    "email",
    "phone",
)


@require_perm(*RUN)
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = {k: form.cleaned_data[k] for k in PERSON_FIELDS}
        reused = find_duplicate(**person)
        try:
            reg = services.participant_register(
                actor=staff(request),
                workshop=workshop,
                person=person,  # type: ignore[arg-type]
                nominated_by=form.cleaned_data["nominated_by"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            note = " The person was already known, so their earlier record was reused." if reused else ""
            messages.success(request, f"Number {reg.number} added: {reg.get_status_display()}.{note}")
            if "another" in request.POST:
                return redirect("training:participant_add", pk=workshop.pk)
            return redirect("training:workshop", pk=workshop.pk)
    return render(request, "training/participant_form.html", {"form": form, "workshop": workshop})


@require_perm(*RUN)
def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the details of a participant of one of the user's workshops."""
    reg = registration_get_for_user(request, pk)
    person = reg.participant
    form = ParticipantForm(
        request.POST or None,
        initial={
            **{k: getattr(person, k) for k in PERSON_FIELDS},
            "nominated_by": reg.nominated_by,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                actor=staff(request), participant=person, **{k: form.cleaned_data[k] for k in PERSON_FIELDS}
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Number {reg.number} saved.")
            return redirect("training:workshop", pk=reg.workshop_id)
    audit_participants_read(
        request, page="participant_edit", object_type="training.registration", object_id=reg.pk
    )
    return render(
        request,
        "training/participant_form.html",
        {
            "form": form,
            "workshop": reg.workshop,
            "registration": reg,
        },
    )


@require_perm(*RUN)
def participants_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    form = BulkParticipantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for row in form.cleaned_data["lines"]:
            row.setdefault("district", workshop.district)  # people work where the workshop is, unless told
        try:
            regs = services.participants_bulk_register(
                actor=staff(request),
                workshop=workshop,
                people=form.cleaned_data["lines"],  # type: ignore[arg-type]
                nominated_by=form.cleaned_data["nominated_by"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            waiting = sum(1 for r in regs if r.status == RegistrationStatus.WAITLISTED)
            messages.success(request, f"{len(regs)} participants added ({waiting} on the waiting list).")
            return redirect("training:workshop", pk=workshop.pk)
    return render(request, "training/participants_bulk.html", {"form": form, "workshop": workshop})


@require_perm(*RUN)
@require_POST
def registration_status(request: HttpRequest, pk: int) -> HttpResponse:
    reg = registration_get_for_user(request, pk)
    status = request.POST.get("status", "")
    try:
        services.registration_set_status(actor=staff(request), registration=reg, status=status)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Number {reg.number}: {reg.get_status_display()}.")
    return redirect("training:workshop", pk=reg.workshop_id)


@require_perm(*RUN)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """One page per session, one row per participant, radio buttons, one save."""
    session = session_get_for_user(request, pk)
    rows = attendance_sheet(session)
    error = ""
    if request.method == "POST":
        statuses = {reg.pk: request.POST.get(f"r{reg.pk}", "") for reg, _ in rows}
        missing = [reg.number for reg, _ in rows if not statuses[reg.pk]]
        if missing:
            error = "Choose a mark for number " + ", ".join(str(n) for n in missing) + "."
            rows = [(reg, statuses[reg.pk]) for reg, _ in rows]
        else:
            try:
                services.attendance_record(actor=staff(request), session=session, statuses=statuses)  # type: ignore[arg-type]
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, f"Attendance saved for {len(statuses)} participants.")
                return redirect("training:workshop", pk=session.workshop_id)
    audit_participants_read(request, page="attendance", object_type="training.session", object_id=session.pk)
    return render(
        request,
        "training/attendance.html",
        {
            "session": session,
            "workshop": session.workshop,
            "rows": rows,
            "marks": AttendanceStatus.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


@require_perm(*RUN)
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get_for_user(request, pk)
    rows = attendance_sheet(session)
    audit_read(
        request,
        action=TrainingAction.SIGN_IN_SHEET_PRINTED,
        object_type="training.session",
        object_id=session.pk,
        rows=len(rows),
    )
    return render(
        request,
        "training/sign_in_sheet.html",
        {
            "session": session,
            "workshop": session.workshop,
            "rows": rows,
        },
    )
