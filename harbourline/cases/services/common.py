from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_record

from ..actions import CaseAction
from ..models import Case, CaseEvent

if TYPE_CHECKING:
    from harbourline.accounts.models import User


class StaleEdit(Exception):
    """Someone else changed the record after the form was opened; nothing was saved."""

    message = (
        "Someone else changed this case while you were editing it, so your changes were not saved. "
        "Your entries are below: check the case and save again."
    )


def require(actor: User, *perms: Perm) -> None:
    if not any(actor.has_hl_perm(p) for p in perms):
        raise PermissionDenied("Your role does not allow this.")


def lock_case(case: Case, version: int | None) -> Case:
    """Re-read the case under a row lock; refuse when the caller's version is stale."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(StaleEdit.message)
    return locked


def bump(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=["version", "updated_at", *fields])


def record(
    actor: User | None,
    case: Case,
    action: CaseAction,
    kind: str,
    *,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    **details: Any,
) -> None:
    """The case's timeline row and its audit row, together."""
    CaseEvent.objects.create(
        case=case, actor=actor, kind=kind, from_status=from_status, to_status=to_status, reason=reason
    )
    audit_record(actor=actor, action=action, object_type="case", object_id=case.pk, details=details)
