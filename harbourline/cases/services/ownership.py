"""Who owns a case and who in the agency works on it: transfer of ownership, assignment, bulk reassignment.

A transfer is offered to the receiving agency as a share (basis *transfer*, case section only) so that it can
decide; accepting moves ownership, ends every share the new owner held and leaves the former owner with no
access unless the new owner shares the case back. The case history moves with the case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm

from ..actions import CaseAction
from ..codes import CaseSection, CaseStatus
from ..models import Case, CaseShare
from ..policy import Refused, acts_for_agency, can_assign, is_member_of, is_owning_agency
from .common import guarded, lock_case, record, require_owner_with
from .sharing import end_share_without_checks

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency


def ownership_move_without_checks(*, actor: User, case: Case, to_agency: Agency, reason: str) -> Case:
    """Move ownership of ``case`` to ``to_agency``, for the transfer service that has checked who may."""
    locked = lock_case(case, None)
    former = locked.owning_agency_id
    for share in CaseShare.objects.filter(case=locked, agency=to_agency, revoked_at__isnull=True):
        end_share_without_checks(actor, share, "The agency now owns the case.")
    locked.owning_agency = to_agency
    locked.case_manager = actor if is_member_of(actor, to_agency.pk) else None
    locked.version += 1
    locked.save(update_fields=["owning_agency", "case_manager", "version", "updated_at"])
    record(
        actor,
        locked,
        CaseAction.OWNERSHIP_TRANSFERRED,
        "transferred",
        reason=reason,
        section=CaseSection.CASE,
        from_agency=former,
        to_agency=to_agency.pk,
    )
    return locked


@guarded
def case_assign(*, actor: User, case: Case, worker: User | None, reason: str = "") -> Case:
    """Make ``worker`` (of the owning agency) the case's case manager; None leaves it unassigned."""
    require_owner_with(actor, case, Perm.CASE_APPROVE, "Only a supervisor assigns cases.")
    if not can_assign(actor, case, worker):
        raise ValidationError({"worker": "Choose an active case worker of the agency that owns the case."})
    locked = lock_case(case, None)
    before = locked.case_manager_id
    if before == (worker.pk if worker else None):
        return locked
    locked.case_manager = worker
    locked.version += 1
    locked.save(update_fields=["case_manager", "version", "updated_at"])
    record(
        actor,
        locked,
        CaseAction.ASSIGNED,
        "assigned",
        reason=reason,
        section=CaseSection.CASE,
        from_worker=before,
        to_worker=worker.pk if worker else None,
    )
    return locked


@guarded
def cases_reassign(*, actor: User, from_worker: User, to_worker: User, reason: str) -> int:
    """Bulk reassignment when a worker leaves: every open case of the actor's agency managed by
    ``from_worker`` goes to ``to_worker``. Returns how many cases moved. Each case is audited."""
    if not actor.has_hl_perm(Perm.CASE_APPROVE) or actor.agency_id is None:
        raise Refused(
            "Only a supervisor reassigns cases.", object_type="agency", case_id=actor.agency_id or ""
        )
    if not acts_for_agency(actor, from_worker.agency_id, Perm.CASE_APPROVE):
        raise Refused(
            "You reassign only your own agency's workers.", object_type="agency", case_id=actor.agency_id
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the cases are reassigned."})
    cases = Case.objects.select_for_update().filter(
        owning_agency_id=actor.agency_id, case_manager=from_worker, purged_at__isnull=True
    )
    moved = 0
    for case in cases.exclude(status=CaseStatus.CLOSED).order_by("pk"):
        if not is_owning_agency(case, actor.agency_id) or not can_assign(actor, case, to_worker):
            raise ValidationError({"to_worker": "Choose an active case worker of your agency."})
        case.case_manager = to_worker
        case.version += 1
        case.save(update_fields=["case_manager", "version", "updated_at"])
        record(
            actor,
            case,
            CaseAction.ASSIGNED,
            "assigned",
            reason=reason,
            section=CaseSection.CASE,
            from_worker=from_worker.pk,
            to_worker=to_worker.pk,
        )
        moved += 1
    return moved
