"""Consent per purpose, and sharing sections of a case with partner agencies."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from harbourline.accounts.permissions import Perm

from ..actions import CaseAction
from ..codes import CaseSection, ConsentPurpose
from ..models import Case, CaseShare, Consent
from .common import record, require

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency, User


def consent_allows(case: Case, purpose: str, agency: Agency | None = None) -> bool:
    """Is there an active consent for ``purpose`` (for sharing: with ``agency``)?"""
    consents = case.consents.filter(purpose=purpose, withdrawn_on__isnull=True)
    if purpose == ConsentPurpose.SHARING:
        consents = consents.filter(agency=agency)
    return consents.exists()


@transaction.atomic
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
    require(actor, Perm.CASE_EDIT)
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


@transaction.atomic
def consent_withdraw(
    *, actor: User, consent: Consent, withdrawn_on: datetime.date, reason: str = ""
) -> Consent:
    require(actor, Perm.CASE_EDIT)
    if consent.withdrawn_on is not None:
        raise ValidationError("This consent was already withdrawn.")
    consent.withdrawn_on, consent.withdrawal_reason = withdrawn_on, reason
    consent.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    record(
        actor,
        consent.case,
        CaseAction.CONSENT_WITHDRAWN,
        "consent_withdrawn",
        reason=reason,
        purpose=consent.purpose,
    )
    return consent


def grant_without_checks(
    *,
    actor: User,
    case: Case,
    agency: Agency,
    sections: Iterable[str],
    reason: str,
    override_reason: str = "",
) -> CaseShare:
    chosen = sorted(set(sections) & {s.value for s in CaseSection})
    if not chosen:
        raise ValidationError({"sections": "Choose at least one section to share."})
    share = CaseShare.objects.create(
        case=case,
        agency=agency,
        sections=chosen,
        reason=reason,
        consent_override_reason=override_reason,
        granted_by=actor,
    )
    action = CaseAction.SHARE_GRANTED_OVERRIDE if override_reason else CaseAction.SHARE_GRANTED
    record(actor, case, action, "shared", reason=reason, agency=agency.pk, sections=chosen, share=share.pk)
    return share


@transaction.atomic
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
    require(actor, Perm.CASE_REFER)
    if agency.pk == case.owning_agency_id:
        raise ValidationError({"agency": "The case already belongs to this agency."})
    if not consent_allows(case, ConsentPurpose.SHARING, agency):
        if not override_reason.strip():
            raise ValidationError(
                {
                    "override_reason": "The person has not consented to sharing with this agency. Record their "
                    "consent first, or (supervisor) give the reason to share without it."
                }
            )
        if not actor.has_hl_perm(Perm.CASE_APPROVE):
            raise PermissionDenied("Only a supervisor may share without the person's consent.")
    return grant_without_checks(
        actor=actor,
        case=case,
        agency=agency,
        sections=sections,
        reason=reason,
        override_reason=override_reason.strip(),
    )


@transaction.atomic
def case_share_revoke(*, actor: User, share: CaseShare, reason: str) -> CaseShare:
    """End a share at once: the partner agency's next request for the case gets 404."""
    require(actor, Perm.CASE_REFER)
    if share.revoked_at is not None:
        raise ValidationError("This share was already revoked.")
    share.revoked_at, share.revoked_by = timezone.now(), actor
    share.save(update_fields=["revoked_at", "revoked_by"])
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
