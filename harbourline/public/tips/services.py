"""Every write to tips: submissions (public and hotline), triage, messages, conversion to a case intake."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record

from . import secrets as tip_secrets
from .actions import TipAction
from .models import Channel, ContactChoice, Tip, TipEvent, TipMessage, TipStatus

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency, User
    from harbourline.cases.models import Case

TIP_FIELDS = (
    "what_happened",
    "district",
    "settlement",
    "place_type",
    "when",
    "people_count",
    "people_ages",
    "people_sex",
    "people_nationality",
    "sector",
    "child_involved",
    "danger_now",
    "suspect",
    "how_known",
    "heard_via",
    "contact_choice",
    "contact_name",
    "contact_phone",
    "contact_email",
)
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


@dataclass(frozen=True)
class Receipt:
    tip: Tip
    reference: str
    passphrase: str
    repeated: bool


def _require(actor: User, *perms: Perm) -> None:
    if not any(actor.has_hl_perm(p) for p in perms):
        raise PermissionDenied("Your role does not allow this.")


def _new_tip(
    *,
    idempotency_key: uuid.UUID,
    language: str,
    channel: str,
    fields: dict[str, Any],
    recorded_by: User | None = None,
) -> tuple[Tip, str]:
    unknown = set(fields) - set(TIP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tip fields: {sorted(unknown)}")
    if fields.get("contact_choice") == ContactChoice.ANONYMOUS:
        fields = {**fields, **dict.fromkeys(CONTACT_FIELDS, "")}
    reference = tip_secrets.new_reference()
    passphrase = tip_secrets.passphrase_for(idempotency_key)
    tip = Tip(
        reference=reference,
        passphrase_hash=tip_secrets.hash_passphrase(passphrase, reference),
        idempotency_key=idempotency_key,
        language=language,
        channel=channel,
        recorded_by=recorded_by,
        **fields,
    )
    tip.urgent = tip.danger_now == "yes" or tip.child_involved == "yes"
    tip.full_clean(
        exclude=["reference", "passphrase_hash"], validate_unique=False
    )  # the database enforces it
    tip.save()
    return tip, passphrase


def tip_submit(*, idempotency_key: uuid.UUID, language: str, **fields: Any) -> Receipt:
    """A tip from the public web form: anonymous, no address or user agent kept. The same form key twice
    (a double click, a retry) gives the same tip and the same receipt.

    The new tip is written first and the form key's unique index settles a repeat, so a first submission
    (nearly all of them) costs no look-up before the INSERT."""
    try:
        with transaction.atomic():
            tip, passphrase = _new_tip(
                idempotency_key=idempotency_key, language=language, channel=Channel.WEB, fields=fields
            )
            audit_record(
                actor=None,
                action=TipAction.TIP_SUBMITTED,
                object_type="tip",
                object_id=tip.pk,
                actor_label="public",
                details={"urgent": tip.urgent, "channel": Channel.WEB},
            )
        return Receipt(tip, tip.reference, passphrase, repeated=False)
    except IntegrityError:
        existing = Tip.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
    return Receipt(existing, existing.reference, tip_secrets.passphrase_for(idempotency_key), repeated=True)


@transaction.atomic
def tip_record_call(*, actor: User, **fields: Any) -> Receipt:
    """A hotline call written down by the triage officer, as a tip of the hotline channel."""
    _require(actor, Perm.TIP_TRIAGE)
    tip, passphrase = _new_tip(
        idempotency_key=uuid.uuid4(), language="en", channel=Channel.HOTLINE, fields=fields, recorded_by=actor
    )
    audit_record(
        actor=actor,
        action=TipAction.TIP_RECORDED,
        object_type="tip",
        object_id=tip.pk,
        details={"urgent": tip.urgent, "channel": Channel.HOTLINE},
    )
    return Receipt(tip, tip.reference, passphrase, repeated=False)


def tip_lookup(*, reference: str, passphrase: str) -> Tip | None:
    """The tip for a receipt code and passphrase; None for a wrong pair or an unknown code alike."""
    code = tip_secrets.normalise_reference(reference)
    tip = Tip.objects.filter(reference=code).first() if code else None
    if tip is None:
        tip_secrets.hash_passphrase(passphrase, "0000-0000-0000")  # same work either way
        return None
    return tip if tip_secrets.passphrase_matches(tip.passphrase_hash, passphrase, tip.reference) else None


def _event(
    actor: User | None, tip: Tip, kind: str, reason: str = "", before: str = "", after: str = ""
) -> None:
    TipEvent.objects.create(
        tip=tip, actor=actor, kind=kind, reason=reason, from_status=before, to_status=after
    )


ALLOWED: dict[str, set[str]] = {
    TipStatus.NEW: {TipStatus.UNDER_REVIEW, TipStatus.REFERRED, TipStatus.CLOSED},
    TipStatus.UNDER_REVIEW: {TipStatus.REFERRED, TipStatus.CLOSED},
    TipStatus.REFERRED: {TipStatus.UNDER_REVIEW, TipStatus.CLOSED},
    TipStatus.CLOSED: {TipStatus.UNDER_REVIEW},
    TipStatus.CONVERTED: set(),
}


@transaction.atomic
def tip_set_status(
    *, actor: User, tip: Tip, status: str, reason: str, referred_to: str = "", closure_reason: str = ""
) -> Tip:
    _require(actor, Perm.TIP_TRIAGE)
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if status not in ALLOWED.get(tip.status, set()):
        raise ValidationError({"status": f"A tip that is “{tip.get_status_display()}” cannot become that."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why: it is kept in the tip's history."})
    if status == TipStatus.REFERRED and not referred_to:
        raise ValidationError({"referred_to": "Say where the tip was referred."})
    if status == TipStatus.CLOSED and not closure_reason:
        raise ValidationError({"closure_reason": "Say why the tip is closed."})
    before = tip.status
    tip.status = status
    tip.referred_to = referred_to if status == TipStatus.REFERRED else tip.referred_to
    tip.closure_reason = closure_reason if status == TipStatus.CLOSED else ""
    tip.save(update_fields=["status", "referred_to", "closure_reason"])
    _event(actor, tip, "status", reason, before, status)
    audit_record(
        actor=actor,
        action=TipAction.TIP_STATUS_CHANGED,
        object_type="tip",
        object_id=tip.pk,
        details={"from": before, "to": status, "referred_to": referred_to, "closure": closure_reason},
    )
    return tip


@transaction.atomic
def tip_set_urgent(*, actor: User, tip: Tip, urgent: bool, reason: str) -> Tip:
    _require(actor, Perm.TIP_TRIAGE)
    tip.urgent = urgent
    tip.save(update_fields=["urgent"])
    _event(actor, tip, "urgent" if urgent else "not_urgent", reason)
    audit_record(
        actor=actor,
        action=TipAction.TIP_URGENCY_CHANGED,
        object_type="tip",
        object_id=tip.pk,
        details={"urgent": urgent},
    )
    return tip


@transaction.atomic
def tip_link_duplicate(*, actor: User, tip: Tip, original: Tip) -> Tip:
    _require(actor, Perm.TIP_TRIAGE)
    if original.pk == tip.pk or original.duplicate_of_id == tip.pk:
        raise ValidationError({"reference": "A tip cannot be a duplicate of itself."})
    tip.duplicate_of = original
    tip.save(update_fields=["duplicate_of"])
    _event(actor, tip, "duplicate", f"Duplicate of {original.reference}")
    audit_record(
        actor=actor,
        action=TipAction.TIP_DUPLICATE_LINKED,
        object_type="tip",
        object_id=tip.pk,
        details={"original": original.pk},
    )
    if tip.status not in (TipStatus.CLOSED, TipStatus.CONVERTED):
        tip_set_status(
            actor=actor,
            tip=tip,
            status=TipStatus.CLOSED,
            reason=f"Duplicate of {original.reference}",
            closure_reason="duplicate",
        )
    return tip


@transaction.atomic
def tip_message_reporter(*, actor: User, tip: Tip, text: str) -> TipMessage:
    _require(actor, Perm.TIP_TRIAGE)
    if not text.strip():
        raise ValidationError({"text": "Write the message."})
    message = TipMessage.objects.create(tip=tip, from_reporter=False, text=text.strip(), author=actor)
    audit_record(actor=actor, action=TipAction.TIP_MESSAGE_SENT, object_type="tip", object_id=tip.pk)
    return message


@transaction.atomic
def tip_reporter_reply(*, tip: Tip, text: str) -> TipMessage:
    """The reporter answers a question or adds information, through the receipt code and passphrase."""
    if not text.strip():
        raise ValidationError({"text": "Write what you want to add."})
    message = TipMessage.objects.create(tip=tip, from_reporter=True, text=text.strip()[:5000])
    audit_record(
        actor=None,
        action=TipAction.TIP_REPORTER_REPLIED,
        object_type="tip",
        object_id=tip.pk,
        actor_label="public",
    )
    return message


def tip_convert_to_case(
    *,
    actor: User,
    tip: Tip,
    owning_agency: Agency,
    share_with: list[Agency],
    forms_of_exploitation: list[str] | None = None,
) -> Case:
    """Create the case intake prefilled from the tip, linked to it, in the chosen agency. Each agency in
    ``share_with`` (police) gets the case section only, audited as a joint intake; identity and the rest
    follow the person's consent or a supervisor's override. Refused (one 'denied' audit row, nothing
    changed) without the triage permission."""
    from harbourline.cases.policy import ROLE_CANNOT, Refused, can_open_joint_intake
    from harbourline.cases.services import refusal_record

    if not can_open_joint_intake(actor):
        refusal = Refused(ROLE_CANNOT, case_id=tip.pk, object_type="tip", action="tip_convert_to_case")
        refusal_record(actor=actor, refusal=refusal)
        raise refusal
    return _convert(
        actor=actor,
        tip=tip,
        owning_agency=owning_agency,
        share_with=share_with,
        forms_of_exploitation=forms_of_exploitation,
    )


@transaction.atomic
def _convert(
    *,
    actor: User,
    tip: Tip,
    owning_agency: Agency,
    share_with: list[Agency],
    forms_of_exploitation: list[str] | None,
) -> Case:
    from harbourline.cases.services import case_intake_create

    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.case_id is not None:
        raise ValidationError("This tip is already a case intake.")
    sector = tip.get_sector_display() if tip.sector else "not known"
    summary = (
        f"From tip {tip.reference} ({tip.get_channel_display()}, {tip.received_at:%d %b %Y}). "
        f"Sector: {sector}. What happened: {tip.what_happened}"
    )
    if tip.suspect:
        summary += f"\nSuspected exploiter, place or vehicle: {tip.suspect}"
    case = case_intake_create(
        actor=actor,
        owning_agency=owning_agency,
        intake_source="tip_line",
        summary=summary,
        district=tip.district,
        child_involved={"yes": True, "no": False}.get(tip.child_involved),
        share_with=share_with,
        forms_of_exploitation=forms_of_exploitation or [],
        tip_reference=tip.reference,
    )
    before = tip.status
    tip.case, tip.status = case, TipStatus.CONVERTED
    tip.save(update_fields=["case", "status"])
    _event(actor, tip, "converted", f"Case intake {case.number}", before, TipStatus.CONVERTED)
    audit_record(
        actor=actor,
        action=TipAction.TIP_CONVERTED,
        object_type="tip",
        object_id=tip.pk,
        details={
            "case": case.pk,
            "agency": owning_agency.pk,
            "joint_intake_with": sorted({a.pk for a in share_with if a.pk != owning_agency.pk}),
        },
    )
    return case
