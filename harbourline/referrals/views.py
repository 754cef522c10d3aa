"""Pages of the referral mechanism. Every decision is the services' and selectors' (and so the policy's)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import login_only, require_perm
from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.cases.codes import CaseSection
from harbourline.cases.policy import can_answer_referral, can_refer, is_member_of
from harbourline.cases.selectors import Need
from harbourline.cases.services import case_assign, cases_reassign
from harbourline.cases.views.common import actor, attempt, get_case, refusing

from . import notifications, selectors, services
from .actions import ReferralAction
from .forms import (
    AssignForm,
    DirectoryEntryForm,
    MessageForm,
    NotificationSettingsForm,
    OutcomeForm,
    ReasonForm,
    ReassignForm,
    ReferralForm,
    ServiceGivenForm,
    TransferForm,
)
from .models import NotificationSettings, ServiceEntry


@require_perm(Perm.CASE_VIEW)
def inbox_view(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    return render(
        request,
        "referrals/inbox.html",
        {
            "inbox": list(selectors.inbox_for(user)),
            "sent": list(selectors.sent_by(user)),
            "transfers": list(selectors.transfers_for(user)),
        },
    )


@require_perm(Perm.CASE_VIEW)
def referral_detail_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = actor(request)
    referral = refusing(request, lambda: selectors.referral_for_user(user, referral_id))
    audit_read(request, action=ReferralAction.VIEWED, object_type="referral", object_id=referral.pk)
    receiving = is_member_of(user, referral.to_agency_id)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "receiving": receiving,
            "can_answer": receiving and can_answer_referral(user, referral.to_agency_id),
            "can_withdraw": not receiving and referral.active and can_refer(user, referral.case),
            "thread": referral.messages.select_related("author", "author_agency"),
            "given": referral.services_given.all(),
            "services": referral.services.select_related("agency"),
            "reason_form": ReasonForm(),
            "outcome_form": OutcomeForm(),
            "service_form": ServiceGivenForm(),
            "message_form": MessageForm(),
        },
    )


def _act(request: HttpRequest, referral_id: int, form: Any, call: Any, done: str) -> HttpResponse:
    user = actor(request)
    referral = refusing(request, lambda: selectors.referral_for_user(user, referral_id))
    if form.is_valid() and attempt(form, lambda: call(user, referral, form.cleaned_data)) is not None:
        messages.success(request, done)
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(str(e) for e in error))
    if selectors.Referral.objects.filter(selectors.referrals_visible_q(user), pk=referral.pk).exists():
        return redirect("referrals:detail", referral_id=referral.pk)
    return redirect("referrals:inbox")


@require_perm(Perm.CASE_VIEW)
@require_http_methods(["POST"])
def referral_accept_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    form = MessageForm({"text": "-"})
    return _act(
        request, referral_id, form, lambda u, r, d: services.referral_accept(actor=u, referral=r), "Accepted."
    )


@require_perm(Perm.CASE_VIEW)
@require_http_methods(["POST"])
def referral_decline_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(
        request,
        referral_id,
        ReasonForm(request.POST),
        lambda u, r, d: services.referral_decline(actor=u, referral=r, reason=d["reason"]),
        "Declined. Your agency no longer sees the case.",
    )


@require_perm(Perm.CASE_VIEW)
@require_http_methods(["POST"])
def referral_withdraw_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(
        request,
        referral_id,
        ReasonForm(request.POST),
        lambda u, r, d: services.referral_withdraw(actor=u, referral=r, reason=d["reason"]),
        "Withdrawn. The agency no longer sees the case.",
    )


@require_perm(Perm.CASE_VIEW)
@require_http_methods(["POST"])
def referral_service_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(
        request,
        referral_id,
        ServiceGivenForm(request.POST),
        lambda u, r, d: services.referral_service_record(actor=u, referral=r, **d),
        "Service recorded.",
    )


@require_perm(Perm.CASE_VIEW)
@require_http_methods(["POST"])
def referral_complete_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(
        request,
        referral_id,
        OutcomeForm(request.POST),
        lambda u, r, d: services.referral_complete(actor=u, referral=r, outcome=d["outcome"]),
        "Completed. Your agency no longer sees the case.",
    )


@require_perm(Perm.CASE_VIEW)
@require_http_methods(["POST"])
def referral_message_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _act(
        request,
        referral_id,
        MessageForm(request.POST),
        lambda u, r, d: services.referral_message_add(actor=u, referral=r, text=d["text"]),
        "Message sent.",
    )


@require_perm(Perm.CASE_REFER)
@require_http_methods(["GET", "POST"])
def referral_new_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(
        request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_REFER, audit_page="refer"
    )
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = attempt(
                form,
                lambda: services.referral_send(
                    actor=actor(request),
                    case=case,
                    to_agency=data["agency"],
                    services=data["services"],
                    sections=data["sections"] or None,
                    urgency=data["urgency"],
                    plan_item=data["plan_item"],
                    message=data["message"],
                    override_reason=data["override_reason"],
                ),
            )
        except PermissionDenied:
            form.add_error("override_reason", "Only a supervisor may refer without the person's consent.")
            done = None
        if done is not None:
            messages.success(request, f"Referral sent to {data['agency'].name}.")
            return redirect("referrals:detail", referral_id=done.pk)
    return render(
        request,
        "referrals/new.html",
        {"case": case, "form": form, "referrals": selectors.referrals_for_case(actor(request), case)},
    )


# --- transfers and assignment --------------------------------------------------------------------------------


@require_perm(Perm.CASE_REFER)
@require_http_methods(["GET", "POST"])
def transfer_new_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_REFER)
    form = TransferForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = attempt(
                form,
                lambda: services.transfer_request(
                    actor=actor(request),
                    case=case,
                    to_agency=data["agency"],
                    reason=data["reason"],
                    override_reason=data["override_reason"],
                ),
            )
        except PermissionDenied:
            form.add_error("override_reason", "Only a supervisor may transfer without the person's consent.")
            done = None
        if done is not None:
            messages.success(request, f"Transfer offered to {data['agency'].name}.")
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "referrals/transfer_new.html", {"case": case, "form": form})


@require_perm(Perm.CASE_VIEW)
@require_http_methods(["GET", "POST"])
def transfer_view(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = actor(request)
    transfer = refusing(request, lambda: selectors.transfer_for_user(user, transfer_id))
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("answer") == "accept":
            done = attempt(form, lambda: services.transfer_accept(actor=user, transfer=transfer))
            if done is not None:
                messages.success(request, "Your agency now owns the case.")
                return redirect("cases:detail", case_id=transfer.case_id)
        elif form.is_valid():
            done = attempt(
                form,
                lambda: services.transfer_decline(
                    actor=user, transfer=transfer, reason=form.cleaned_data["reason"]
                ),
            )
            if done is not None:
                messages.success(request, "Transfer declined.")
                return redirect("referrals:inbox")
    return render(request, "referrals/transfer.html", {"transfer": transfer, "form": form})


@require_perm(Perm.CASE_APPROVE)
@require_http_methods(["GET", "POST"])
def assign_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_APPROVE)
    form = AssignForm(
        request.POST or None, agency_id=case.owning_agency_id, initial={"worker": case.case_manager}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: case_assign(
                actor=actor(request), case=case, worker=data["worker"], reason=data["reason"]
            ),
        )
        if done is not None:
            if data["worker"] is not None and data["worker"] != actor(request):
                notifications.notify(
                    [data["worker"]],
                    "case_assigned",
                    case_number=case.number,
                    url=f"/cases/{case.pk}/",
                )
            messages.success(request, "Case assigned.")
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "referrals/assign.html", {"case": case, "form": form})


@require_perm(Perm.CASE_APPROVE)
@require_http_methods(["GET", "POST"])
def reassign_view(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = ReassignForm(request.POST or None, agency_id=user.agency_id or 0)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moved = attempt(form, lambda: cases_reassign(actor=user, **data))
        if moved is not None:
            messages.success(request, f"{moved} open cases reassigned.")
            return redirect("referrals:reassign")
    return render(request, "referrals/reassign.html", {"form": form})


# --- the service directory -----------------------------------------------------------------------------------


@require_perm(Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL, Perm.AGENCY_MANAGE)
def directory_view(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    entries = selectors.directory(user)
    return render(
        request,
        "referrals/directory.html",
        {
            "entries": entries,
            "can_keep": services.can_keep_directory(user, user.agency_id),
            "editable": {e.pk for e in entries if services.can_keep_directory(user, e.agency_id)},
        },
    )


@require_perm(Perm.CASE_REFER, Perm.CASE_SERVICE_RECORD, Perm.AGENCY_MANAGE)
@require_http_methods(["GET", "POST"])
def directory_edit_view(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    user = actor(request)
    entry = None
    if entry_id is not None:
        entry = get_object_or_404(ServiceEntry, pk=entry_id, agency_id=user.agency_id or 0)
    initial = {f: getattr(entry, f) for f in services.DIRECTORY_FIELDS} if entry else {"is_active": True}
    if entry is not None:
        initial["languages"] = ", ".join(entry.languages)
    form = DirectoryEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            form, lambda: services.directory_entry_save(actor=user, entry=entry, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, "Directory entry saved.")
            return redirect("referrals:directory")
    return render(request, "referrals/directory_form.html", {"form": form, "entry": entry})


# --- the coordinator's view ----------------------------------------------------------------------------------


@require_perm(Perm.CASE_VIEW_NATIONAL)
def taskforce_view(request: HttpRequest) -> HttpResponse:
    figures = refusing(request, lambda: selectors.taskforce_figures(actor(request)))
    return render(request, "referrals/taskforce.html", {"figures": figures})


# --- notifications -------------------------------------------------------------------------------------------


@login_only
@require_http_methods(["GET", "POST"])
def notifications_view(request: HttpRequest) -> HttpResponse:
    user: User = actor(request)
    prefs = NotificationSettings.objects.filter(user=user).first()
    form = NotificationSettingsForm(request.POST or None, initial={"email": prefs.email if prefs else True})
    if request.method == "POST":
        if "read_all" in request.POST:
            notifications.mark_read(user)
            messages.success(request, "All notices marked read.")
            return redirect("referrals:notifications")
        if form.is_valid():
            services.notification_settings_save(actor=user, email=form.cleaned_data["email"])
            messages.success(request, "Your choice is saved.")
            return redirect("referrals:notifications")
    notices = notifications.notifications_for(user)
    return render(
        request,
        "referrals/notifications.html",
        {"rows": [(n, notifications.kind_label(n.kind)) for n in notices], "form": form},
    )


@login_only
@require_http_methods(["POST"])
def notification_open_view(request: HttpRequest, notification_id: int) -> HttpResponse:
    user: User = actor(request)
    notice = get_object_or_404(notifications.Notification, pk=notification_id, user=user)
    notifications.mark_read(user, notice.pk)
    return redirect(notice.url)
