"""The one way to write the audit trail. Call it inside the transaction of the action it records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .actions import AuditAction
from .models import AuditEvent, Outcome
from .sealing import ChainProblem, audit_verify_report

if TYPE_CHECKING:
    from django.http import HttpRequest

    from harbourline.accounts.models import User

SCALARS = (str, int, bool, float, type(None))


def _check_details(details: dict[str, Any]) -> dict[str, Any]:
    for key, value in details.items():
        if not isinstance(key, str):
            raise TypeError("Audit detail keys must be strings.")
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(item, SCALARS) for item in values):
            raise TypeError(f"Audit detail {key!r} must be a scalar or a list of scalars.")
    return details


def audit_record(
    *,
    actor: User | None,
    action: AuditAction,
    object_type: str = "",
    object_id: object = "",
    outcome: str = Outcome.ALLOWED,
    details: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the chain. Raises on failure, so the surrounding action fails with it.

    ``details`` holds ids, codes, counts and field names: never a name, a narrative or a document number.
    """
    if not isinstance(action, AuditAction):
        raise TypeError("action must be a member of an AuditAction enum")
    # One INSERT, no lock: the sequence number comes from the database, and the worker seals the row into the
    # HMAC chain a few seconds later (audit.sealing). Inside an action's transaction, a failed write here fails
    # the whole action.
    is_user = actor is not None and getattr(actor, "pk", None) is not None
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user and actor else (actor_label or "anonymous"),
        agency_id=getattr(actor, "agency_id", None) if is_user else None,
        roles=",".join(actor.role_codes()) if is_user and actor else "",
        action=action.value,
        object_type=object_type,
        object_id=str(object_id) if object_id not in (None, "") else "",
        outcome=outcome,
        details=_check_details(dict(details or {})),
    )
    event.save(force_insert=True)
    return event


def request_actor(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None  # type: ignore[return-value]


def audit_read(
    request: HttpRequest, *, action: AuditAction, object_type: str, object_id: object, **details: Any
) -> AuditEvent:
    """For views: record that the current user read (viewed, printed, exported, downloaded) personal data."""
    return audit_record(
        actor=request_actor(request),
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details,
    )


def audit_denied(
    request: HttpRequest, *, object_type: str, object_id: object = "", **details: Any
) -> AuditEvent:
    from .actions import PlatformAction

    return audit_record(
        actor=request_actor(request),
        action=PlatformAction.ACCESS_DENIED,
        object_type=object_type,
        object_id=object_id,
        outcome=Outcome.DENIED,
        details={"path": request.path[:200], **details},
    )


def audit_chain_problems(*, batch_size: int = 2000) -> tuple[int, list[ChainProblem]]:
    """Check the sealed chain and the latest checkpoint. Returns (rows checked, problems)."""
    report = audit_verify_report(batch_size=batch_size)
    return report.checked, report.problems
