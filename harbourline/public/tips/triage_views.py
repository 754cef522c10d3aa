"""Triage of tips by hotline staff: the queue, a tip, status, urgency, duplicates, messages, conversion."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.cases.views.common import attempt

from . import secrets as tip_secrets
from . import services
from .actions import TipAction
from .forms import CallForm, ConvertForm, DuplicateForm, MessageForm, StatusForm, UrgentForm
from .models import Tip, TipStatus
from .selectors import tip_get, tip_queue, tips_per_week


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@require_perm(Perm.TIP_TRIAGE)
def queue_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in TipStatus.values else ""
    page = Paginator(tip_queue(status=status), 50).get_page(request.GET.get("page"))
    return render(request, "tips/queue.html", {"page": page, "status": status, "statuses": TipStatus.choices})


def _detail_context(tip: Tip) -> dict[str, object]:
    return {
        "tip": tip,
        "status_form": StatusForm(),
        "urgent_form": UrgentForm(initial={"urgent": not tip.urgent}),
        "message_form": MessageForm(),
        "duplicate_form": DuplicateForm(),
        "convert_form": ConvertForm(),
        "events": tip.events.select_related("actor"),
        "messages_list": tip.messages.select_related("author"),
    }


@require_perm(Perm.TIP_TRIAGE)
def tip_detail_view(request: HttpRequest, tip_id: int) -> HttpResponse:
    tip = tip_get(tip_id)
    audit_read(request, action=TipAction.TIP_VIEWED, object_type="tip", object_id=tip.pk)
    if tip.status == TipStatus.NEW:
        services.tip_set_status(
            actor=_actor(request), tip=tip, status=TipStatus.UNDER_REVIEW, reason="Opened by triage"
        )
        tip.refresh_from_db()
    return render(request, "tips/detail.html", _detail_context(tip))


def _rerender(request: HttpRequest, tip: Tip, **forms: object) -> HttpResponse:
    return render(request, "tips/detail.html", {**_detail_context(tip), **forms})


@require_perm(Perm.TIP_TRIAGE)
@require_POST
def tip_status_view(request: HttpRequest, tip_id: int) -> HttpResponse:
    tip = tip_get(tip_id)
    form = StatusForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form, lambda: services.tip_set_status(actor=_actor(request), tip=tip, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, "Status changed.")
        return redirect("triage:tip", tip_id=tip.pk)
    return _rerender(request, tip, status_form=form)


@require_perm(Perm.TIP_TRIAGE)
@require_POST
def tip_urgent_view(request: HttpRequest, tip_id: int) -> HttpResponse:
    tip = tip_get(tip_id)
    form = UrgentForm(request.POST)
    if form.is_valid():
        services.tip_set_urgent(
            actor=_actor(request),
            tip=tip,
            urgent=form.cleaned_data["urgent"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Marked urgent." if form.cleaned_data["urgent"] else "No longer urgent.")
        return redirect("triage:tip", tip_id=tip.pk)
    return _rerender(request, tip, urgent_form=form)


@require_perm(Perm.TIP_TRIAGE)
@require_POST
def tip_duplicate_view(request: HttpRequest, tip_id: int) -> HttpResponse:
    tip = tip_get(tip_id)
    form = DuplicateForm(request.POST)
    if form.is_valid():
        original = Tip.objects.filter(
            reference=tip_secrets.normalise_reference(form.cleaned_data["reference"])
        ).first()
        if original is None:
            form.add_error("reference", "No tip has that receipt code.")
        elif attempt(
            form, lambda: services.tip_link_duplicate(actor=_actor(request), tip=tip, original=original)
        ):
            messages.success(request, f"Linked as a duplicate of {original.reference} and closed.")
            return redirect("triage:tip", tip_id=tip.pk)
    return _rerender(request, tip, duplicate_form=form)


@require_perm(Perm.TIP_TRIAGE)
@require_POST
def tip_message_view(request: HttpRequest, tip_id: int) -> HttpResponse:
    tip = tip_get(tip_id)
    form = MessageForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.tip_message_reporter(
                actor=_actor(request), tip=tip, text=form.cleaned_data["text"]
            ),
        )
        is not None
    ):
        messages.success(request, "Message sent. The reporter sees it with their receipt code.")
        return redirect("triage:tip", tip_id=tip.pk)
    return _rerender(request, tip, message_form=form)


@require_perm(Perm.TIP_TRIAGE)
@require_POST
def tip_convert_view(request: HttpRequest, tip_id: int) -> HttpResponse:
    tip = tip_get(tip_id)
    form = ConvertForm(request.POST)
    if form.is_valid():
        case = attempt(
            form,
            lambda: services.tip_convert_to_case(
                actor=_actor(request),
                tip=tip,
                owning_agency=form.cleaned_data["owning_agency"],
                share_with=list(form.cleaned_data["share_with"]),
            ),
        )
        if case is not None:
            messages.success(request, f"Case intake {case.number} created for {case.owning_agency.name}.")
            return redirect("triage:tip", tip_id=tip.pk)
    return _rerender(request, tip, convert_form=form)


@require_perm(Perm.TIP_TRIAGE)
@require_http_methods(["GET", "POST"])
def record_call_view(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        receipt = attempt(form, lambda: services.tip_record_call(actor=_actor(request), **form.tip_fields()))
        if receipt is not None:
            messages.success(
                request,
                f"Call recorded as tip {receipt.reference}. Give the caller this code and "
                f"the passphrase {receipt.passphrase} if they want to follow it up.",
            )
            return redirect("triage:tip", tip_id=receipt.tip.pk)
    return render(request, "tips/record_call.html", {"form": form})


@require_perm(Perm.TIP_TRIAGE, Perm.CAMPAIGN_MANAGE)
def stats_view(request: HttpRequest) -> HttpResponse:
    figures = tips_per_week()
    peak = max([web + call for _, web, call in figures["weeks"]] or [1])
    return render(request, "tips/stats.html", {**figures, "peak": peak})
