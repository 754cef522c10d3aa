"""Pages for the Act's protections on a case: one overview page and a form per kind of record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.permissions import Perm
from harbourline.country.selectors import country_name

from .. import policy, services
from ..codes import CaseSection
from ..forms_protection import (
    AccommodationForm,
    ChargeStatusForm,
    ChildProtectionReferralForm,
    IdentificationReviewForm,
    NonPunishmentForm,
    PersonChargeForm,
    ReintegrationContactForm,
    RepatriationForm,
    ReviewDecisionForm,
    VictimInformationForm,
)
from ..models import Case
from ..selectors import Need
from ..selectors_protection import protection_overview
from .common import actor, attempt, get_case

VIEW = (Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)


@require_perm(*VIEW)
def protection_page_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, audit_page="act_protections")
    user = actor(request)
    return render(
        request,
        "cases/protection/page.html",
        {
            "case": case,
            "p": protection_overview(user, case),
            "can_edit": policy.can_change(user, case, CaseSection.CASE),
            "can_decide": policy.can_decide(user, case),
            "country_name": country_name,
        },
    )


@dataclass(frozen=True)
class Record:
    title: str
    form: type[forms.Form]
    service: Callable[..., Any]
    done: str


RECORDS: dict[str, Record] = {
    "information": Record(
        "Information given to the person (s.22)",
        VictimInformationForm,
        services.victim_information_record,
        "Information recorded.",
    ),
    "accommodation": Record(
        "Where the person stays (s.24)",
        AccommodationForm,
        services.accommodation_record,
        "Accommodation recorded.",
    ),
    "charge": Record(
        "A charge against the person", PersonChargeForm, services.person_charge_record, "Charge recorded."
    ),
    "non-punishment": Record(
        "Non-punishment decision", NonPunishmentForm, services.non_punishment_decide, "Decision recorded."
    ),
    "repatriation": Record(
        "Repatriation", RepatriationForm, services.repatriation_record, "Repatriation recorded."
    ),
    "child-protection": Record(
        "Referral to the child-protection authority",
        ChildProtectionReferralForm,
        services.child_protection_refer,
        "Referral recorded.",
    ),
}


def _form(spec: Record, case: Case, data: Any = None) -> forms.Form:
    initial = {name: timezone.localdate() for name in ("given_on", "from_date", "decided_on", "referred_on")}
    if spec.form is NonPunishmentForm:
        return NonPunishmentForm(data, case=case, initial=initial)
    return spec.form(data, initial=initial)


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def protection_record_view(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    spec = RECORDS.get(kind)
    if spec is None:
        raise Http404("No such record.")
    case = get_case(request, case_id, CaseSection.CASE, need=Need.CHANGE)
    form = _form(spec, case, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(form, lambda: spec.service(actor=actor(request), case=case, **form.cleaned_data))
    ):
        messages.success(request, spec.done)
        return redirect("cases:act_protections", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case, "title": spec.title})


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def charge_status_view(request: HttpRequest, case_id: int, charge_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.CHANGE)
    charge = case.person_charges.filter(pk=charge_id).first()
    if charge is None:
        raise Http404("No such charge.")
    form = ChargeStatusForm(request.POST or None, initial={"status": charge.status})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.person_charge_record(
                actor=actor(request), case=case, charge=charge, status=form.cleaned_data["status"]
            ),
        )
    ):
        messages.success(request, "Charge updated.")
        return redirect("cases:act_protections", case_id=case.pk)
    title = f"Charge: {charge.offence}"
    return render(request, "cases/case_form.html", {"form": form, "case": case, "title": title})


@require_perm(Perm.CASE_APPROVE)
@require_http_methods(["GET", "POST"])
def identification_review_view(
    request: HttpRequest, case_id: int, decision_id: int, review_id: int | None = None
) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.OWNER, perm=Perm.CASE_APPROVE)
    decision = case.decisions.filter(pk=decision_id, identified=False).first()
    review = decision.reviews.filter(pk=review_id).first() if decision and review_id else None
    if decision is None or (review_id and review is None):
        raise Http404("No such decision.")
    form: forms.Form
    if review is None:
        form = IdentificationReviewForm(request.POST or None, initial={"lodged_on": timezone.localdate()})
    else:
        initial = {"outcome": review.outcome, "decided_on": review.decided_on, "reasons": review.reasons}
        form = ReviewDecisionForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.identification_review_record(
                actor=actor(request), decision=decision, review=review, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, "Review recorded.")
        return redirect("cases:act_protections", case_id=case.pk)
    title = "Review of the negative identification decision"
    return render(request, "cases/case_form.html", {"form": form, "case": case, "title": title})


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def reintegration_contact_view(request: HttpRequest, case_id: int, contact_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.CHANGE)
    contact = case.reintegration_contacts.filter(pk=contact_id, done_on__isnull=True).first()
    if contact is None:
        raise Http404("No such follow-up contact.")
    form = ReintegrationContactForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.reintegration_contact_record(
                actor=actor(request), contact=contact, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, "Follow-up contact recorded.")
        return redirect("cases:act_protections", case_id=case.pk)
    title = f"Follow-up contact, {contact.months_after} months after closure"
    return render(request, "cases/case_form.html", {"form": form, "case": case, "title": title})
