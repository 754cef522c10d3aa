"""The one way to write the audit trail. Call it inside the transaction of the action it records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from .actions import AuditAction
from .models import AuditChainHead, AuditEvent, Outcome

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


def _locked_head() -> AuditChainHead:
    try:
        return AuditChainHead.objects.select_for_update().get(pk=1)
    except AuditChainHead.DoesNotExist:
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(pk=1)
        except IntegrityError:
            pass
        return AuditChainHead.objects.select_for_update().get(pk=1)


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
    # No savepoint: inside an action's transaction a failed audit write must fail the whole action anyway,
    # and two round trips fewer matter on every audited request.
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        is_user = actor is not None and getattr(actor, "pk", None) is not None
        event = AuditEvent(
            seq=head.last_seq + 1,
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
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        head.last_seq, head.last_hash = event.seq, event.hash
        head.save(update_fields=["last_seq", "last_hash"])
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


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"row #{self.seq}: {self.problem}"


def audit_chain_problems(*, batch_size: int = 2000) -> tuple[int, list[ChainProblem]]:
    """Walk the whole chain. Returns (rows checked, problems); no problems means nothing was changed or removed."""
    problems: list[ChainProblem] = []
    expected_seq, prev_hash, checked, last_seq = 1, "0" * 64, 0, 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gte=expected_seq).order_by("seq")[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.seq != expected_seq:
                problems.append(
                    ChainProblem(expected_seq, f"missing (rows {expected_seq}-{event.seq - 1} removed)")
                )
            if event.prev_hash != prev_hash:
                problems.append(ChainProblem(event.seq, "does not link to the row before it"))
            if event.compute_hash() != event.hash:
                problems.append(ChainProblem(event.seq, "its content was changed after it was written"))
            prev_hash, expected_seq, last_seq = event.hash, event.seq + 1, event.seq
            checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_seq != last_seq:
        problems.append(
            ChainProblem(head.last_seq, f"the chain ends at #{last_seq}; rows after it were removed")
        )
    elif head is not None and head.last_hash != prev_hash:
        problems.append(ChainProblem(last_seq, "the last row does not match the chain head"))
    return checked, problems
