from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from harbourline.accounts.permissions import Perm


def by_token(request: Request) -> bool:
    from .models import ApiToken

    return isinstance(request.auth, ApiToken)


class SignedInWithSecondFactor(BasePermission):
    """A session that passed the password and the second factor (as the web pages require), or a valid
    integration token carrying the view's scope (``required_scope``) when the view names one."""

    message = "Log in with your password and your authenticator code, or send a valid integration token."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if by_token(request):
            scope = getattr(view, "required_scope", None)
            return scope is None or scope in request.auth.scopes  # type: ignore[union-attr]
        return bool(user.is_verified())  # type: ignore[union-attr,attr-defined]


def holds(*perms: Perm) -> type[BasePermission]:
    """A DRF permission class: signed in with the second factor and holding one of ``perms``."""

    class Holds(SignedInWithSecondFactor):
        def has_permission(self, request: Request, view: Any) -> bool:
            return super().has_permission(request, view) and any(
                request.user.has_hl_perm(p)  # type: ignore[union-attr]
                for p in perms
            )

    Holds.__name__ = "Holds_" + "_".join(p.name for p in perms)
    return Holds
