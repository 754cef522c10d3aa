from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from harbourline.accounts.permissions import Perm

from .notifications import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The bell in the header: how many unread notices the signed-in user has."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_verified", lambda: False)():
        return {}
    if not (user.has_hl_perm(Perm.CASE_VIEW) or user.has_hl_perm(Perm.CASE_VIEW_NATIONAL)):
        return {}  # notices are about cases: no bell (and no query) for other roles
    return {"notification_count": unread_count(user)}  # type: ignore[arg-type]
