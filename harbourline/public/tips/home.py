from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from harbourline.accounts.permissions import Perm
from harbourline.core.registry import HomePanel, register_panel

from .selectors import tip_queue


def _triage(request: HttpRequest) -> dict[str, Any]:
    queue = tip_queue()
    return {
        "tips": list(queue[:8]),
        "open_count": queue.count(),
        "urgent_count": queue.filter(urgent=True).count(),
    }


register_panel(HomePanel("tip_queue", "tips/panel.html", (Perm.TIP_TRIAGE,), _triage, 5))
