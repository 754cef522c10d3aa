"""Integration tokens: made and revoked by an administrator, each audited. A token's roles that read case
content wait for a second administrator, through the accounts' pending-change approval (the token's service
user is an account like any other, with no password)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from harbourline.accounts.permissions import Perm, Role
from harbourline.audit.models import Outcome
from harbourline.audit.services import audit_record

from .actions import ApiAction

if TYPE_CHECKING:
    from harbourline.accounts.models import Agency, User

    from .models import ApiToken

MAX_LIFETIME = datetime.timedelta(days=366)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _require_admin(actor: User, service: str, object_id: object = "") -> None:
    if actor is None or not actor.is_authenticated or not actor.has_hl_perm(Perm.USER_MANAGE):
        audit_record(
            actor=actor,
            action=ApiAction.TOKEN_REFUSED,
            object_type="api_token",
            object_id=object_id,
            outcome=Outcome.DENIED,
            details={"service": service, "reason": "permission"},
        )
        raise PermissionDenied("Only an administrator manages integration tokens.")


def api_token_create(
    actor: User,
    *,
    name: str,
    agency: Agency,
    roles: Iterable[str],
    scopes: Iterable[str],
    expires_at: datetime.datetime,
) -> tuple[ApiToken, str]:
    """Make a token and its service user. Returns the token and its secret, which is shown once and never
    stored. Roles that read case content apply only when a second administrator approves them."""
    from harbourline.accounts.services import user_create

    from .models import ApiToken, Scope

    _require_admin(actor, "api_token_create")
    name = name.strip()
    roles = sorted(set(roles))
    scopes = sorted(set(scopes))
    problems = []
    if not name:
        problems.append("Give the token the name of the partner system.")
    unknown_roles = [r for r in roles if r not in Role._value2member_map_]
    if unknown_roles or not roles:
        problems.append(f"Choose roles among {', '.join(Role)}.")
    if Role.ADMINISTRATOR.value in roles:
        problems.append("A token cannot hold the administrator role.")
    if not scopes or any(s not in Scope.values for s in scopes):
        problems.append(f"Choose scopes among {', '.join(Scope.values)}.")
    now = timezone.now()
    if expires_at <= now or expires_at - now > MAX_LIFETIME:
        problems.append("The expiry must be in the future and at most a year away.")
    if agency is None or not agency.is_active:
        problems.append("Bind the token to an active agency.")
    if problems:
        raise ValidationError(problems)
    raw = "hl_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        user = user_create(
            actor,
            username=f"api-{slugify(name)[:60]}-{secrets.token_hex(3)}",
            password=secrets.token_urlsafe(48),
            roles=roles,
            must_change_password=False,
            agency=agency,
            job_title=f"Integration: {name}"[:100],
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        token = ApiToken.objects.create(
            name=name,
            user=user,
            scopes=scopes,
            token_hash=token_hash(raw),
            prefix=raw[:10],
            expires_at=expires_at,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=ApiAction.TOKEN_CREATED,
            object_type="api_token",
            object_id=token.pk,
            details={
                "user": user.pk,
                "agency": agency.pk,
                "roles": roles,
                "scopes": scopes,
                "expires_at": expires_at.isoformat(),
            },
        )
    return token, raw


def api_token_revoke(actor: User, *, token: ApiToken) -> ApiToken:
    """The token stops working at once; its service user is deactivated. Revoking twice changes nothing."""
    from .models import ApiToken

    _require_admin(actor, "api_token_revoke", token.pk)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if locked.revoked_at is not None:
            return locked
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        locked.user.is_active = False
        locked.user.save(update_fields=["is_active"])
        audit_record(
            actor=actor, action=ApiAction.TOKEN_REVOKED, object_type="api_token", object_id=locked.pk
        )
    return locked
