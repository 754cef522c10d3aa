from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from harbourline.country.selectors import active_profile

from .registry import nav_for


def harbourline(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated and user.is_verified())  # type: ignore[union-attr,attr-defined]
    return {
        "country": active_profile(),
        "nav_items": nav_for(user) if signed_in else [],  # type: ignore[arg-type]
        "signed_in": signed_in,
    }
