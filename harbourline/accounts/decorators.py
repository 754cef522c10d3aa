"""How views declare who may reach them. The URL-walking access test reads these marks.

- ``@public``: anyone, no login (public site, tip form, health check). Keep this list short.
- ``@login_only``: any signed-in staff member (home, own account).
- ``@require_perm(Perm.X)``: signed-in staff holding the permission; others get 403 and a 'denied' audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from .permissions import Perm

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def public(view: ViewFunc) -> ViewFunc:
    view.harbourline_access = "public"  # type: ignore[attr-defined]
    return view


def _signed_in(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_verified())  # type: ignore[attr-defined]


def login_only(view: ViewFunc) -> ViewFunc:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _signed_in(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.harbourline_access = "login"  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def require_perm(*perms: Perm) -> Callable[[ViewFunc], ViewFunc]:
    """The user needs at least one of ``perms``."""

    def decorate(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not _signed_in(request):
                return redirect_to_login(request.get_full_path())
            if not any(request.user.has_hl_perm(perm) for perm in perms):  # type: ignore[union-attr]
                from harbourline.audit.services import audit_denied

                audit_denied(request, object_type="view", object_id=getattr(view, "__name__", "view")[:64])
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.harbourline_access = "perm"  # type: ignore[attr-defined]
        wrapper.harbourline_perms = perms  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
