from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.utils import timezone

from .models import Tip, TipStatus

OPEN = (TipStatus.NEW, TipStatus.UNDER_REVIEW)


def tip_queue(*, status: str = "") -> QuerySet[Tip]:
    """Urgent first (danger now, child involved), then oldest first. The open queue is short: pages of 50."""
    qs: QuerySet[Tip] = Tip.objects.only(
        "id",
        "reference",
        "received_at",
        "status",
        "urgent",
        "district",
        "sector",
        "channel",
        "danger_now",
        "child_involved",
    )
    qs = qs.filter(status=status) if status else qs.filter(status__in=OPEN)
    return qs.order_by("-urgent", "received_at", "id")


def tip_get(tip_id: int) -> Tip:
    tip = Tip.objects.select_related("case", "duplicate_of").filter(pk=tip_id).first()
    if tip is None:
        raise Http404("No such tip.")
    return tip


def tips_per_week(*, weeks: int = 12) -> dict[str, Any]:
    """Tips per week by channel, and totals by district, sector and 'how did you hear' for the period."""
    since = timezone.now() - datetime.timedelta(weeks=weeks)
    recent = Tip.objects.filter(received_at__gte=since)
    by_week: dict[datetime.date, Counter[str]] = {}
    for row in (
        recent.annotate(week=TruncWeek("received_at")).values("week", "channel").annotate(n=Count("*"))
    ):
        by_week.setdefault(row["week"].date() if hasattr(row["week"], "date") else row["week"], Counter())[
            row["channel"]
        ] += row["n"]

    def totals(field: str) -> list[tuple[str, int]]:
        rows = recent.values(field).annotate(n=Count("*")).order_by("-n")
        return [(r[field] or "unknown", r["n"]) for r in rows]

    weeks_sorted = sorted(by_week.items())
    return {
        "weeks": [(week, counts.get("web", 0), counts.get("hotline", 0)) for week, counts in weeks_sorted],
        "by_district": totals("district"),
        "by_sector": totals("sector"),
        "by_heard_via": totals("heard_via"),
        "total": recent.count(),
        "since": since,
    }
