"""Home panel for the coordinator and analysts: where the national figures and the questionnaires are."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from harbourline.accounts.permissions import Perm
from harbourline.core.registry import HomePanel, register_panel

from .annual import REPORTS


def _figures(request: HttpRequest) -> dict[str, Any]:
    return {"reports": REPORTS, "last_year": timezone.localdate().year - 1}


register_panel(HomePanel("stats_figures", "stats/panels/figures.html", (Perm.STATS_VIEW,), _figures, 70))
