"""Home panel: the campaign officer and the coordinator see the campaigns running now and their reach."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from harbourline.core.registry import HomePanel, register_panel

from .access import READ_PERMS
from .selectors import ReachRow, activities_of, campaigns_visible_to


def _running(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    user = request.user
    rows = []
    for campaign in campaigns_visible_to(user).filter(end_date__gte=today)[:5]:  # type: ignore[arg-type]
        total = ReachRow("all", campaign.name)
        for activity in activities_of(user, campaign):  # type: ignore[arg-type]
            total.add(activity)
        rows.append({"campaign": campaign, "total": total, "running": campaign.start_date <= today})
    return {"rows": rows}


register_panel(HomePanel("campaign", "campaign/panels/campaigns.html", READ_PERMS, _running, 42))
