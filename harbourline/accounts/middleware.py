"""Session lifetime (30 minutes idle, 12 hours at most) and the second-factor requirement."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

LOGIN_AT = "hl_login_at"
LAST_SEEN = "hl_last_seen"


def now_ts() -> float:
    return timezone.now().timestamp() if settings.USE_TZ else time.time()


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = now_ts()
            login_at = float(request.session.get(LOGIN_AT, now))
            last_seen = float(request.session.get(LAST_SEEN, now))
            too_old = now - login_at > settings.HARBOURLINE_SESSION_MAX_AGE
            idle = now - last_seen > settings.SESSION_COOKIE_AGE
            if too_old or idle:
                from harbourline.audit.actions import PlatformAction
                from harbourline.audit.services import audit_record

                audit_record(
                    actor=user,  # type: ignore[arg-type]
                    action=PlatformAction.SESSION_EXPIRED,
                    object_type="user",
                    object_id=user.pk,
                    details={"reason": "max_age" if too_old else "idle"},
                )
                logout(request)
                messages.info(request, "Your session ended. Please log in again.")
                return redirect(settings.LOGIN_URL)
            request.session[LOGIN_AT] = login_at
            request.session[LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """A session that is logged in but has not passed the second factor is ended: it cannot happen through
    our login views, so it is treated as tampering."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            logout(request)
            return redirect(settings.LOGIN_URL)
        return self.get_response(request)
