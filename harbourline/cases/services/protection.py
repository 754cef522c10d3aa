"""Write services for the Act's protections on a case (see ``models/protection.py``).

Each takes the actor first, is checked against ``cases.policy`` (the case section: the owning agency's staff
with the case-editing permission; the review of an identification decision: its supervisors), refuses bad
input with a message and no change, and writes the case's history row with its audit row. Dates of things
that have happened may not be in the future.
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from harbourline.accounts.permissions import Perm
from harbourline.audit.actions import AuditAction
from harbourline.country.selectors import countries

from ..codes import CaseSection, CaseStatus
from ..models import Case, IdentificationDecision
from ..models.protection import (
    DETENTION_TYPES,
    REINTEGRATION_MONTHS,
    Accommodation,
    AccommodationType,
    ChargeStatus,
    ChildProtectionReferral,
    IdentificationReview,
    InformationTopic,
    NonPunishmentDecision,
    NonPunishmentOutcome,
    PersonCharge,
    ReintegrationContact,
    Repatriation,
    RepatriationStatus,
    ReviewOutcome,
    VictimInformation,
)
from .common import guarded, record, require_change, require_owner_with

if TYPE_CHECKING:
    from harbourline.accounts.models import User


class ProtectionAction(AuditAction):
    INFORMATION_RECORDED = "case.s22_information_recorded"
    ACCOMMODATION_RECORDED = "case.accommodation_recorded"
    CHARGE_RECORDED = "case.person_charge_recorded"
    NON_PUNISHMENT_DECIDED = "case.non_punishment_decided"
    REPATRIATION_RECORDED = "case.repatriation_recorded"
    CHILD_PROTECTION_REFERRED = "case.child_protection_referred"
    IDENTIFICATION_REVIEW_RECORDED = "case.identification_review_recorded"
    REINTEGRATION_SCHEDULED = "case.reintegration_scheduled"
    REINTEGRATION_CONTACT_RECORDED = "case.reintegration_contact_recorded"


FUTURE = "This has happened, so the date cannot be in the future."


def _past(errors: dict[str, str], name: str, value: datetime.date | None) -> None:
    if value is not None and value > timezone.localdate():
        errors[name] = FUTURE


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _change(actor: User, case: Case) -> Case:
    """The case section's change rule, on a fresh copy of the case."""
    require_change(actor, case, CaseSection.CASE)
    return Case.objects.select_related("person").get(pk=case.pk)


@guarded
def victim_information_record(
    *,
    actor: User,
    case: Case,
    topics: list[str],
    given_on: datetime.date,
    language: str,
    given_by: str,
    interpreter_used: bool = False,
    notes: str = "",
) -> VictimInformation:
    """s.22: what the victim was told, when, in which language and by whom."""
    case = _change(actor, case)
    errors: dict[str, str] = {}
    chosen = [t for t in InformationTopic.values if t in set(topics or [])]
    if not chosen:
        errors["topics"] = "Choose what the person was told."
    if not language.strip():
        errors["language"] = "Name the language the person was told in."
    if not given_by.strip():
        errors["given_by"] = "Name who told the person."
    _past(errors, "given_on", given_on)
    _raise(errors)
    info = VictimInformation.objects.create(
        case=case,
        topics=chosen,
        given_on=given_on,
        language=language.strip(),
        given_by=given_by.strip(),
        interpreter_used=interpreter_used,
        notes=notes,
        recorded_by=actor,
    )
    record(actor, case, ProtectionAction.INFORMATION_RECORDED, "s22_information", topics=chosen)  # type: ignore[arg-type]
    return info


@guarded
def accommodation_record(
    *,
    actor: User,
    case: Case,
    kind: str,
    from_date: datetime.date,
    voluntary: bool,
    place: str = "",
    until_date: datetime.date | None = None,
    contact_allowed: bool = True,
    contact_limits: str = "",
    exigent_circumstances: str = "",
) -> Accommodation:
    """Where the person stays. Detention needs recorded exigent circumstances (s.24(6)); a limit on contact
    and visits needs its reason (s.24(5))."""
    case = _change(actor, case)
    errors: dict[str, str] = {}
    if kind not in AccommodationType.values:
        errors["kind"] = "Choose where the person stays."
    elif kind in DETENTION_TYPES and not exigent_circumstances.strip():
        errors["exigent_circumstances"] = (
            "A victim may not be housed in a prison or detention facility (Counter-Trafficking Act s.24(6)) "
            "unless there are exigent circumstances: describe them, or choose another place."
        )
    if not contact_allowed and not contact_limits.strip():
        errors["contact_limits"] = (
            "Family, friends and attorneys may contact and visit the person (s.24(5)): say why this is limited."
        )
    _past(errors, "from_date", from_date)
    _past(errors, "until_date", until_date)
    if until_date and from_date and until_date < from_date:
        errors["until_date"] = "The end date is before the start date."
    _raise(errors)
    stay = Accommodation.objects.create(
        case=case,
        kind=kind,
        place=place.strip(),
        from_date=from_date,
        until_date=until_date,
        voluntary=voluntary,
        contact_allowed=contact_allowed,
        contact_limits=contact_limits,
        exigent_circumstances=exigent_circumstances if kind in DETENTION_TYPES else "",
        recorded_by=actor,
    )
    record(
        actor,
        case,
        ProtectionAction.ACCOMMODATION_RECORDED,  # type: ignore[arg-type]
        "accommodation",
        accommodation=kind,
        voluntary=voluntary,
        contact_allowed=contact_allowed,
    )
    return stay


@guarded
def person_charge_record(
    *,
    actor: User,
    case: Case,
    offence: str = "",
    consequence_of_trafficking: bool | None = None,
    charged_on: datetime.date | None = None,
    status: str = ChargeStatus.OPEN,
    charge: PersonCharge | None = None,
) -> PersonCharge:
    """Record a charge against the case's person, or (with ``charge``) change its status."""
    case = _change(actor, case)
    errors: dict[str, str] = {}
    if status not in ChargeStatus.values:
        errors["status"] = "Choose the status of the charge."
    if charge is None:
        if not offence.strip():
            errors["offence"] = "Name the offence charged."
        if consequence_of_trafficking is None:
            errors["consequence_of_trafficking"] = (
                "Say whether the act was a consequence of being trafficked."
            )
        _past(errors, "charged_on", charged_on)
        _raise(errors)
        charge = PersonCharge.objects.create(
            case=case,
            offence=offence.strip(),
            charged_on=charged_on,
            status=status,
            consequence_of_trafficking=bool(consequence_of_trafficking),
            recorded_by=actor,
        )
    else:
        if charge.case_id != case.pk:
            raise ValidationError("This charge belongs to another case.")
        _raise(errors)
        charge.status = status
        charge.save(update_fields=["status", "updated_at"])
    record(
        actor,
        case,
        ProtectionAction.CHARGE_RECORDED,  # type: ignore[arg-type]
        "person_charge",
        status=charge.status,
        consequence=charge.consequence_of_trafficking,
    )
    return charge


@guarded
def non_punishment_decide(
    *,
    actor: User,
    case: Case,
    outcome: str,
    decided_on: datetime.date,
    decided_by: str,
    reasons: str,
    charge: PersonCharge | None = None,
) -> NonPunishmentDecision:
    """The decision on non-punishment, with its reasons (optionally about one charge)."""
    case = _change(actor, case)
    errors: dict[str, str] = {}
    if outcome not in NonPunishmentOutcome.values:
        errors["outcome"] = "Choose the decision."
    if not decided_by.strip():
        errors["decided_by"] = "Name who decided."
    if not reasons.strip():
        errors["reasons"] = "Give the reasons for the decision."
    if charge is not None and charge.case_id != case.pk:
        errors["charge"] = "This charge belongs to another case."
    _past(errors, "decided_on", decided_on)
    _raise(errors)
    decision = NonPunishmentDecision.objects.create(
        case=case,
        charge=charge,
        outcome=outcome,
        decided_on=decided_on,
        decided_by=decided_by.strip(),
        reasons=reasons,
        recorded_by=actor,
    )
    record(
        actor,
        case,
        ProtectionAction.NON_PUNISHMENT_DECIDED,  # type: ignore[arg-type]
        "non_punishment",
        reason=reasons,
        outcome=outcome,
    )
    return decision


@guarded
def repatriation_record(
    *,
    actor: User,
    case: Case,
    country: str,
    status: str,
    receiving_organisation: str,
    risk_level: str,
    risk_assessment: str,
    planned_on: datetime.date | None = None,
    returned_on: datetime.date | None = None,
    follow_up: str = "",
) -> Repatriation:
    """A return to the country of citizenship or lawful residence, with its risk assessment and follow-up."""
    case = _change(actor, case)
    errors: dict[str, str] = {}
    if country not in countries():
        errors["country"] = "Choose the country of return."
    if status not in RepatriationStatus.values:
        errors["status"] = "Choose the status of the return."
    if not receiving_organisation.strip():
        errors["receiving_organisation"] = "Name the organisation receiving the person."
    if risk_level not in {"low", "medium", "high"}:
        errors["risk_level"] = "Choose the risk level of the return."
    if not risk_assessment.strip():
        errors["risk_assessment"] = "Describe the risks of return and how they are met."
    if status == RepatriationStatus.COMPLETED and returned_on is None:
        errors["returned_on"] = "Give the date of return."
    _past(errors, "returned_on", returned_on)
    _raise(errors)
    repatriation = Repatriation.objects.create(
        case=case,
        country=country,
        status=status,
        planned_on=planned_on,
        returned_on=returned_on,
        receiving_organisation=receiving_organisation.strip(),
        risk_level=risk_level,
        risk_assessment=risk_assessment,
        follow_up=follow_up,
        recorded_by=actor,
    )
    record(
        actor,
        case,
        ProtectionAction.REPATRIATION_RECORDED,  # type: ignore[arg-type]
        "repatriation",
        country=country,
        status=status,
    )
    return repatriation


@guarded
def child_protection_refer(
    *, actor: User, case: Case, referred_on: datetime.date, authority: str = "", reference: str = ""
) -> ChildProtectionReferral:
    """A child victim's referral to the child-protection authority."""
    case = _change(actor, case)
    errors: dict[str, str] = {}
    _past(errors, "referred_on", referred_on)
    _raise(errors)
    referral = ChildProtectionReferral(
        case=case, referred_on=referred_on, reference=reference, recorded_by=actor
    )
    if authority.strip():
        referral.authority = authority.strip()
    referral.save()
    record(actor, case, ProtectionAction.CHILD_PROTECTION_REFERRED, "child_protection_referral")  # type: ignore[arg-type]
    return referral


@guarded
def identification_review_record(
    *,
    actor: User,
    decision: IdentificationDecision,
    lodged_on: datetime.date | None = None,
    lodged_by: str = "",
    outcome: str = ReviewOutcome.PENDING,
    decided_on: datetime.date | None = None,
    reasons: str = "",
    review: IdentificationReview | None = None,
) -> IdentificationReview:
    """An appeal or review of a negative identification decision: lodged, then decided (supervisors)."""
    case = decision.case
    require_owner_with(actor, case, Perm.CASE_APPROVE, "Only a supervisor records a review of the decision.")
    errors: dict[str, str] = {}
    if decision.identified:
        raise ValidationError("Only a negative decision (not identified) is reviewed here.")
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = "Choose the outcome of the review."
    if outcome != ReviewOutcome.PENDING:
        if decided_on is None:
            errors["decided_on"] = "Give the date of the review decision."
        if not reasons.strip():
            errors["reasons"] = "Give the reasons of the review decision."
    if review is None:
        if lodged_on is None:
            errors["lodged_on"] = "Give the date the review was asked for."
        if not lodged_by.strip():
            errors["lodged_by"] = "Name who asked for the review."
    elif review.decision_id != decision.pk:
        raise ValidationError("This review belongs to another decision.")
    _past(errors, "lodged_on", lodged_on)
    _past(errors, "decided_on", decided_on)
    start = lodged_on or (review.lodged_on if review else None)
    if decided_on and start and decided_on < start:
        errors["decided_on"] = "The review was decided before it was lodged."
    _raise(errors)
    if review is None:
        assert lodged_on is not None
        review = IdentificationReview(decision=decision, lodged_on=lodged_on, lodged_by=lodged_by.strip())
    review.outcome, review.decided_on, review.reasons, review.recorded_by = (
        outcome,
        decided_on,
        reasons,
        actor,
    )
    review.save()
    record(
        actor,
        case,
        ProtectionAction.IDENTIFICATION_REVIEW_RECORDED,  # type: ignore[arg-type]
        "identification_review",
        reason=reasons,
        outcome=outcome,
    )
    return review


def is_child_case(case: Case) -> bool:
    """A child is involved: flagged on the case, or the person is a minor."""
    return bool(case.child_involved) or bool(getattr(case.person, "is_minor", False))


def before_assistance_child_referral_missing(case: Case) -> bool:
    """A child case may not move past identification (into assistance) without its child-protection
    referral on record."""
    return is_child_case(case) and not ChildProtectionReferral.objects.filter(case=case).exists()


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reintegration_schedule(
    actor: User | None, case: Case, closed_on: datetime.date
) -> list[ReintegrationContact]:
    """The follow-up contacts after closure (1, 3, 6 and 12 months). Called inside ``case_close``, whose
    policy check and transaction cover it; not for a case closed as 'not a victim' or 'deceased'."""
    if case.closure_reason in {"not_a_victim", "deceased"} or case.status != CaseStatus.CLOSED:
        return []
    made = [
        ReintegrationContact.objects.get_or_create(
            case=case, months_after=months, due_on=_add_months(closed_on, months)
        )[0]
        for months in REINTEGRATION_MONTHS
    ]
    record(
        actor,
        case,
        ProtectionAction.REINTEGRATION_SCHEDULED,  # type: ignore[arg-type]
        "reintegration_scheduled",
        months=list(REINTEGRATION_MONTHS),
    )
    return made


@guarded
def reintegration_contact_record(
    *, actor: User, contact: ReintegrationContact, done_on: datetime.date, outcome: str
) -> ReintegrationContact:
    """A follow-up contact made. The case is closed, so this is the one change the case section takes then."""
    case = _change(actor, contact.case)
    errors: dict[str, str] = {}
    if not outcome.strip():
        errors["outcome"] = "Say how the person is doing."
    _past(errors, "done_on", done_on)
    _raise(errors)
    contact.done_on, contact.outcome, contact.done_by = done_on, outcome, actor
    contact.save(update_fields=["done_on", "outcome", "done_by"])
    record(
        actor,
        case,
        ProtectionAction.REINTEGRATION_CONTACT_RECORDED,  # type: ignore[arg-type]
        "reintegration_contact",
        months_after=contact.months_after,
    )
    return contact


def protection_purge(case: Case) -> None:
    """Clear the free text of the Act's records at the end of retention (inside ``case_purge``); the coded
    values and dates stay for the statistics."""
    VictimInformation.objects.filter(case=case).update(notes="", given_by="")
    Accommodation.objects.filter(case=case).update(place="", contact_limits="", exigent_circumstances="")
    NonPunishmentDecision.objects.filter(case=case).update(reasons="")
    Repatriation.objects.filter(case=case).update(risk_assessment="", follow_up="")
    ChildProtectionReferral.objects.filter(case=case).update(reference="")
    IdentificationReview.objects.filter(decision__case=case).update(reasons="", lodged_by="")
    ReintegrationContact.objects.filter(case=case).update(outcome="")
