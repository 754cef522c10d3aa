"""Consent per purpose, and shares with partner agencies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm

from .. import policy, services
from ..codes import CaseSection
from ..forms import ConsentForm, RevokeForm, ShareForm, WithdrawForm
from ..selectors import Need
from .common import actor, attempt, get_case


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def consent_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.IDENTITY, need=Need.CHANGE, audit_page="consent")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(form, lambda: services.consent_record(actor=actor(request), case=case, **data))
        if done is not None:
            messages.success(request, "Consent recorded.")
            return redirect("cases:consent", case_id=case.pk)
    consents = case.consents.select_related("agency", "recorded_by")
    return render(
        request,
        "cases/consent.html",
        {
            "case": case,
            "form": form,
            "consents": consents,
            "withdraw_form": WithdrawForm(),
            "can_decide": policy.can_decide(actor(request), case),
        },
    )


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["POST"])
def consent_withdraw_view(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.IDENTITY, need=Need.CHANGE)
    consent = get_object_or_404(case.consents, pk=consent_id)
    form = WithdrawForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.consent_withdraw(
                actor=actor(request),
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
                keep_shares_reason=form.cleaned_data["keep_shares_reason"],
            ),
        )
        is not None
    ):
        messages.success(request, "Consent withdrawn.")
    else:
        messages.error(
            request,
            "Give the date the consent was withdrawn. "
            + " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect("cases:consent", case_id=case.pk)


@require_perm(Perm.CASE_REFER)
@require_http_methods(["GET", "POST"])
def share_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(
        request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_REFER, audit_page="shares"
    )
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = attempt(form, lambda: services.case_share_grant(actor=actor(request), case=case, **data))
        except PermissionDenied:
            form.add_error("override_reason", "Only a supervisor may share without the person's consent.")
            done = None
        if done is not None:
            messages.success(request, f"Shared with {data['agency'].name}.")
            return redirect("cases:share", case_id=case.pk)
    shares = case.shares.select_related("agency", "granted_by", "revoked_by").order_by("-granted_at")
    return render(
        request,
        "cases/share.html",
        {"case": case, "form": form, "shares": shares, "revoke_form": RevokeForm()},
    )


@require_perm(Perm.CASE_REFER)
@require_http_methods(["POST"])
def share_revoke_view(request: HttpRequest, case_id: int, share_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_REFER)
    share = get_object_or_404(case.shares, pk=share_id)
    form = RevokeForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.case_share_revoke(
                actor=actor(request), share=share, reason=form.cleaned_data["reason"]
            ),
        )
        is not None
    ):
        messages.success(request, f"{share.agency.name} no longer sees this case.")
    else:
        messages.error(
            request,
            "Give a reason to end the share. "
            + " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect("cases:share", case_id=case.pk)
