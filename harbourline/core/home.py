"""The platform's own home-page panels: the user's account, and administration at a glance."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from harbourline.accounts.models import Agency, RecoveryCode, User
from harbourline.accounts.permissions import Perm
from harbourline.audit.models import AuditEvent

from .registry import HomePanel, register_panel


def _account(request: HttpRequest) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    codes_left = RecoveryCode.objects.filter(device__user=user).count()
    return {"codes_left": codes_left}


def _administration(request: HttpRequest) -> dict[str, Any]:
    return {
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "user_count": User.objects.filter(is_active=True).count(),
    }


def _audit(request: HttpRequest) -> dict[str, Any]:
    return {"denied_recent": list(AuditEvent.objects.filter(outcome="denied").select_related("actor")[:5])}


register_panel(
    HomePanel("administration", "core/panels/administration.html", (Perm.USER_MANAGE,), _administration, 80)
)
register_panel(HomePanel("audit", "core/panels/audit.html", (Perm.AUDIT_VIEW,), _audit, 85))
register_panel(HomePanel("account", "core/panels/account.html", (), _account, 99))
