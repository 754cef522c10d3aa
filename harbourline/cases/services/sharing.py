"""Consent per purpose, and sharing sections of a case with partner agencies."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm

from ..actions import CaseAction
from ..codes import CaseSection, ConsentPurpose, ShareBasis
from ..models import Case, CaseShare, Consent
from ..policy import Refused, can_decide, is_owning_agency, section_codes
from .common import guarded, record, require_change, require_owner_with

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency


# Shares that rest on the person's consent: they end when that consent is withdrawn.
CONSENT_BASES = (ShareBasis.CONSENT, ShareBasis.REFERRAL)

# Called with (actor, share, reason) inside the transaction that ends a share, so that what rests on the share
# (a referral, a pending transfer) ends with it. Apps register here in their AppConfig.ready().
SHARE_ENDED_HOOKS: list[Callable[[User | None, CaseShare, str], None]] = []


def consent_allows(case: Case, purpose: str, agency: Agency | None = None) -> bool:
    """Is there an active consent for ``purpose`` (for sharing: with ``agency``)?"""
    consents = case.consents.filter(purpose=purpose, withdrawn_on__isnull=True)
    if purpose == ConsentPurpose.SHARING:
        consents = consents.filter(agency=agency)
    return consents.exists()


@guarded
def consent_record(
    *,
    actor: User,
    case: Case,
    purpose: str,
    given_on: datetime.date,
    method: str,
    agency: Agency | None = None,
    interpreter_language: str = "",
    guardian_name: str = "",
) -> Consent:
    require_change(actor, case, CaseSection.IDENTITY)
    if purpose == ConsentPurpose.SHARING and agency is None:
        raise ValidationError({"agency": "Name the agency the person agreed to share with."})
    consent = Consent(
        case=case,
        purpose=purpose,
        agency=agency if purpose == ConsentPurpose.SHARING else None,
        given_on=given_on,
        method=method,
        interpreter_language=interpreter_language,
        guardian_name=guardian_name,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    record(
        actor,
        case,
        CaseAction.CONSENT_RECORDED,
        "consent",
        purpose=purpose,
        method=method,
        agency=agency.pk if agency else None,
    )
    return consent


def shares_resting_on(consent: Consent) -> list[CaseShare]:
    """Active shares that rest on this consent alone: with its agency, granted without an override, and no
    other active consent to share with that agency."""
    if consent.purpose != ConsentPurpose.SHARING or consent.agency_id is None:
        return []
    others = consent.case.consents.filter(
        purpose=ConsentPurpose.SHARING, agency_id=consent.agency_id, withdrawn_on__isnull=True
    ).exclude(pk=consent.pk)
    if others.exists():
        return []
    return list(
        CaseShare.objects.select_for_update()
        .filter(
            case_id=consent.case_id,
            agency_id=consent.agency_id,
            revoked_at__isnull=True,
            basis__in=CONSENT_BASES,
        )
        .order_by("pk")
    )


@guarded
def consent_withdraw(
    *,
    actor: User,
    consent: Consent,
    withdrawn_on: datetime.date,
    reason: str = "",
    keep_shares_reason: str = "",
) -> Consent:
    """Withdraw a consent. The shares resting on it end at once, unless a supervisor keeps them with a reason
    (``keep_shares_reason``, recorded on each share and audited as a share without consent)."""
    case = consent.case
    require_change(actor, case, CaseSection.IDENTITY)
    keep = keep_shares_reason.strip()
    if keep and not can_decide(actor, case):
        raise Refused(
            "Only a supervisor may keep a share after the person withdrew their consent.",
            case_id=case.pk,
            section=CaseSection.IDENTITY,
        )
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError("This consent was already withdrawn.")
    resting = shares_resting_on(consent)
    consent.withdrawn_on, consent.withdrawal_reason = withdrawn_on, reason
    consent.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    record(
        actor,
        case,
        CaseAction.CONSENT_WITHDRAWN,
        "consent_withdrawn",
        reason=reason,
        purpose=consent.purpose,
    )
    for share in resting:
        if keep:
            share.consent_override_reason, share.basis = keep, ShareBasis.OVERRIDE
            share.save(update_fields=["consent_override_reason", "basis"])
            record(
                actor,
                case,
                CaseAction.SHARE_KEPT_OVERRIDE,
                "share_kept",
                reason=keep,
                agency=share.agency_id,
                share=share.pk,
            )
        else:
            _end_share(actor, share, "The person withdrew their consent.")
    return consent


def grant_without_checks(
    *,
    actor: User,
    case: Case,
    agency: Agency,
    sections: Iterable[str],
    reason: str,
    override_reason: str = "",
    basis: str = "",
    action: CaseAction | None = None,
) -> CaseShare:
    """The share itself, for services that have checked who may grant it (``case_share_grant``, the joint
    intake of ``case_intake_create``; referrals and transfers will call it the same way)."""
    chosen = sorted(set(sections) & section_codes())
    if not chosen:
        raise ValidationError({"sections": "Choose at least one section to share."})
    share = CaseShare.objects.create(
        case=case,
        agency=agency,
        sections=chosen,
        reason=reason,
        consent_override_reason=override_reason,
        basis=basis or (ShareBasis.OVERRIDE if override_reason else ShareBasis.CONSENT),
        granted_by=actor,
    )
    action = action or (CaseAction.SHARE_GRANTED_OVERRIDE if override_reason else CaseAction.SHARE_GRANTED)
    record(actor, case, action, "shared", reason=reason, agency=agency.pk, sections=chosen, share=share.pk)
    return share


@guarded
def case_share_grant(
    *,
    actor: User,
    case: Case,
    agency: Agency,
    sections: Iterable[str],
    reason: str,
    override_reason: str = "",
) -> CaseShare:
    """Open sections of a case to a partner agency. Needs the person's consent to share with that agency,
    unless a supervisor overrides with a reason (audited)."""
    require_owner_with(actor, case, Perm.CASE_REFER)
    if is_owning_agency(case, agency.pk):
        raise ValidationError({"agency": "The case already belongs to this agency."})
    if not consent_allows(case, ConsentPurpose.SHARING, agency):
        if not override_reason.strip():
            raise ValidationError(
                {
                    "override_reason": "The person has not consented to sharing with this agency. Record their "
                    "consent first, or (supervisor) give the reason to share without it."
                }
            )
        if not can_decide(actor, case):
            raise Refused("Only a supervisor may share without the person's consent.", case_id=case.pk)
    return grant_without_checks(
        actor=actor,
        case=case,
        agency=agency,
        sections=sections,
        reason=reason,
        override_reason=override_reason.strip(),
    )


@guarded
def case_share_revoke(*, actor: User, share: CaseShare, reason: str) -> CaseShare:
    """End a share at once: the partner agency's next request for the case gets 404."""
    require_owner_with(actor, share.case, Perm.CASE_REFER)
    share = CaseShare.objects.select_for_update().get(pk=share.pk)
    if share.revoked_at is not None:
        raise ValidationError("This share was already revoked.")
    return _end_share(actor, share, reason)


def end_share_without_checks(actor: User | None, share: CaseShare, reason: str) -> CaseShare:
    """End an active share at once, for services that have checked who may (a referral ending, a transfer
    answered). Does nothing to a share already ended."""
    share = CaseShare.objects.select_for_update().get(pk=share.pk)
    if share.revoked_at is not None:
        return share
    return _end_share(actor, share, reason)


def _end_share(actor: User | None, share: CaseShare, reason: str) -> CaseShare:
    share.revoked_at, share.revoked_by = timezone.now(), actor
    share.save(update_fields=["revoked_at", "revoked_by"])
    for hook in SHARE_ENDED_HOOKS:
        hook(actor, share, reason)
    record(
        actor,
        share.case,
        CaseAction.SHARE_REVOKED,
        "share_revoked",
        reason=reason,
        agency=share.agency_id,
        share=share.pk,
    )
    return share
