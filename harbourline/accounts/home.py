"""Home-page panel for user managers: account changes waiting for them as the second administrator."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from harbourline.core.registry import HomePanel, register_panel

from .models import ChangeStatus, PendingAccountChange
from .permissions import Perm


def _waiting_for_me(request: HttpRequest) -> dict[str, Any] | None:
    me = request.user
    count = (
        PendingAccountChange.objects.filter(status=ChangeStatus.PENDING)
        .exclude(Q(requested_by_id=me.pk) | Q(user_id=me.pk))
        .count()
    )
    return {"waiting_count": count} if count else None


register_panel(
    HomePanel("account_approvals", "accounts/panels/approvals.html", (Perm.USER_MANAGE,), _waiting_for_me, 79)
)
