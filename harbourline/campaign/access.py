"""Who may do what in the campaign app. The campaign officer plans and records; the national coordinator (and
the analyst) read everything. Services and selectors call these with the actor first; views only route.

The campaign app has no page anyone may open without logging in (PUBLIC_URL_NAMES is empty)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Perm

PUBLIC_URL_NAMES: set[str] = set()

READ_PERMS = (Perm.CAMPAIGN_MANAGE, Perm.STATS_VIEW, Perm.CASE_VIEW_NATIONAL)
WRITE_PERMS = (Perm.CAMPAIGN_MANAGE,)


def can_read(user: User | None) -> bool:
    return user is not None and any(user.has_hl_perm(p) for p in READ_PERMS)


def can_manage(user: User | None) -> bool:
    return user is not None and user.has_hl_perm(Perm.CAMPAIGN_MANAGE)


def require_manage(user: User | None) -> None:
    if not can_manage(user):
        raise PermissionDenied("Only a campaign officer may change the campaign.")


def require_read(user: User | None) -> None:
    if not can_read(user):
        raise PermissionDenied("You may not see the campaign's records.")
