from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.core.http import as_download
from harbourline.core.params import parse_int

from .. import services
from ..actions import TrainingAction
from ..forms import CurriculumRuleForm, TrainerStatusForm, trainer_queryset
from ..models import Evaluation, TrainerProfile, TrainerStatus, WorkshopStatus, WorkshopTrainer, WorkshopType
from ..reports import export_csv, export_xlsx, training_figures, upcoming_workshops, year_choices
from ..selectors import trainer_get_for_user
from ..services.workshops import rule_for
from .common import add_errors, staff


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    if raw == "all":
        return None
    year = parse_int(raw, minimum=2000, maximum=2100)
    return year if year is not None else timezone.localdate().year


@require_perm(Perm.TRAINING_MANAGE)
def dashboard(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "training/dashboard.html",
        {
            "figures": training_figures(year),
            "to_date": training_figures(None),
            "year": year,
            "years": year_choices(),
            "upcoming": upcoming_workshops(),
        },
    )


@require_perm(Perm.TRAINING_MANAGE)
def rules(request: HttpRequest) -> HttpResponse:
    """The 'trained' rule of each curriculum: sessions attended and post-test pass mark."""
    posted = request.POST.get("workshop_type") if request.method == "POST" else None
    forms = []
    for value, label in WorkshopType.choices:
        rule = rule_for(value)
        initial = {
            "workshop_type": value,
            "attendance_share": rule.attendance_share,
            "pass_mark": rule.pass_mark,
        }
        form = CurriculumRuleForm(request.POST if posted == value else None, initial=initial, prefix=None)
        if posted == value and form.is_valid():
            try:
                services.curriculum_rule_save(
                    actor=staff(request),
                    workshop_type=value,
                    attendance_share=form.cleaned_data["attendance_share"],
                    pass_mark=form.cleaned_data["pass_mark"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, f"Rule for {label} saved; workshops not yet held follow it.")
                return redirect("training:rules")
        forms.append((label, rule, form))
    return render(request, "training/rules.html", {"forms": forms})


@require_perm(Perm.TRAINING_MANAGE)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    year = _year(request)
    figures = training_figures(year)
    audit_read(
        request,
        action=TrainingAction.REPORT_EXPORTED,
        object_type="training.report",
        object_id=year or "all",
        format=fmt,
    )
    if fmt == "csv":
        response = HttpResponse(export_csv(figures), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            export_xlsx(figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    as_download(response, f"people-trained-{year or 'all'}.{fmt}")
    return response


@require_perm(Perm.TRAINING_MANAGE)
def trainers(request: HttpRequest) -> HttpResponse:
    """The pool of national trainers: status, workshops delivered and how participants rated them."""
    pool = trainer_queryset().select_related("agency", "trainer_profile")
    delivered = dict(
        WorkshopTrainer.objects.filter(workshop__status=WorkshopStatus.HELD)
        .values("user_id")
        .annotate(n=Count("workshop", distinct=True))
        .values_list("user_id", "n")
    )
    scores = dict(
        Evaluation.objects.filter(workshop__trainer_links__isnull=False)
        .values("workshop__trainer_links__user_id")
        .annotate(avg=Avg("trainers"))
        .values_list("workshop__trainer_links__user_id", "avg")
    )
    rows = [(u, getattr(u, "trainer_profile", None), delivered.get(u.pk, 0), scores.get(u.pk)) for u in pool]
    return render(request, "training/trainers.html", {"rows": rows, "statuses": TrainerStatus.choices})


@require_perm(Perm.TRAINING_MANAGE)
def trainer_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = trainer_get_for_user(request, pk)
    profile = TrainerProfile.objects.filter(user=user).first()
    form = TrainerStatusForm(
        request.POST or None,
        initial={
            "status": profile.status if profile else TrainerStatus.TRAINEE,
            "specialities": profile.specialities if profile else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        services.trainer_set_status(actor=staff(request), user=user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, "Trainer status saved.")
        return redirect("training:trainers")
    return render(request, "training/trainer_form.html", {"form": form, "trainer": user})
