from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.core.params import int_param
from harbourline.country.selectors import district_name

from .. import services
from ..forms import SessionForm, StatusForm, WorkshopForm
from ..models import WorkshopStatus, WorkshopTrainer
from ..selectors import workshop_get_for_user, workshops_visible_to
from .common import add_errors, audit_participants_read, staff

PAGE = 25
RUN = (Perm.TRAINING_RUN, Perm.TRAINING_MANAGE)


@require_perm(*RUN)
def workshop_list(request: HttpRequest) -> HttpResponse:
    """Workshops, newest first, paged by key (?before=<id>)."""
    qs = workshops_visible_to(request.user).order_by("-pk")  # type: ignore[arg-type]
    before = int_param(request, "before")
    if before is not None:
        qs = qs.filter(pk__lt=before)
    status = request.GET.get("status", "")
    if status in WorkshopStatus.values:
        qs = qs.filter(status=status)
    page = list(qs[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    return render(
        request,
        "training/workshop_list.html",
        {
            "workshops": page,
            "next_before": page[-1].pk if more else None,
            "status": status,
            "statuses": WorkshopStatus.choices,
        },
    )


def _workshop_fields(data: dict[str, Any]) -> dict[str, Any]:
    keep = (
        "title",
        "workshop_type",
        "language",
        "venue",
        "district",
        "start_date",
        "end_date",
        "capacity",
        "target_sectors",
    )
    return {k: data[k] for k in keep}


@require_perm(*RUN)
def workshop_create(request: HttpRequest) -> HttpResponse:
    form = WorkshopForm(request.POST or None, initial={"lead_trainer": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshop = services.workshop_create(
                actor=staff(request),
                modules=data["modules"],
                lead_trainer=data["lead_trainer"],  # type: ignore[arg-type]
                co_facilitators=data["co_facilitators"],
                **_workshop_fields(data),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Workshop planned. Now add its sessions.")
            return redirect("training:workshop", pk=workshop.pk)
    return render(request, "training/workshop_form.html", {"form": form, "title": "Plan a workshop"})


@require_perm(*RUN)
def workshop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    links = list(workshop.trainer_links.all())
    lead = next((link.user_id for link in links if link.role == WorkshopTrainer.TrainerRole.LEAD), None)
    initial = {
        **{
            f: getattr(workshop, f)
            for f in (
                "title",
                "workshop_type",
                "language",
                "venue",
                "district",
                "start_date",
                "end_date",
                "capacity",
                "target_sectors",
            )
        },
        "modules": list(workshop.modules.all()),
        "lead_trainer": lead,
        "co_facilitators": [link.user_id for link in links if link.role == WorkshopTrainer.TrainerRole.CO],
    }
    form = WorkshopForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.workshop_update(
                actor=staff(request),
                workshop=workshop,
                modules=data["modules"],  # type: ignore[arg-type]
                lead_trainer=data["lead_trainer"],
                co_facilitators=data["co_facilitators"],
                **_workshop_fields(data),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Workshop saved.")
            return redirect("training:workshop", pk=workshop.pk)
    return render(
        request,
        "training/workshop_form.html",
        {"form": form, "title": "Change the workshop", "workshop": workshop},
    )


@require_perm(*RUN)
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    registrations = workshop.registrations.select_related("participant", "participant__agency").order_by(
        "number"
    )
    audit_participants_read(request, page="workshop", object_type="training.workshop", object_id=workshop.pk)
    return render(
        request,
        "training/workshop_detail.html",
        {
            "workshop": workshop,
            "district": district_name(workshop.district),
            "sessions": workshop.sessions.all(),
            "registrations": registrations,
            "trainers": workshop.trainer_links.select_related("user"),
            "modules": workshop.modules.all(),
            "status_form": StatusForm(initial={"status": workshop.status}, choices=WorkshopStatus.choices),
            "places_taken": sum(1 for r in registrations if r.holds_place),
        },
    )


@require_perm(*RUN)
@require_POST
def workshop_status(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    form = StatusForm(request.POST, choices=WorkshopStatus.choices)
    if form.is_valid():
        services.workshop_set_status(
            actor=staff(request), workshop=workshop, status=form.cleaned_data["status"]
        )  # type: ignore[arg-type]
        messages.success(request, f"Status: {workshop.get_status_display()}.")
    else:
        messages.error(request, "Choose a status from the list.")
    return redirect("training:workshop", pk=workshop.pk)


@require_perm(*RUN)
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    form = SessionForm(request.POST or None, initial={"date": workshop.start_date})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_add(actor=staff(request), workshop=workshop, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Session added.")
            if "another" in request.POST:
                return redirect("training:session_add", pk=workshop.pk)
            return redirect("training:workshop", pk=workshop.pk)
    return render(request, "training/session_form.html", {"form": form, "workshop": workshop})
