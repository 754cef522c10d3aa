"""Pages of the KAP surveys: instruments, rounds, the phone entry form (works offline), the KoboToolbox import
and the indicators."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from harbourline.accounts.decorators import require_perm
from harbourline.audit.services import audit_denied

from . import surveys
from .access import READ_PERMS, WRITE_PERMS, can_manage, can_read
from .forms import InstrumentForm, QuestionForm, ResponseForm, ResponsesImportForm, RoundForm
from .models import Instrument, Question, Response, RoundKind, SurveyRound
from .selectors import campaign_get_for_user
from .views import actor, add_errors


def _instrument(request: HttpRequest, pk: int) -> Instrument:
    instrument = Instrument.objects.filter(pk=pk).first() if can_read(actor(request)) else None
    if instrument is None:
        audit_denied(request, object_type="campaign.instrument", object_id=pk)
        raise Http404("Not found")
    return instrument


def _round(request: HttpRequest, pk: int) -> SurveyRound:
    found = SurveyRound.objects.filter(pk=pk).select_related("campaign", "instrument").first()
    if found is None or not can_read(actor(request)):
        audit_denied(request, object_type="campaign.round", object_id=pk)
        raise Http404("Not found")
    return found


@require_perm(*READ_PERMS)
def surveys_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_user(request, pk)
    user = actor(request)
    rounds = {r.kind: r for r in SurveyRound.objects.filter(campaign=campaign).select_related("instrument")}
    round_rows = [
        (label, rounds.get(kind), rounds[kind].responses.count() if kind in rounds else 0)
        for kind, label in RoundKind.choices
    ]
    round_form = RoundForm(request.POST or None) if can_manage(user) else None
    instrument_form = InstrumentForm() if can_manage(user) else None
    if request.method == "POST" and round_form is not None and round_form.is_valid():
        try:
            surveys.round_save(actor=user, campaign=campaign, **round_form.cleaned_data)
        except ValidationError as exc:
            add_errors(round_form, exc)
        else:
            messages.success(request, "Survey round saved.")
            return redirect("campaign:surveys", pk=campaign.pk)
    return render(
        request,
        "campaign/surveys.html",
        {
            "campaign": campaign,
            "round_rows": round_rows,
            "instruments": Instrument.objects.all(),
            "round_form": round_form,
            "instrument_form": instrument_form,
            "can_manage": can_manage(user),
        },
    )


@require_perm(*WRITE_PERMS)
def instrument_create(request: HttpRequest) -> HttpResponse:
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = surveys.instrument_create_standard(actor=actor(request), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                "Survey created from the standard KAP questions. Adapt them before the first response.",
            )
            return redirect("campaign:instrument", pk=instrument.pk)
    return render(request, "campaign/instrument_form.html", {"form": form})


@require_perm(*READ_PERMS)
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = _instrument(request, pk)
    if request.method == "POST" and can_manage(actor(request)) and "new_version" in request.POST:
        copy = surveys.instrument_new_version(actor=actor(request), instrument=instrument)
        messages.success(request, f"Version {copy.version} made. Its questions can be changed.")
        return redirect("campaign:instrument", pk=copy.pk)
    return render(
        request,
        "campaign/instrument_detail.html",
        {
            "instrument": instrument,
            "questions": instrument.questions.all(),
            "frozen": instrument.frozen,
            "can_manage": can_manage(actor(request)),
        },
    )


@require_perm(*WRITE_PERMS)
def question_edit(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    instrument = _instrument(request, pk)
    question = None
    if question_pk is not None:
        question = Question.objects.filter(instrument=instrument, pk=question_pk).first()
        if question is None:
            raise Http404("Not found")
    form = QuestionForm(
        request.POST or None, initial=QuestionForm.initial_from(question) if question else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            surveys.question_save(
                actor=actor(request), instrument=instrument, question=question, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Question saved.")
            return redirect("campaign:instrument", pk=instrument.pk)
    return render(
        request, "campaign/question_form.html", {"form": form, "instrument": instrument, "question": question}
    )


@require_perm(*WRITE_PERMS)
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone form. Sent in the background by offline-forms.js: 204 when saved (or already saved), 400 with
    the messages when the entry has a problem."""
    survey_round = _round(request, pk)
    instrument = survey_round.instrument
    form = ResponseForm(request.POST or None, instrument=instrument, initial={"client_key": uuid.uuid4()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _, created = surveys.response_record(
                    actor=actor(request),
                    survey_round=survey_round,
                    client_key=form.cleaned_data["client_key"],
                    sex=form.cleaned_data["sex"],
                    age_band=form.cleaned_data["age_band"],
                    district=form.cleaned_data["district"],
                    answers=form.answers(),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                if request.headers.get("X-Offline-Form"):
                    return HttpResponse(status=204)
                messages.success(
                    request, "Response saved." if created else "That response was already saved."
                )
                return redirect("campaign:respond", pk=survey_round.pk)
        status = 400
    return render(
        request,
        "campaign/respond.html",
        {
            "survey_round": survey_round,
            "campaign": survey_round.campaign,
            "instrument": instrument,
            "form": form,
            "question_fields": [form[f"q_{q.code}"] for q in form.questions],
            "count": Response.objects.filter(round=survey_round).count(),
        },
        status=status,
    )


@require_perm(*WRITE_PERMS)
def responses_import(request: HttpRequest, pk: int) -> HttpResponse:
    survey_round = _round(request, pk)
    form = ResponsesImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read(5 * 1024 * 1024 + 1)
        if len(content) > 5 * 1024 * 1024:
            form.add_error("file", "The file is larger than 5 MB: export it in parts.")
        else:
            result = surveys.parse_responses(survey_round, actor(request), content)
            try:
                result = surveys.responses_import(
                    actor=actor(request),
                    survey_round=survey_round,
                    content=content,
                    valid_rows_only=form.cleaned_data["valid_rows_only"],
                )
            except ValidationError as exc:
                form.add_error("file" if result.file_error else None, exc.messages)
            else:
                messages.success(
                    request,
                    f"{len(result.valid)} response(s) imported; {result.already} already there"
                    + (f"; {len(result.errors)} problem(s) in rows left out." if result.errors else "."),
                )
                return redirect("campaign:surveys", pk=survey_round.campaign_id)
    return render(
        request,
        "campaign/responses_import.html",
        {
            "survey_round": survey_round,
            "campaign": survey_round.campaign,
            "form": form,
            "result": result,
            "codes": [
                "sex",
                "age_band",
                "district",
                *survey_round.instrument.questions.values_list("code", flat=True),
            ],
        },
    )


@require_perm(*READ_PERMS)
def kap(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for_user(request, pk)
    return render(
        request,
        "campaign/kap.html",
        {"campaign": campaign, **surveys.kap_indicators(actor(request), campaign)},
    )
