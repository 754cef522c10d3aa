"""Home panels: trainers see the sessions to take attendance for; the focal point the upcoming workshops."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from harbourline.accounts.permissions import Perm
from harbourline.core.registry import HomePanel, register_panel

from .models import Session, WorkshopStatus
from .reports import upcoming_workshops
from .selectors import workshops_visible_to


def _next_sessions(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    visible = workshops_visible_to(request.user).exclude(status=WorkshopStatus.CANCELLED)  # type: ignore[arg-type]
    sessions = (
        Session.objects.filter(workshop__in=visible, date__gte=today - datetime.timedelta(days=3))
        .select_related("workshop")
        .order_by("date", "starts_at")[:8]
    )
    return {"sessions": list(sessions), "today": today}


def _upcoming(request: HttpRequest) -> dict[str, Any]:
    return {"upcoming": upcoming_workshops(6)}


register_panel(
    HomePanel("training_sessions", "training/panels/sessions.html", (Perm.TRAINING_RUN,), _next_sessions, 40)
)
register_panel(
    HomePanel("training_upcoming", "training/panels/upcoming.html", (Perm.TRAINING_MANAGE,), _upcoming, 41)
)
