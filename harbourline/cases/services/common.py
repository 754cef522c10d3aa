"""What every case service shares: refusals (audited once, outside the rolled-back transaction), optimistic
locking, and the history row written with the audit row."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction

from harbourline.accounts.permissions import Perm
from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import Outcome
from harbourline.audit.services import audit_record

from .. import policy
from ..actions import CaseAction
from ..codes import CaseSection
from ..models import Case, CaseEvent
from ..policy import NOT_OWNER, ROLE_CANNOT, CaseAccess, CaseNotFound, Refused, why_not

if TYPE_CHECKING:
    from harbourline.accounts.models import User

F = TypeVar("F", bound=Callable[..., Any])


class StaleEdit(Exception):
    """Someone else changed the record after the form was opened; nothing was saved."""

    message = (
        "Someone else changed this case while you were editing it, so your changes were not saved. "
        "Your entries are below: check the case and save again."
    )


def refusal_record(*, actor: User | None, refusal: CaseNotFound | Refused) -> None:
    """The one 'denied' audit row of a refusal. Called by ``guarded`` services and by views at the call site of
    a selector (selectors never write). A refusal is recorded once, however many layers it crosses."""
    if refusal.audited:
        return
    audit_record(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=PlatformAction.ACCESS_DENIED,
        object_type=refusal.object_type,
        object_id=refusal.case_id,
        outcome=Outcome.DENIED,
        details={"section": str(refusal.section or ""), "action": refusal.action[:60]},
    )
    refusal.audited = True


def guarded(service: F) -> F:
    """Run ``service`` in its own transaction. A refusal leaves nothing changed and writes one 'denied' row
    after the rollback (so the row stays when the action's own writes are undone)."""
    atomic = transaction.atomic(service)

    @wraps(service)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return atomic(*args, **kwargs)
        except (CaseNotFound, Refused) as refusal:
            refusal.action = refusal.action or service.__name__
            refusal_record(actor=kwargs.get("actor"), refusal=refusal)
            raise

    return wrapper  # type: ignore[return-value]


def require(actor: User, *perms: Perm, case: Case | None = None) -> None:
    """The actor's role holds one of ``perms``."""
    if not any(actor.has_hl_perm(p) for p in perms):
        raise Refused(ROLE_CANNOT, case_id=case.pk if case is not None else "")


def require_read(actor: User, case: Case, section: str | None = None) -> CaseAccess:
    """404 when the actor may not see the case at all; 403 when they may not read ``section`` of it."""
    access = policy.case_access(actor, case)
    if not access.visible:
        raise CaseNotFound(case.pk, section=section or "")
    if section is not None and section not in access.readable:
        raise why_not(access, case, section)
    return access


def require_change(actor: User, case: Case, section: str) -> CaseAccess:
    """Change the facts of ``section``: the owning agency, with the role's permission for it."""
    access = require_read(actor, case)
    if section not in access.changeable:
        raise why_not(access, case, section)
    return access


def require_contribute(actor: User, case: Case, section: str) -> CaseAccess:
    """Add one's own contribution to ``section`` (owning agency, or an agency given the section)."""
    access = require_read(actor, case)
    if section not in access.contributable:
        raise why_not(access, case, section)
    return access


def require_owner_with(actor: User, case: Case, perm: Perm, message: str = ROLE_CANNOT) -> CaseAccess:
    """An act of the owning agency needing ``perm`` (share, decide, a lifecycle step)."""
    access = require_read(actor, case)
    if not access.owner:
        raise Refused(NOT_OWNER, case_id=case.pk, section=CaseSection.CASE)
    if perm not in access.perms:
        raise Refused(message, case_id=case.pk, section=CaseSection.CASE)
    return access


def lock_case(case: Case, version: int | None) -> Case:
    """Re-read the case under a row lock; refuse when the caller's version is stale."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(StaleEdit.message)
    return locked


def bump(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=["version", "updated_at", *fields])


# The section each kind of history event belongs to; it is shown only to readers of that section.
EVENT_SECTION: dict[str, str] = {
    "person_updated": CaseSection.IDENTITY,
    "dependant_added": CaseSection.IDENTITY,
    "consent": CaseSection.IDENTITY,
    "consent_withdrawn": CaseSection.IDENTITY,
    "shared": CaseSection.IDENTITY,
    "share_revoked": CaseSection.IDENTITY,
    "share_kept": CaseSection.IDENTITY,
    "health_updated": CaseSection.HEALTH,
    "plan_item": CaseSection.PLAN,
    "task": CaseSection.PLAN,
    "task_done": CaseSection.PLAN,
    "note": CaseSection.NOTES,
}


def event_section(kind: str) -> str:
    return str(EVENT_SECTION.get(kind, CaseSection.CASE))


def record(
    actor: User | None,
    case: Case,
    action: CaseAction,
    kind: str,
    *,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    section: str = "",
    **details: Any,
) -> None:
    """The case's timeline row (in the section it belongs to) and its audit row, together."""
    CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=kind,
        section=section or event_section(kind),
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    audit_record(actor=actor, action=action, object_type="case", object_id=case.pk, details=details)
