"""Audit actions are enums. The platform's are here; each app defines its own enum and registers it in its
AppConfig.ready(), so the audit trail can show and filter every action without the audit app knowing the
others."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    """Base for every app's audit actions. Values are 'area.verb' and at most 64 characters."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").replace(".", ": ", 1).capitalize()


class PlatformAction(AuditAction):
    LOGIN = "auth.login"
    LOGIN_FAILED = "auth.login_failed"
    LOCKED_OUT = "auth.locked_out"
    SECOND_FACTOR_FAILED = "auth.second_factor_failed"
    SECOND_FACTOR_ENROLLED = "auth.second_factor_enrolled"
    SECOND_FACTOR_RESET = "auth.second_factor_reset"
    RECOVERY_CODE_USED = "auth.recovery_code_used"
    RECOVERY_CODES_ISSUED = "auth.recovery_codes_issued"
    LOGOUT = "auth.logout"
    SESSION_EXPIRED = "auth.session_expired"
    PASSWORD_CHANGED = "auth.password_changed"
    PASSWORD_RESET_REQUESTED = "auth.password_reset_requested"
    PASSWORD_RESET_COMPLETED = "auth.password_reset_completed"
    ACCESS_DENIED = "access.denied"
    AGENCY_CREATED = "agency.created"
    AGENCY_UPDATED = "agency.updated"
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    USER_ROLES_CHANGED = "user.roles_changed"
    USER_UNLOCKED = "user.unlocked"
    AUDIT_VIEWED = "audit.viewed"
    AUDIT_VERIFIED = "audit.verified"
    AUDIT_CHECKPOINT_DOWNLOADED = "audit.checkpoint_downloaded"
    COUNTRY_LOADED = "country.loaded"
    KEYS_ROTATED = "crypto.keys_rotated"
    DEMO_SEEDED = "demo.seeded"


_REGISTRY: dict[str, AuditAction] = {}


def register_actions(enum_cls: type[AuditAction]) -> None:
    for member in enum_cls:
        existing = _REGISTRY.get(member.value)
        if existing is not None and type(existing) is not enum_cls:
            raise ValueError(f"Audit action {member.value!r} is defined twice.")
        if len(member.value) > 64:
            raise ValueError(f"Audit action {member.value!r} is longer than 64 characters.")
        _REGISTRY[member.value] = member


def all_actions() -> list[AuditAction]:
    return sorted(_REGISTRY.values(), key=lambda a: a.value)


def registered_action(value: str) -> AuditAction | None:
    return _REGISTRY.get(value)


def action_label(value: str) -> str:
    action = _REGISTRY.get(value)
    return action.label if action else value
