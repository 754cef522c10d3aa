from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from harbourline.accounts.permissions import Perm

from ..actions import CaseAction
from ..codes import CaseStatus, ClosureReason
from ..lifecycle import SPECIAL, TRANSITIONS, TransitionRefused, transition_for
from ..models import Case, IdentificationDecision
from .common import guarded, lock_case, record, require_owner_with
from .intake import _derive_age
from .protection import before_assistance_child_referral_missing, reintegration_schedule

if TYPE_CHECKING:
    from harbourline.accounts.models import User


def _move(actor: User, case: Case, name: str, reason: str, version: int | None) -> Case:
    known = TRANSITIONS.get(name)
    require_owner_with(actor, case, known.perm if known else Perm.CASE_VIEW)
    locked = lock_case(case, version)
    transition = transition_for(name, locked.status)
    if transition.needs_reason and not reason.strip():
        raise ValidationError({"reason": "Say why: it is kept in the case history."})
    if transition.target == CaseStatus.ASSISTANCE and before_assistance_child_referral_missing(locked):
        raise TransitionRefused(
            "This case involves a child: record the referral to the child-protection authority "
            "(Protection under the Act) before assistance starts."
        )
    before = locked.status
    locked.status = transition.target
    if transition.target != CaseStatus.CLOSED:
        locked.closure_reason, locked.closed_at = "", None
    locked.version += 1
    locked.save()
    record(
        actor,
        locked,
        CaseAction.TRANSITION,
        name,
        reason=reason,
        from_status=before,
        to_status=locked.status,
        transition=name,
        from_status_code=before,
        to_status_code=locked.status,
    )
    return locked


@guarded
def case_transition(
    *, actor: User, case: Case, name: str, reason: str = "", version: int | None = None
) -> Case:
    """Move a case one step along its lifecycle. Refused, with a message, when the step is not allowed."""
    require_owner_with(actor, case, Perm.CASE_VIEW)
    if name in SPECIAL:
        raise TransitionRefused("This step needs its own form (identification decision or closure).")
    return _move(actor, case, name, reason, version)


@guarded
def identification_decide(
    *,
    actor: User,
    case: Case,
    identified: bool,
    deciding_body: str,
    decided_on: datetime.date,
    basis: str,
    version: int | None = None,
) -> IdentificationDecision:
    """Record the formal identification decision (supervisor). Identified: the case becomes 'identified';
    not identified: 'not a victim' (with onward referral)."""
    require_owner_with(
        actor, case, Perm.CASE_APPROVE, "Only a supervisor records the identification decision."
    )
    if not deciding_body.strip() or not basis.strip():
        raise ValidationError("Name the deciding body and the basis of the decision.")
    name = "identify" if identified else "not_a_victim"
    locked = _move(actor, case, name, basis, version)
    decision = IdentificationDecision.objects.create(
        case=locked,
        identified=identified,
        deciding_body=deciding_body,
        decided_on=decided_on,
        basis=basis,
        recorded_by=actor,
    )
    if identified:
        locked.identified_on = decided_on
        locked.save(update_fields=["identified_on"])
        person = locked.person
        _derive_age(person, decided_on)
        person.save(update_fields=["age_band", "is_minor"])
    record(actor, locked, CaseAction.IDENTIFICATION_DECIDED, "decision", reason=basis, identified=identified)
    return decision


@guarded
def case_close(
    *, actor: User, case: Case, closure_reason: str, reason: str, version: int | None = None
) -> Case:
    """Close a case with a reason (supervisor approval)."""
    require_owner_with(actor, case, Perm.CASE_APPROVE, "Only a supervisor approves a closure.")
    if closure_reason not in ClosureReason.values:
        raise ValidationError({"closure_reason": "Choose why the case is closed."})
    locked = _move(actor, case, "close", reason, version)
    locked.closure_reason = closure_reason
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closure_reason", "closed_at"])
    record(actor, locked, CaseAction.CLOSED, "closed", reason=reason, closure_reason=closure_reason)
    reintegration_schedule(actor, locked, timezone.localdate())
    return locked
