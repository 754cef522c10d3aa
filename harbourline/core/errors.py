"""Error pages. An app may answer an error in its own layout through ``registry.register_error_page``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .registry import error_page_for


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403, with the plain reason a service or selector gave (``Refused.message``) when there is one."""
    reason = getattr(exception, "message", "") if exception is not None else ""
    return render(
        request, "core/errors/403.html", {"reason": reason if isinstance(reason, str) else ""}, status=403
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page_for(request, "not_found") or render(request, "core/errors/404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form came back without a valid security token (open too long, or cookies blocked)."""
    return error_page_for(request, "csrf") or render(request, "core/errors/csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/errors/500.html", status=500)
