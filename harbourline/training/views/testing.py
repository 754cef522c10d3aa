from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from harbourline.accounts.decorators import require_perm
from harbourline.core.params import parse_int

from .. import services
from ..forms import BuildTestForm
from ..models import FollowUp, OpenForm, Registration, TestAttempt, TestItem, TestKind
from ..selectors import (
    evaluation_summary,
    workshop_get_for_user,
    workshop_item_analysis,
    workshop_progress,
    workshop_summary,
)
from ..services.testing import questions_from_bank
from .common import audit_participants_read, staff
from .workshops import RUN


@require_perm(*RUN)
def tests(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the pre-test and post-test questions from the bank, and open them on participants' phones."""
    workshop = workshop_get_for_user(request, pk)
    form = BuildTestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            for kind, letter in (
                (TestKind.PRE, form.cleaned_data["pre_form"]),
                (TestKind.POST, form.cleaned_data["post_form"]),
            ):
                if not TestAttempt.objects.filter(registration__workshop=workshop, kind=kind).exists():
                    services.test_build(
                        actor=staff(request),
                        workshop=workshop,
                        kind=kind,  # type: ignore[arg-type]
                        questions=questions_from_bank(workshop, letter),
                    )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "The tests are ready.")
            return redirect("training:tests", pk=workshop.pk)
    items = TestItem.objects.filter(workshop=workshop).select_related("question", "question__module")
    counts = {
        k: TestAttempt.objects.filter(registration__workshop=workshop, kind=k).count()
        for k in TestKind.values
    }
    return render(
        request,
        "training/tests.html",
        {
            "workshop": workshop,
            "form": form,
            "pre_items": [i for i in items if i.kind == TestKind.PRE],
            "post_items": [i for i in items if i.kind == TestKind.POST],
            "counts": counts,
            "open_choices": OpenForm.choices,
            "take_url": request.build_absolute_uri(reverse("training:take_start")),
        },
    )


@require_perm(*RUN)
@require_POST
def open_form(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    try:
        services.workshop_open_form(
            actor=staff(request), workshop=workshop, form=request.POST.get("form", "")
        )  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Open on phones: {workshop.get_open_form_display()}.")
    return redirect("training:tests", pk=workshop.pk)


@require_perm(*RUN)
def paper_entry(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The trainer types in a paper test: the participant's number and one answer per question."""
    workshop = workshop_get_for_user(request, pk)
    if kind not in TestKind.values:
        raise Http404("No such test")
    items = list(TestItem.objects.filter(workshop=workshop, kind=kind).select_related("question"))
    regs = list(
        workshop.registrations.exclude(status__in=["waitlisted", "withdrawn"])
        .select_related("participant")
        .order_by("number")
    )
    error, chosen = "", request.POST.get("registration", "")
    answers = {str(i.question_id): request.POST.get(f"q{i.question_id}", "") for i in items}
    if request.method == "POST":
        reg = next((r for r in regs if str(r.pk) == chosen), None)
        if reg is None:
            error = "Choose the participant."
        else:
            parsed = {q: parse_int(a, maximum=99) for q, a in answers.items()}
            try:
                attempt = services.test_submit(
                    actor=staff(request),
                    registration=reg,
                    kind=kind,
                    answers=parsed,  # type: ignore[arg-type]
                    entered_by=TestAttempt.EnteredBy.TRAINER,
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, f"Number {reg.number}: {attempt.score} of {attempt.max_score}.")
                return redirect("training:paper_entry", pk=workshop.pk, kind=kind)
    done = set(
        TestAttempt.objects.filter(registration__in=regs, kind=kind).values_list("registration_id", flat=True)
    )
    return render(
        request,
        "training/paper_entry.html",
        {
            "workshop": workshop,
            "kind": kind,
            "kind_label": TestKind(kind).label,
            "items": items,
            "questions": [(i, answers[str(i.question_id)]) for i in items],
            "regs": regs,
            "done": done,
            "error": error,
            "chosen": chosen,
            "answers": answers,
        },
        status=400 if error else 200,
    )


@require_perm(*RUN)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    rows = workshop_progress(workshop)
    audit_participants_read(request, page="results", object_type="training.workshop", object_id=workshop.pk)
    return render(
        request,
        "training/results.html",
        {
            "workshop": workshop,
            "rows": rows,
            "summary": workshop_summary(rows, workshop),
            "items": workshop_item_analysis(workshop, TestKind.POST),
            "pre_items": workshop_item_analysis(workshop, TestKind.PRE),
            "evaluation": evaluation_summary(workshop),
        },
    )


@require_perm(*RUN)
def follow_ups(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    if request.method == "POST":
        made = services.follow_ups_create(actor=staff(request), workshop=workshop)  # type: ignore[arg-type]
        messages.success(request, f"{made} survey links made.")
        return redirect("training:follow_ups", pk=workshop.pk)
    rows = FollowUp.objects.filter(registration__workshop=workshop).select_related(
        "registration__participant"
    )
    links = [(f, request.build_absolute_uri(reverse("training:follow_up", args=[f.token]))) for f in rows]
    answered = [f for f, _ in links if f.answered_at]
    audit_participants_read(
        request, page="follow_ups", object_type="training.workshop", object_id=workshop.pk
    )
    return render(
        request,
        "training/follow_ups.html",
        {
            "workshop": workshop,
            "links": links,
            "answered": len(answered),
            "uses": sum(1 for f in answered if f.uses_learning in ("often", "sometimes")),
            "identified": sum(1 for f in answered if f.identified_case),
            "referred": sum(1 for f in answered if f.referred_case),
            "eligible": Registration.objects.filter(
                workshop=workshop, status__in=["attended", "completed"]
            ).count(),
        },
    )
