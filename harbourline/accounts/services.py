"""Every write to agencies and users. Actor first, permission checked here, audited in the same transaction.

``actor`` is the signed-in user, or None for the system itself (management commands, the demo seeder, loading
a country profile): only code run from the server's shell passes None. A refusal raises PermissionDenied and
writes one 'denied' audit row (outside the refused action's transaction, so it stays) and changes nothing.

Separation of duties (security property 28):
- nobody changes their own roles, agency, second factor or email here (they still change their own password
  and make new recovery codes);
- granting a role that reads case content or manages users, and changing another user's email,
  authenticator or password, is stored as a PendingAccountChange and applies only when a second administrator
  approves it (a temporary password only for a user holding such a role);
- an administrator never holds a role that reads case content.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from harbourline.audit.actions import PlatformAction
from harbourline.audit.models import Outcome
from harbourline.audit.services import audit_record

from .actions import AccountAction
from .models import (
    Agency,
    AuthenticatorDevice,
    ChangeKind,
    ChangeStatus,
    PendingAccountChange,
    RecoveryCode,
    RecoveryCodeDevice,
    RoleAssignment,
    User,
    new_recovery_code,
    recovery_code_digest,
)
from .permissions import Perm, Role, needs_second_approval, reads_case_content

AGENCY_FIELDS = (
    "name",
    "short_name",
    "agency_type",
    "district",
    "email",
    "phone",
    "address",
    "services",
    "is_active",
)
USER_FIELDS = ("first_name", "last_name", "email", "job_title", "phone", "agency", "is_active")
RECOVERY_CODE_COUNT = 10
TEMPORARY_PASSWORD_LIFETIME = datetime.timedelta(hours=72)
OWN_ACCOUNT_MESSAGE = (
    "Nobody changes their own roles, agency, email or authenticator. Ask another administrator."
)
TWO_HATS_MESSAGE = (
    "An administrator cannot also hold a role that reads case content ({roles}). "
    "Give casework to a separate account."
)


# --- refusals ----------------------------------------------------------------------------------------


def _refuse(
    actor: User | None, *, service: str, object_type: str, object_id: object, reason: str, message: str
) -> NoReturn:
    audit_record(
        actor=actor,
        action=PlatformAction.ACCESS_DENIED,
        object_type=object_type,
        object_id=object_id,
        outcome=Outcome.DENIED,
        details={"service": service, "reason": reason},
    )
    raise PermissionDenied(message)


def _require(
    actor: User | None, perm: Perm, *, service: str, object_type: str, object_id: object = ""
) -> None:
    if actor is None:  # the system (shell commands)
        return
    if not actor.has_hl_perm(perm):
        _refuse(
            actor,
            service=service,
            object_type=object_type,
            object_id=object_id,
            reason="permission",
            message="Your role does not allow this change.",
        )


def _require_other(actor: User | None, user: User, *, service: str) -> None:
    if actor is not None and actor.pk == user.pk:
        _refuse(
            actor,
            service=service,
            object_type="user",
            object_id=user.pk,
            reason="own_account",
            message=OWN_ACCOUNT_MESSAGE,
        )


def _check_no_two_hats(roles: Iterable[str]) -> None:
    codes = set(roles)
    case_roles = sorted(Role(code).label for code in codes if reads_case_content(code))
    if Role.ADMINISTRATOR.value in codes and case_roles:
        raise ValidationError(TWO_HATS_MESSAGE.format(roles=", ".join(case_roles)))


# --- notifications -------------------------------------------------------------------------------------

_NOTICE_SUBJECT = {
    ChangeStatus.PENDING: "Harbourline: a change to your account is waiting for approval",
    ChangeStatus.APPROVED: "Harbourline: a change to your account was approved",
    ChangeStatus.REJECTED: "Harbourline: a change to your account was not made",
}
_NOTICE_TEXT = {
    ChangeStatus.PENDING: (
        "An administrator asked for this change to your Harbourline account:\n\n    {change}\n\n"
        "A second administrator must approve it before it takes effect."
    ),
    ChangeStatus.APPROVED: (
        "A second administrator approved this change to your Harbourline account. It applies now:\n\n"
        "    {change}"
    ),
    ChangeStatus.REJECTED: (
        "This change to your Harbourline account was asked for and then rejected. Nothing changed:\n\n"
        "    {change}"
    ),
}
_NOTICE_FOOTER = (
    "\n\nIf you did not expect this, tell your supervisor or your administrator.\n"
    "This message was sent automatically. Please do not reply to it."
)


def _notify(change: PendingAccountChange, status: str, addresses: Iterable[str]) -> None:
    """Tell the user about a change to their account, after the transaction commits. The mail names the kind
    of change only: no case data, no password, no address."""
    recipients = sorted({address for address in addresses if address})
    if not recipients:
        return
    subject = _NOTICE_SUBJECT[ChangeStatus(status)]
    body = _NOTICE_TEXT[ChangeStatus(status)].format(change=change.describe()) + _NOTICE_FOOTER

    def send() -> None:
        for address in recipients:  # one mail each: nobody learns another address
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])

    transaction.on_commit(send, robust=True)


def _request_change(
    actor: User, user: User, kind: ChangeKind, payload: dict[str, Any]
) -> PendingAccountChange:
    """Store a change for a second administrator, audited and notified. A pending change of the same kind and
    payload is not asked for twice."""
    existing = [
        change
        for change in PendingAccountChange.objects.filter(user=user, kind=kind, status=ChangeStatus.PENDING)
        if change.payload == payload
    ]
    if existing:
        return existing[0]
    change = PendingAccountChange.objects.create(user=user, kind=kind, payload=payload, requested_by=actor)
    details: dict[str, Any] = {"change": change.pk, "kind": kind.value}
    if kind == ChangeKind.ROLES:
        details["roles"] = list(payload["add"])
    audit_record(
        actor=actor,
        action=AccountAction.CHANGE_REQUESTED,
        object_type="user",
        object_id=user.pk,
        details=details,
    )
    _notify(change, ChangeStatus.PENDING, [user.email])
    return change


def _pending_roles(user: User) -> set[str]:
    codes: set[str] = set()
    for payload in PendingAccountChange.objects.filter(
        user=user, kind=ChangeKind.ROLES, status=ChangeStatus.PENDING
    ).values_list("payload", flat=True):
        codes |= set(payload.get("add", []))
    return codes


# --- agencies -----------------------------------------------------------------------------------------


def agency_create(actor: User | None, **fields: Any) -> Agency:
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agency fields: {sorted(unknown)}")
    _require(actor, Perm.AGENCY_MANAGE, service="agency_create", object_type="agency")
    with transaction.atomic():
        agency = Agency(**fields)
        agency.full_clean()
        agency.save()
        audit_record(
            actor=actor,
            action=PlatformAction.AGENCY_CREATED,
            object_type="agency",
            object_id=agency.pk,
            actor_label="system",
            details={"agency_type": agency.agency_type},
        )
    return agency


def agency_update(actor: User | None, *, agency: Agency, **fields: Any) -> Agency:
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agency fields: {sorted(unknown)}")
    _require(actor, Perm.AGENCY_MANAGE, service="agency_update", object_type="agency", object_id=agency.pk)
    with transaction.atomic():
        changed = sorted(name for name, value in fields.items() if getattr(agency, name) != value)
        for name, value in fields.items():
            setattr(agency, name, value)
        agency.full_clean()
        agency.save()
        audit_record(
            actor=actor,
            action=PlatformAction.AGENCY_UPDATED,
            object_type="agency",
            object_id=agency.pk,
            actor_label="system",
            details={"fields": changed},
        )
    return agency


# --- users --------------------------------------------------------------------------------------------


def _set_roles(user: User, roles: Iterable[str]) -> tuple[list[str], list[str]]:
    wanted = {Role(code).value for code in roles}
    current = set(user.role_assignments.values_list("role", flat=True))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    user.role_assignments.filter(role__in=removed).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=code) for code in added])
    user.forget_cached_roles()
    return added, removed


def _split_grant(actor: User | None, added: Iterable[str]) -> tuple[set[str], set[str]]:
    """(roles granted at once, roles that wait for a second administrator). The system grants everything."""
    added = set(added)
    if actor is None:
        return added, set()
    waiting = {code for code in added if needs_second_approval(code)}
    return added - waiting, waiting


def user_create(
    actor: User | None,
    *,
    username: str,
    password: str,
    roles: Iterable[str],
    must_change_password: bool = True,
    is_demo: bool = False,
    **fields: Any,
) -> User:
    """Create a user. ``password`` is a temporary one (changed at first login, valid 72 hours) unless
    ``must_change_password`` is False (demo users). Roles that read case content or manage users wait for
    a second administrator."""
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown user fields: {sorted(unknown)}")
    _require(actor, Perm.USER_MANAGE, service="user_create", object_type="user")
    wanted = {Role(code).value for code in roles}
    _check_no_two_hats(wanted)
    now_roles, waiting = _split_grant(actor, wanted)
    with transaction.atomic():
        user = User(
            username=username,
            is_demo=is_demo,
            must_change_password=must_change_password,
            temporary_password_set_at=timezone.now() if must_change_password else None,
            **fields,
        )
        validate_password(password, user)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        added, _ = _set_roles(user, now_roles)
        audit_record(
            actor=actor,
            action=PlatformAction.USER_CREATED,
            object_type="user",
            object_id=user.pk,
            actor_label="system",
            details={"roles": added, "agency": user.agency_id},
        )
        if waiting and actor is not None:
            _request_change(actor, user, ChangeKind.ROLES, {"add": sorted(waiting)})
    return user


def user_update(actor: User | None, *, user: User, roles: Iterable[str] | None = None, **fields: Any) -> User:
    """Change a user's details and roles. A role change, a move or a deactivation ends the user's sessions.

    Nobody changes their own roles, agency or email. Removing roles, and granting roles that neither read case
    content nor manage users, apply at once; the other roles, and another user's email, wait for a second
    administrator (see ``account_change_approve``).
    """
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown user fields: {sorted(unknown)}")
    _require(actor, Perm.USER_MANAGE, service="user_update", object_type="user", object_id=user.pk)
    stored = User.objects.get(pk=user.pk)
    current = set(stored.role_assignments.values_list("role", flat=True))
    wanted = current if roles is None else {Role(code).value for code in roles}
    changed = sorted(name for name, value in fields.items() if getattr(stored, name) != value)
    if (
        actor is not None
        and actor.pk == user.pk
        and (wanted != current or {"agency", "email"} & set(changed))
    ):
        _refuse(
            actor,
            service="user_update",
            object_type="user",
            object_id=user.pk,
            reason="own_account",
            message=OWN_ACCOUNT_MESSAGE,
        )
    if wanted != current:
        _check_no_two_hats(wanted)
    now_added, waiting = _split_grant(actor, wanted - current)
    new_email = None
    if "email" in changed and actor is not None:
        new_email = str(fields.pop("email") or "")
        User._meta.get_field("email").clean(new_email, stored)
        changed.remove("email")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(user, name, value)
        user.full_clean(exclude=["password"])
        added, removed = _set_roles(user, (current & wanted) | now_added)
        if added or removed or "is_active" in changed or "agency" in changed:
            user.security_stamp = uuid.uuid4()
        user.save()
        audit_record(
            actor=actor,
            action=PlatformAction.USER_UPDATED,
            object_type="user",
            object_id=user.pk,
            actor_label="system",
            details={"fields": changed},
        )
        if added or removed:
            audit_record(
                actor=actor,
                action=PlatformAction.USER_ROLES_CHANGED,
                object_type="user",
                object_id=user.pk,
                actor_label="system",
                details={"added": added, "removed": removed},
            )
        if actor is not None:
            new_waiting = waiting - _pending_roles(user)
            if new_waiting:
                _request_change(actor, user, ChangeKind.ROLES, {"add": sorted(new_waiting)})
            if new_email is not None:
                _request_change(actor, user, ChangeKind.EMAIL, {"email": new_email})
    return user


def user_set_temporary_password(
    actor: User | None, *, user: User, password: str
) -> PendingAccountChange | None:
    """Give another user a temporary password (they forgot theirs, or it expired). It must be changed at the
    next login, before anything else, and works for 72 hours. For a user whose roles read case content or
    manage users it waits for a second administrator (returned); otherwise it applies at once (None)."""
    _require(
        actor, Perm.USER_MANAGE, service="user_set_temporary_password", object_type="user", object_id=user.pk
    )
    _require_other(actor, user, service="user_set_temporary_password")
    validate_password(password, user)
    with transaction.atomic():
        if actor is not None and any(needs_second_approval(code) for code in user.role_codes()):
            hashed = make_password(password)
            return _request_change(actor, user, ChangeKind.TEMPORARY_PASSWORD, {"password_hash": hashed})
        _apply_temporary_password(actor, user, make_password(password))
    return None


def _apply_temporary_password(actor: User | None, user: User, password_hash: str) -> None:
    user.password = password_hash
    user.must_change_password = True
    user.temporary_password_set_at = timezone.now()
    user.security_stamp = uuid.uuid4()
    user.save(
        update_fields=["password", "must_change_password", "temporary_password_set_at", "security_stamp"]
    )
    audit_record(
        actor=actor,
        action=AccountAction.TEMPORARY_PASSWORD_SET,
        object_type="user",
        object_id=user.pk,
        actor_label="system",
    )


def temporary_password_expired(user: User) -> bool:
    """A temporary password older than 72 hours (or of unknown age) no longer logs in."""
    if not user.must_change_password:
        return False
    set_at = user.temporary_password_set_at
    return set_at is None or timezone.now() - set_at > TEMPORARY_PASSWORD_LIFETIME


def user_change_password(actor: User, *, user: User, new_password: str, reset: bool = False) -> User:
    """Set one's own new password (the account page, a reset link, or the first login with a temporary
    password). Every other session of the user ends (its auth hash no longer matches)."""
    _require_other_is_self(actor, user, service="user_change_password")
    if user.must_change_password and user.check_password(new_password):
        raise ValidationError("Choose a password different from the temporary one.")
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.security_stamp = uuid.uuid4()
        user.must_change_password = False
        user.temporary_password_set_at = None
        user.save(
            update_fields=["password", "security_stamp", "must_change_password", "temporary_password_set_at"]
        )
        action = PlatformAction.PASSWORD_RESET_COMPLETED if reset else PlatformAction.PASSWORD_CHANGED
        audit_record(actor=actor, action=action, object_type="user", object_id=user.pk)
    return user


def _require_other_is_self(actor: User | None, user: User, *, service: str) -> None:
    if actor is None or actor.pk != user.pk:
        _refuse(
            actor,
            service=service,
            object_type="user",
            object_id=user.pk,
            reason="not_own_account",
            message="Only the user themselves can do this.",
        )


@transaction.atomic
def user_end_other_sessions(*, user: User) -> None:
    user.security_stamp = uuid.uuid4()
    user.save(update_fields=["security_stamp"])


@transaction.atomic
def second_factor_enrol(*, user: User, device: AuthenticatorDevice) -> list[str]:
    """Confirm a TOTP device and issue fresh recovery codes. Returns the codes, shown to the user once."""
    AuthenticatorDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _issue_recovery_codes(user)
    audit_record(
        actor=user, action=PlatformAction.SECOND_FACTOR_ENROLLED, object_type="user", object_id=user.pk
    )
    return codes


def _issue_recovery_codes(user: User, count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """New codes replace the old ones. Only keyed digests are stored; the codes are shown once."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [new_recovery_code() for _ in range(count)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(device=device, digest=recovery_code_digest(user.pk, code)) for code in codes]
    )
    return codes


def recovery_codes_issue(actor: User, *, user: User, count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """New recovery codes for oneself (the old ones stop working). Nobody makes them for someone else."""
    _require_other_is_self(actor, user, service="recovery_codes_issue")
    with transaction.atomic():
        codes = _issue_recovery_codes(user, count)
        audit_record(
            actor=actor,
            action=PlatformAction.RECOVERY_CODES_ISSUED,
            object_type="user",
            object_id=user.pk,
            actor_label="system",
            details={"count": count},
        )
    return codes


def second_factor_reset(actor: User | None, *, user: User) -> PendingAccountChange | None:
    """Remove another user's authenticator and recovery codes (lost phone): they enrol again at their next
    login. Waits for a second administrator (the pending change is returned); the system applies it at once."""
    _require(actor, Perm.USER_MANAGE, service="second_factor_reset", object_type="user", object_id=user.pk)
    _require_other(actor, user, service="second_factor_reset")
    with transaction.atomic():
        if actor is not None:
            return _request_change(actor, user, ChangeKind.SECOND_FACTOR, {})
        _apply_second_factor_reset(actor, user)
    return None


def _apply_second_factor_reset(actor: User | None, user: User) -> None:
    AuthenticatorDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    user.security_stamp = uuid.uuid4()
    user.save(update_fields=["security_stamp"])
    audit_record(
        actor=actor, action=PlatformAction.SECOND_FACTOR_RESET, object_type="user", object_id=user.pk
    )


def user_unlock(actor: User | None, *, user: User) -> None:
    from axes.utils import reset

    _require(actor, Perm.USER_MANAGE, service="user_unlock", object_type="user", object_id=user.pk)
    with transaction.atomic():
        reset(username=user.username)
        audit_record(actor=actor, action=PlatformAction.USER_UNLOCKED, object_type="user", object_id=user.pk)


# --- the second administrator ---------------------------------------------------------------------------


def _require_decider(actor: User, change: PendingAccountChange, *, service: str, approving: bool) -> None:
    if actor is None:
        raise TypeError("A change is decided by a signed-in administrator.")
    _require(actor, Perm.USER_MANAGE, service=service, object_type="account_change", object_id=change.pk)
    reason, message = "", ""
    if actor.pk == change.user_id:
        reason, message = "own_account", "A change to your own account is decided by another administrator."
    elif approving and actor.pk == change.requested_by_id:
        reason, message = (
            "same_administrator",
            "A second administrator must approve the change you asked for.",
        )
    if reason:
        _refuse(
            actor,
            service=service,
            object_type="account_change",
            object_id=change.pk,
            reason=reason,
            message=message,
        )


def _locked_pending(change: PendingAccountChange) -> PendingAccountChange:
    locked = PendingAccountChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    if locked.status != ChangeStatus.PENDING:
        raise ValidationError("This change was already decided.")
    return locked


def account_change_approve(actor: User, *, change: PendingAccountChange) -> PendingAccountChange:
    """A second administrator (not the one who asked, not the user concerned) approves: the change applies."""
    _require_decider(actor, change, service="account_change_approve", approving=True)
    with transaction.atomic():
        change = _locked_pending(change)
        user = change.user
        notify = [user.email]
        if change.kind == ChangeKind.ROLES:
            current = set(user.role_assignments.values_list("role", flat=True))
            adding = set(change.payload.get("add", [])) - current
            _check_no_two_hats(current | adding)
            added, _ = _set_roles(user, current | adding)
            user.security_stamp = uuid.uuid4()
            user.save(update_fields=["security_stamp"])
            audit_record(
                actor=actor,
                action=PlatformAction.USER_ROLES_CHANGED,
                object_type="user",
                object_id=user.pk,
                details={"added": added, "removed": [], "change": change.pk},
            )
        elif change.kind == ChangeKind.EMAIL:
            user.email = str(change.payload.get("email", ""))
            user.full_clean(exclude=["password"])
            user.save(update_fields=["email"])
            notify.append(user.email)
            audit_record(
                actor=actor,
                action=PlatformAction.USER_UPDATED,
                object_type="user",
                object_id=user.pk,
                details={"fields": ["email"], "change": change.pk},
            )
        elif change.kind == ChangeKind.SECOND_FACTOR:
            _apply_second_factor_reset(actor, user)
        elif change.kind == ChangeKind.TEMPORARY_PASSWORD:
            _apply_temporary_password(actor, user, str(change.payload["password_hash"]))
        change.status = ChangeStatus.APPROVED
        change.decided_by = actor
        change.decided_at = timezone.now()
        if change.kind == ChangeKind.TEMPORARY_PASSWORD:
            change.payload = {}  # the hash is on the user now; keep no second copy
        change.save(update_fields=["status", "decided_by", "decided_at", "payload"])
        audit_record(
            actor=actor,
            action=AccountAction.CHANGE_APPROVED,
            object_type="user",
            object_id=user.pk,
            details={"change": change.pk, "kind": change.kind, "requested_by": change.requested_by_id},
        )
        _notify(change, ChangeStatus.APPROVED, notify)
    return change


def account_change_reject(actor: User, *, change: PendingAccountChange, reason: str) -> PendingAccountChange:
    """Reject a waiting change with a reason (the administrator who asked may withdraw it this way)."""
    _require_decider(actor, change, service="account_change_reject", approving=False)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the change is rejected.")
    with transaction.atomic():
        change = _locked_pending(change)
        change.status = ChangeStatus.REJECTED
        change.decided_by = actor
        change.decided_at = timezone.now()
        change.reason = reason[:1000]
        change.payload = {} if change.kind == ChangeKind.TEMPORARY_PASSWORD else change.payload
        change.save(update_fields=["status", "decided_by", "decided_at", "reason", "payload"])
        audit_record(
            actor=actor,
            action=AccountAction.CHANGE_REJECTED,
            object_type="user",
            object_id=change.user_id,
            details={"change": change.pk, "kind": change.kind, "requested_by": change.requested_by_id},
        )
        _notify(change, ChangeStatus.REJECTED, [change.user.email])
    return change
