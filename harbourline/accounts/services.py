"""Every write to agencies and users. Atomic, actor first, audited in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from harbourline.audit.actions import PlatformAction
from harbourline.audit.services import audit_record

from .models import (
    Agency,
    AuthenticatorDevice,
    RecoveryCode,
    RecoveryCodeDevice,
    RoleAssignment,
    User,
    new_recovery_code,
    recovery_code_digest,
)
from .permissions import Role

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


@transaction.atomic
def agency_create(*, actor: User | None, **fields: Any) -> Agency:
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agency fields: {sorted(unknown)}")
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


@transaction.atomic
def agency_update(*, actor: User | None, agency: Agency, **fields: Any) -> Agency:
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agency fields: {sorted(unknown)}")
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


def _set_roles(user: User, roles: Iterable[str]) -> tuple[list[str], list[str]]:
    wanted = {Role(code).value for code in roles}
    current = set(user.role_assignments.values_list("role", flat=True))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    user.role_assignments.filter(role__in=removed).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=code) for code in added])
    user.forget_cached_roles()
    return added, removed


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    roles: Iterable[str],
    must_change_password: bool = True,
    is_demo: bool = False,
    **fields: Any,
) -> User:
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown user fields: {sorted(unknown)}")
    user = User(username=username, is_demo=is_demo, must_change_password=must_change_password, **fields)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    added, _ = _set_roles(user, roles)
    audit_record(
        actor=actor,
        action=PlatformAction.USER_CREATED,
        object_type="user",
        object_id=user.pk,
        actor_label="system",
        details={"roles": added, "agency": user.agency_id},
    )
    return user


@transaction.atomic
def user_update(*, actor: User | None, user: User, roles: Iterable[str] | None = None, **fields: Any) -> User:
    """Change a user's details and roles. A role change or deactivation ends all of the user's sessions."""
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown user fields: {sorted(unknown)}")
    changed = sorted(name for name, value in fields.items() if getattr(user, name) != value)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    added: list[str] = []
    removed: list[str] = []
    if roles is not None:
        added, removed = _set_roles(user, roles)
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
    return user


@transaction.atomic
def user_change_password(*, actor: User, user: User, new_password: str, reset: bool = False) -> User:
    """Set a new password. Every other session of the user ends (its auth hash no longer matches)."""
    validate_password(new_password, user)
    user.set_password(new_password)
    user.security_stamp = uuid.uuid4()
    user.must_change_password = False
    user.save(update_fields=["password", "security_stamp", "must_change_password"])
    action = PlatformAction.PASSWORD_RESET_COMPLETED if reset else PlatformAction.PASSWORD_CHANGED
    audit_record(actor=actor, action=action, object_type="user", object_id=user.pk)
    return user


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


@transaction.atomic
def recovery_codes_issue(*, actor: User, user: User, count: int = RECOVERY_CODE_COUNT) -> list[str]:
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


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> None:
    """Remove a user's devices (lost phone): they enrol again at their next login."""
    AuthenticatorDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    user.security_stamp = uuid.uuid4()
    user.save(update_fields=["security_stamp"])
    audit_record(
        actor=actor, action=PlatformAction.SECOND_FACTOR_RESET, object_type="user", object_id=user.pk
    )


@transaction.atomic
def user_unlock(*, actor: User, user: User) -> None:
    from axes.utils import reset

    reset(username=user.username)
    audit_record(actor=actor, action=PlatformAction.USER_UNLOCKED, object_type="user", object_id=user.pk)
