"""Every write of the referral mechanism. Atomic, actor first, audited; who may is asked of
``harbourline.cases.policy``. A referral is a share of case sections (basis *referral*, or *override* when a
supervisor sent it without consent); ending the referral ends the share at once, and ending the share (consent
withdrawn, the share revoked) ends the referral."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from harbourline.accounts.models import Agency, User
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record
from harbourline.cases.actions import CaseAction
from harbourline.cases.codes import CaseSection, ConsentPurpose, ShareBasis
from harbourline.cases.models import Case, CaseShare, PlanItem
from harbourline.cases.models.care import ServiceCategory
from harbourline.cases.policy import (
    ROLE_CANNOT,
    CaseNotFound,
    Refused,
    acts_for_agency,
    can_accept_transfer,
    can_answer_referral,
    can_override_consent,
    is_member_of,
    is_owning_agency,
    section_codes,
)
from harbourline.cases.services import plan_item_save
from harbourline.cases.services.common import guarded, record, require_owner_with
from harbourline.cases.services.ownership import ownership_move_without_checks
from harbourline.cases.services.sharing import consent_allows, end_share_without_checks, grant_without_checks

from .actions import ReferralAction
from .deadlines import add_working_days, default_sections, public_holidays, response_due
from .models import (
    ACTIVE_STATUSES,
    NotificationSettings,
    Referral,
    ReferralMessage,
    ReferralStatus,
    ServiceEntry,
    ServiceGiven,
    Transfer,
    TransferStatus,
    Urgency,
)
from .notifications import agency_staff, coordinators, notify

# Working days after the deadline when an unanswered referral expires (its share ends).
EXPIRY_WORKING_DAYS = 5
ANSWERING = (Perm.CASE_SERVICE_RECORD,)


def _url(referral: Referral) -> str:
    return reverse("referrals:detail", args=[referral.pk])


def _audit(actor: User | None, action: ReferralAction, referral: Referral, **details: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="referral",
        object_id=referral.pk,
        details={"case": referral.case_id, "status": referral.status, **details},
    )


def _not_found(referral: Referral) -> CaseNotFound:
    refusal = CaseNotFound(referral.pk)
    refusal.object_type = "referral"
    return refusal


# --- the service directory ----------------------------------------------------------------------------------


def can_keep_directory(user: User, agency_id: int | None) -> bool:
    """An agency keeps its own entries: its staff who refer or give services."""
    return acts_for_agency(user, agency_id, Perm.CASE_REFER, Perm.CASE_SERVICE_RECORD, Perm.AGENCY_MANAGE)


DIRECTORY_FIELDS = (
    "category",
    "name",
    "description",
    "districts",
    "languages",
    "hours",
    "phone",
    "email",
    "capacity_total",
    "capacity_free",
    "is_public",
    "is_active",
)


@guarded
def directory_entry_save(*, actor: User, entry: ServiceEntry | None = None, **fields: Any) -> ServiceEntry:
    unknown = set(fields) - set(DIRECTORY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown directory fields: {sorted(unknown)}")
    if entry is None:
        if actor.agency_id is None or not can_keep_directory(actor, actor.agency_id):
            raise Refused(ROLE_CANNOT, object_type="directory")
        entry = ServiceEntry(agency_id=actor.agency_id)
    else:
        entry = ServiceEntry.objects.select_for_update().get(pk=entry.pk)
        if not can_keep_directory(actor, entry.agency_id):
            raise Refused("Each agency keeps its own entries.", object_type="directory", case_id=entry.pk)
    for name, value in fields.items():
        setattr(entry, name, value)
    if (
        entry.capacity_free is not None
        and entry.capacity_total is not None
        and entry.capacity_free > entry.capacity_total
    ):
        raise ValidationError({"capacity_free": "More places free than the service has."})
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        action=ReferralAction.DIRECTORY_SAVED,
        object_type="directory",
        object_id=entry.pk,
        details={"agency": entry.agency_id, "fields": sorted(fields)},
    )
    return entry


# --- referrals: the sender ----------------------------------------------------------------------------------


@guarded
def referral_send(
    *,
    actor: User,
    case: Case,
    to_agency: Agency,
    services: Iterable[ServiceEntry],
    sections: Iterable[str] | None = None,
    message: str = "",
    urgency: str = Urgency.ROUTINE,
    plan_item: PlanItem | None = None,
    override_reason: str = "",
) -> Referral:
    """Refer the person to ``to_agency`` for ``services``. The chosen sections travel (the minimum for the
    services when none are chosen). Without the person's consent to share with that agency only a supervisor
    may send it, with a reason."""
    require_owner_with(actor, case, Perm.CASE_REFER)
    if is_owning_agency(case, to_agency.pk):
        raise ValidationError({"to_agency": "The case already belongs to this agency."})
    chosen_services = list(services)
    if not chosen_services:
        raise ValidationError({"services": "Choose at least one service."})
    if any(s.agency_id != to_agency.pk or not s.is_active for s in chosen_services):
        raise ValidationError({"services": "Choose services the agency offers now."})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": "Choose urgent or routine."})
    categories = sorted({s.category for s in chosen_services})
    wanted = set(sections) if sections is not None else set(default_sections(categories))
    if plan_item is not None:
        if plan_item.case_id != case.pk:
            raise ValidationError({"plan_item": "This item is not in the case plan."})
        wanted.add(CaseSection.PLAN)
    if wanted - section_codes():
        raise ValidationError({"sections": "Choose sections of the case."})
    if not wanted:
        raise ValidationError({"sections": "Choose at least one section to share."})
    override = override_reason.strip()
    with_consent = consent_allows(case, ConsentPurpose.SHARING, to_agency)
    if not with_consent:
        if not override:
            raise ValidationError(
                {
                    "override_reason": "The person has not consented to sharing with this agency. Record their "
                    "consent first, or (supervisor) give the reason to refer without it."
                }
            )
        if not can_override_consent(actor, case):
            raise Refused("Only a supervisor may refer without the person's consent.", case_id=case.pk)
    share = grant_without_checks(
        actor=actor,
        case=case,
        agency=to_agency,
        sections=wanted,
        reason="Referral for " + ", ".join(ServiceCategory(c).label for c in categories),
        override_reason="" if with_consent else override,
        basis=ShareBasis.REFERRAL if with_consent else ShareBasis.OVERRIDE,
    )
    now = timezone.now()
    referral = Referral.objects.create(
        case=case,
        from_agency_id=case.owning_agency_id,
        to_agency=to_agency,
        categories=categories,
        sections=sorted(wanted),
        share=share,
        plan_item=plan_item,
        urgency=urgency,
        message=message,
        consent_override_reason="" if with_consent else override,
        sent_by=actor,
        sent_at=now,
        due_at=response_due(now, categories, urgency),
    )
    referral.services.set(chosen_services)
    if plan_item is not None:
        plan_item_save(
            actor=actor,
            case=case,
            item=plan_item,
            version=plan_item.version,
            provider=to_agency,
            status="requested",
        )
    record(
        actor, case, CaseAction.SHARE_GRANTED, "referral_sent", section=CaseSection.CASE, referral=referral.pk
    )
    _audit(
        actor,
        ReferralAction.SENT if with_consent else ReferralAction.SENT_WITHOUT_CONSENT,
        referral,
        to_agency=to_agency.pk,
        sections=sorted(wanted),
        categories=categories,
    )
    notify(
        agency_staff(to_agency.pk, *ANSWERING),
        "referral_received",
        case_number=case.number,
        url=_url(referral),
    )
    return referral


def _sender_lock(actor: User, referral: Referral) -> Referral:
    """The referral, locked, for its sending agency (which must still own the case)."""
    locked = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    require_owner_with(actor, locked.case, Perm.CASE_REFER)
    if not acts_for_agency(actor, locked.from_agency_id, Perm.CASE_REFER):
        raise _not_found(locked)
    return locked


def _end(actor: User | None, referral: Referral, status: str, reason: str) -> Referral:
    """Set the final status and end the share at once."""
    referral.status, referral.ended_at, referral.end_reason = status, timezone.now(), reason[:200]
    referral.version += 1
    referral.save(update_fields=["status", "ended_at", "end_reason", "version"])
    if referral.share is not None:
        end_share_without_checks(actor, referral.share, f"Referral {referral.get_status_display().lower()}.")
    return referral


@guarded
def referral_withdraw(*, actor: User, referral: Referral, reason: str) -> Referral:
    locked = _sender_lock(actor, referral)
    if not locked.active:
        raise ValidationError("This referral has already ended.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is withdrawn."})
    _end(actor, locked, ReferralStatus.WITHDRAWN, reason)
    _audit(actor, ReferralAction.WITHDRAWN, locked)
    notify(
        agency_staff(locked.to_agency_id, *ANSWERING),
        "referral_withdrawn",
        case_number=locked.case.number,
        url=reverse("referrals:inbox"),
    )
    return locked


# --- referrals: the receiver --------------------------------------------------------------------------------


def _receiver_lock(actor: User, referral: Referral) -> Referral:
    """The referral, locked, for the receiving agency while it is active (404 otherwise: access has ended)."""
    locked = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    if not acts_for_agency(actor, locked.to_agency_id, Perm.CASE_VIEW) or not locked.active:
        raise _not_found(locked)
    if not can_answer_referral(actor, locked.to_agency_id):
        raise Refused(ROLE_CANNOT, object_type="referral", case_id=locked.pk)
    return locked


def _tell_sender(referral: Referral, kind: str) -> None:
    notify(
        agency_staff(referral.from_agency_id, Perm.CASE_REFER),
        kind,
        case_number=referral.case.number,
        url=_url(referral),
    )


@guarded
def referral_accept(*, actor: User, referral: Referral) -> Referral:
    locked = _receiver_lock(actor, referral)
    if locked.status != ReferralStatus.SENT:
        raise ValidationError("Only a referral awaiting an answer can be accepted.")
    locked.status, locked.answered_at, locked.answered_by = ReferralStatus.ACCEPTED, timezone.now(), actor
    locked.version += 1
    locked.save(update_fields=["status", "answered_at", "answered_by", "version"])
    _audit(actor, ReferralAction.ACCEPTED, locked)
    _tell_sender(locked, "referral_accepted")
    return locked


@guarded
def referral_decline(*, actor: User, referral: Referral, reason: str) -> Referral:
    locked = _receiver_lock(actor, referral)
    if locked.status not in (ReferralStatus.SENT, ReferralStatus.ACCEPTED):
        raise ValidationError("A referral whose services have started cannot be declined: complete it.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why your agency declines."})
    locked.answered_at, locked.answered_by, locked.decline_reason = timezone.now(), actor, reason
    locked.save(update_fields=["answered_at", "answered_by", "decline_reason"])
    _end(actor, locked, ReferralStatus.DECLINED, "Declined by the receiving agency.")
    _audit(actor, ReferralAction.DECLINED, locked)
    _tell_sender(locked, "referral_declined")
    return locked


@guarded
def referral_service_record(
    *, actor: User, referral: Referral, category: str, given_on: datetime.date, description: str = ""
) -> ServiceGiven:
    locked = _receiver_lock(actor, referral)
    if locked.status not in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS):
        raise ValidationError("Accept the referral before recording services.")
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": "The date is in the future."})
    given = ServiceGiven(
        referral=locked, category=category, given_on=given_on, description=description, recorded_by=actor
    )
    given.full_clean()
    given.save()
    if locked.status == ReferralStatus.ACCEPTED:
        locked.status = ReferralStatus.IN_PROGRESS
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        item = locked.plan_item
        if item is not None and item.status in ("planned", "requested"):
            plan_item_save(
                actor=actor,
                case=locked.case,
                item=item,
                version=item.version,
                status="in_progress",
                actual_start=given_on,
            )
    _audit(actor, ReferralAction.SERVICE_RECORDED, locked, category=category)
    return given


@guarded
def referral_complete(*, actor: User, referral: Referral, outcome: str) -> Referral:
    """The services are given: the plan item the referral came from is delivered, and the share ends."""
    locked = _receiver_lock(actor, referral)
    if locked.status not in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS):
        raise ValidationError("Accept the referral before completing it.")
    if not outcome.strip():
        raise ValidationError({"outcome": "Say what the outcome was."})
    item = locked.plan_item
    if item is not None and item.status not in ("delivered", "cancelled", "declined"):
        item.refresh_from_db()
        plan_item_save(
            actor=actor,
            case=locked.case,
            item=item,
            version=item.version,
            status="delivered",
            actual_start=item.actual_start or timezone.localdate(),
            actual_end=timezone.localdate(),
            outcome=outcome,
        )
    locked.outcome = outcome
    locked.save(update_fields=["outcome"])
    _end(actor, locked, ReferralStatus.COMPLETED, "Completed by the receiving agency.")
    _audit(actor, ReferralAction.COMPLETED, locked)
    _tell_sender(locked, "referral_completed")
    return locked


@guarded
def referral_message_add(*, actor: User, referral: Referral, text: str) -> ReferralMessage:
    """A message in the referral's thread, from the sending agency or (while active) the receiving one."""
    locked = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    if is_member_of(actor, locked.to_agency_id):
        locked = _receiver_lock(actor, locked)
        other = agency_staff(locked.from_agency_id, Perm.CASE_REFER)
    else:
        locked = _sender_lock(actor, locked)
        other = agency_staff(locked.to_agency_id, *ANSWERING) if locked.active else []
    if not text.strip():
        raise ValidationError({"text": "Write a message."})
    message = ReferralMessage.objects.create(
        referral=locked,
        author=actor,
        author_agency=actor.agency,
        text=text.strip(),  # type: ignore[misc]
    )
    _audit(actor, ReferralAction.MESSAGE_ADDED, locked)
    notify(other, "referral_message", case_number=locked.case.number, url=_url(locked))
    return message


def on_share_ended(actor: User | None, share: CaseShare, reason: str) -> None:
    """A share ended (consent withdrawn, revoked): the referral or transfer resting on it ends with it."""
    referral = Referral.objects.select_for_update().filter(share=share, status__in=ACTIVE_STATUSES).first()
    if referral is not None:
        referral.status, referral.ended_at, referral.end_reason = (
            ReferralStatus.WITHDRAWN,
            timezone.now(),
            reason[:200],
        )
        referral.version += 1
        referral.save(update_fields=["status", "ended_at", "end_reason", "version"])
        _audit(actor, ReferralAction.ENDED, referral, reason="share ended")
    transfer = (
        Transfer.objects.select_for_update().filter(share=share, status=TransferStatus.REQUESTED).first()
    )
    if transfer is not None:
        transfer.status, transfer.decided_at = TransferStatus.CANCELLED, timezone.now()
        transfer.save(update_fields=["status", "decided_at"])


# --- deadlines: overdue and expiry (the background worker) ---------------------------------------------------


def referrals_sweep(now: datetime.datetime | None = None) -> dict[str, int]:
    """Flag overdue referrals to both sides and the coordinator (once), and expire those unanswered
    ``EXPIRY_WORKING_DAYS`` working days after their deadline (their share ends)."""
    from django.db import transaction

    now = now or timezone.now()
    holidays = public_holidays()
    flagged = expired = 0
    overdue = Referral.objects.filter(status=ReferralStatus.SENT, due_at__lt=now).select_related("case")
    for referral in overdue.order_by("pk"):
        with transaction.atomic():
            locked = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
            if locked.status != ReferralStatus.SENT:
                continue
            if add_working_days(locked.due_at, EXPIRY_WORKING_DAYS, holidays) < now:
                _end(None, locked, ReferralStatus.EXPIRED, "No answer by the deadline.")
                _audit(None, ReferralAction.EXPIRED, locked)
                notify(
                    agency_staff(locked.from_agency_id, Perm.CASE_REFER),
                    "referral_expired",
                    case_number=locked.case.number,
                    url=_url(locked),
                )
                expired += 1
            elif locked.overdue_flagged_at is None:
                locked.overdue_flagged_at = now
                locked.save(update_fields=["overdue_flagged_at"])
                _audit(None, ReferralAction.OVERDUE, locked)
                people = [
                    *agency_staff(locked.from_agency_id, Perm.CASE_REFER),
                    *agency_staff(locked.to_agency_id, *ANSWERING),
                ]
                notify(people, "referral_overdue", case_number=locked.case.number, url=_url(locked))
                notify(
                    coordinators(),
                    "referral_overdue",
                    case_number=locked.case.number,
                    url=reverse("referrals:taskforce"),
                )
                flagged += 1
    return {"flagged": flagged, "expired": expired}


# --- transfers of ownership ---------------------------------------------------------------------------------


@guarded
def transfer_request(
    *, actor: User, case: Case, to_agency: Agency, reason: str, override_reason: str = ""
) -> Transfer:
    """Offer the case to ``to_agency``. It sees the case section while it decides."""
    require_owner_with(actor, case, Perm.CASE_REFER)
    if is_owning_agency(case, to_agency.pk):
        raise ValidationError({"to_agency": "The case already belongs to this agency."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case is transferred."})
    if Transfer.objects.filter(case=case, status=TransferStatus.REQUESTED).exists():
        raise ValidationError("A transfer of this case is already awaiting an answer.")
    override = override_reason.strip()
    if not consent_allows(case, ConsentPurpose.SHARING, to_agency):
        if not override:
            raise ValidationError(
                {"override_reason": "The person has not consented to sharing with this agency."}
            )
        if not can_override_consent(actor, case):
            raise Refused("Only a supervisor may transfer without the person's consent.", case_id=case.pk)
    share = grant_without_checks(
        actor=actor,
        case=case,
        agency=to_agency,
        sections=[CaseSection.CASE],
        reason="Transfer of the case offered",
        override_reason=override,
        basis=ShareBasis.TRANSFER,
    )
    transfer = Transfer.objects.create(
        case=case,
        from_agency_id=case.owning_agency_id,
        to_agency=to_agency,
        share=share,
        reason=reason,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action=ReferralAction.TRANSFER_REQUESTED,
        object_type="transfer",
        object_id=transfer.pk,
        details={"case": case.pk, "to_agency": to_agency.pk, "without_consent": bool(override)},
    )
    notify(
        agency_staff(to_agency.pk, Perm.CASE_APPROVE),
        "transfer_requested",
        case_number=case.number,
        url=reverse("referrals:transfer", args=[transfer.pk]),
    )
    return transfer


def _transfer_lock(actor: User, transfer: Transfer) -> Transfer:
    locked = Transfer.objects.select_for_update().select_related("case").get(pk=transfer.pk)
    if not is_member_of(actor, locked.to_agency_id) or locked.status != TransferStatus.REQUESTED:
        refusal = CaseNotFound(locked.pk)
        refusal.object_type = "transfer"
        raise refusal
    if not can_accept_transfer(actor, locked.to_agency_id):
        raise Refused(
            "Only a supervisor accepts or declines a transfer.", object_type="transfer", case_id=locked.pk
        )
    return locked


@guarded
def transfer_accept(*, actor: User, transfer: Transfer) -> Transfer:
    """The receiving agency owns the case from now on; the former owner keeps no access."""
    locked = _transfer_lock(actor, transfer)
    locked.status, locked.decided_by, locked.decided_at = TransferStatus.ACCEPTED, actor, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    ownership_move_without_checks(
        actor=actor, case=locked.case, to_agency=locked.to_agency, reason=locked.reason
    )
    audit_record(
        actor=actor,
        action=ReferralAction.TRANSFER_ACCEPTED,
        object_type="transfer",
        object_id=locked.pk,
        details={
            "case": locked.case_id,
            "from_agency": locked.from_agency_id,
            "to_agency": locked.to_agency_id,
        },
    )
    notify(
        agency_staff(locked.from_agency_id, Perm.CASE_REFER),
        "transfer_accepted",
        case_number=locked.case.number,
        url=reverse("referrals:inbox"),
    )
    return locked


@guarded
def transfer_decline(*, actor: User, transfer: Transfer, reason: str) -> Transfer:
    locked = _transfer_lock(actor, transfer)
    if not reason.strip():
        raise ValidationError({"reason": "Say why your agency declines."})
    locked.status, locked.decided_by, locked.decided_at = TransferStatus.DECLINED, actor, timezone.now()
    locked.decline_reason = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    if locked.share is not None:
        end_share_without_checks(actor, locked.share, "Transfer declined.")
    audit_record(
        actor=actor,
        action=ReferralAction.TRANSFER_DECLINED,
        object_type="transfer",
        object_id=locked.pk,
        details={"case": locked.case_id},
    )
    notify(
        agency_staff(locked.from_agency_id, Perm.CASE_REFER),
        "transfer_declined",
        case_number=locked.case.number,
        url=reverse("cases:detail", args=[locked.case_id]),
    )
    return locked


# --- notification settings ----------------------------------------------------------------------------------


@guarded
def notification_settings_save(*, actor: User, email: bool) -> NotificationSettings:
    prefs, _ = NotificationSettings.objects.select_for_update().get_or_create(user=actor)
    prefs.email = email
    prefs.save(update_fields=["email"])
    audit_record(
        actor=actor,
        action=ReferralAction.NOTIFICATION_SETTINGS,
        object_type="user",
        object_id=actor.pk,
        details={"email": email},
    )
    return prefs


__all__ = [
    "directory_entry_save",
    "notification_settings_save",
    "referral_accept",
    "referral_complete",
    "referral_decline",
    "referral_message_add",
    "referral_send",
    "referral_service_record",
    "referral_withdraw",
    "transfer_accept",
    "transfer_decline",
    "transfer_request",
]
