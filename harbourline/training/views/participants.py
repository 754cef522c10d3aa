"""Pages participants open on their own phones, without an account."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from harbourline.accounts.decorators import public
from harbourline.core import throttle
from harbourline.core.params import parse_int

from .. import services
from ..forms import AccessCodeForm, EvaluationForm, FollowUpForm
from ..models import FollowUp, OpenForm, Registration, TestAttempt, TestItem, Workshop

PIN_WAIT = (
    "Too many wrong numbers or PINs from this phone or connection. Wait 15 minutes and try again, "
    "or ask your trainer to enter your answers on paper."
)


class PinsUsedUp(Exception):
    """This connection has used up its wrong PINs for now."""


def _checked_pin(request: HttpRequest, workshop: Workshop, number: int, pin: str) -> Registration | None:
    """The registration for a right number and PIN. Wrong PINs are counted per connection, for this
    participant and in all, in the shared cache: guessing is slowed down where it comes from, and nobody
    elsewhere can use up the participant's own tries."""
    about = f"{workshop.pk}:{number}"
    if throttle.limited(request, "training_pin", count=False) or throttle.limited(
        request, "training_pin_participant", about=about, count=False
    ):
        raise PinsUsedUp
    reg = services.pin_check(workshop=workshop, number=number, pin=pin)
    if reg is None:
        throttle.limited(request, "training_pin")
        throttle.limited(request, "training_pin_participant", about=about)
    return reg


def _open_workshop(code: str) -> Workshop:
    workshop = Workshop.objects.filter(access_code=code.upper().strip()[:8]).first()
    if workshop is None or not workshop.open_form:
        raise Http404("No test is open with this code")
    return workshop


@public
def take_start(request: HttpRequest) -> HttpResponse:
    form = AccessCodeForm(request.GET or None)
    if request.GET and form.is_valid():
        code = form.cleaned_data["code"].upper().strip()
        workshop = Workshop.objects.filter(access_code=code).first()
        if workshop is not None and workshop.open_form:
            return redirect("training:take", code=code)
        form.add_error("code", "No test or form is open with this code. Check the code with your trainer.")
    return render(request, "training/take_start.html", {"form": form})


@public
def take(request: HttpRequest, code: str) -> HttpResponse:
    """The open test: the participant gives their sign-in-sheet number and PIN, and answers."""
    workshop = _open_workshop(code)
    if workshop.open_form == OpenForm.EVALUATION:
        return redirect("training:evaluate", code=workshop.access_code)
    kind = workshop.open_form
    items = list(TestItem.objects.filter(workshop=workshop, kind=kind).select_related("question"))
    answers = {str(i.question_id): request.POST.get(f"q{i.question_id}", "") for i in items}
    error = ""
    status = 200
    if request.method == "POST":
        number = request.POST.get("number", "")
        try:
            reg = (
                _checked_pin(request, workshop, parsed_number, request.POST.get("pin", ""))
                if (parsed_number := parse_int(number, maximum=9999)) is not None
                else None
            )
        except PinsUsedUp:
            error, status = PIN_WAIT, 429
        else:
            if reg is None:
                error = (
                    "The number and PIN do not match. Check them on the sign-in sheet or ask your trainer."
                )
                status = 400
            else:
                parsed = {q: parse_int(a, maximum=99) for q, a in answers.items()}
                try:
                    services.test_submit(
                        actor=None,
                        registration=reg,
                        kind=kind,
                        answers=parsed,
                        entered_by=TestAttempt.EnteredBy.PARTICIPANT,
                    )
                except ValidationError as exc:
                    error, status = " ".join(exc.messages), 400
                else:
                    return render(request, "training/take_done.html", {"workshop": workshop})
    return render(
        request,
        "training/take.html",
        {
            "workshop": workshop,
            "items": items,
            "questions": [(i, answers[str(i.question_id)]) for i in items],
            "answers": answers,
            "error": error,
            "kind_label": workshop.get_open_form_display(),
            "number": request.POST.get("number", ""),
        },
        status=status,
    )


@public
def evaluate(request: HttpRequest, code: str) -> HttpResponse:
    workshop = _open_workshop(code)
    if workshop.open_form != OpenForm.EVALUATION:
        raise Http404("The evaluation is not open")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reg = None
        if not data["anonymous"]:
            try:
                reg = _checked_pin(request, workshop, data["number"] or 0, data["pin"] or "")
            except PinsUsedUp:
                form.add_error("pin", PIN_WAIT)
                return render(
                    request, "training/evaluate.html", {"form": form, "workshop": workshop}, status=429
                )
            if reg is None:
                form.add_error("pin", "The number and PIN do not match; or tick 'Send it anonymously'.")
        if form.is_valid():
            services.evaluation_submit(
                actor=None,
                workshop=workshop,
                registration=reg,
                comments=data["comments"],
                ratings={k: int(data[k]) for k in ("content", "trainers", "relevance", "organisation")},
            )
            return render(request, "training/take_done.html", {"workshop": workshop})
    return render(request, "training/evaluate.html", {"form": form, "workshop": workshop})


@public
def follow_up(request: HttpRequest, token: str) -> HttpResponse:
    survey = get_object_or_404(FollowUp.objects.select_related("registration__workshop"), token=token)
    form = FollowUpForm(request.POST or None)
    if survey.answered_at is None and request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer(follow_up=survey, answers=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return render(request, "training/take_done.html", {"workshop": survey.registration.workshop})
    return render(request, "training/follow_up.html", {"form": form, "survey": survey})
