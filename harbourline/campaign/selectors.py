"""Reads of the campaign app, scoped to the user (actor first): the campaign officer and the readers named in
access.py see every campaign; anyone else sees none. Also the reach and cost figures."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.audit.services import audit_denied
from harbourline.country.selectors import district_name
from harbourline.public.tips.models import HeardVia, Tip

from .access import can_read
from .models import Activity, Audience, Campaign, Channel, Phase


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    return Campaign.objects.all() if can_read(user) else Campaign.objects.none()


def _denied(request: HttpRequest, object_type: str, pk: object) -> Http404:
    audit_denied(request, object_type=object_type, object_id=pk)
    return Http404("Not found")


def campaign_get_for_user(request: HttpRequest, pk: int) -> Campaign:
    campaign = campaigns_visible_to(request.user).filter(pk=pk).first()  # type: ignore[arg-type]
    if campaign is None:
        raise _denied(request, "campaign.campaign", pk)
    return campaign


def phase_get_for_user(request: HttpRequest, campaign: Campaign, pk: int) -> Phase:
    phase = Phase.objects.filter(campaign=campaign, pk=pk).first()
    if phase is None or not can_read(request.user):  # type: ignore[arg-type]
        raise _denied(request, "campaign.phase", pk)
    return phase


def activity_get_for_user(request: HttpRequest, campaign: Campaign, pk: int) -> Activity:
    activity = Activity.objects.filter(campaign=campaign, pk=pk).select_related("campaign", "phase").first()
    if activity is None or not can_read(request.user):  # type: ignore[arg-type]
        raise _denied(request, "campaign.activity", pk)
    return activity


def campaign_list(user: User) -> list[dict[str, Any]]:
    rows = []
    for campaign in campaigns_visible_to(user).annotate(n=Count("activities")):
        rows.append({"campaign": campaign, "activities": campaign.n})  # type: ignore[attr-defined]
    return rows


def activities_of(user: User, campaign: Campaign) -> QuerySet[Activity]:
    if not can_read(user):
        return Activity.objects.none()
    return (
        Activity.objects.filter(campaign=campaign)
        .select_related("phase")
        .prefetch_related("materials")
        .order_by("-date", "-pk")
    )


# --- reach and cost -----------------------------------------------------------------------------------------


def cost_per_person(cost: Decimal, reach: int) -> Decimal | None:
    if reach <= 0:
        return None
    return (cost / reach).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class ReachRow:
    key: str
    label: str
    activities: int = 0
    estimated: int = 0
    counted: int = 0
    reach: int = 0
    cost: Decimal = field(default_factory=lambda: Decimal("0"))
    materials: int = 0

    def add(self, a: Activity) -> None:
        self.activities += 1
        self.estimated += a.estimated_reach
        self.counted += a.counted_reach or 0
        self.reach += a.reach
        self.cost += a.cost
        self.materials += a.materials_distributed

    @property
    def cost_per_person(self) -> Decimal | None:
        return cost_per_person(self.cost, self.reach)


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[ReachRow]

    @property
    def biggest(self) -> int:
        return max((r.reach for r in self.rows), default=0)


def _group(activities: list[Activity], key: Callable[[Activity], tuple[str, str]]) -> list[ReachRow]:
    rows: dict[str, ReachRow] = {}
    for a in activities:
        code, label = key(a)
        rows.setdefault(code, ReachRow(code, label)).add(a)
    return list(rows.values())


def _month_label(day: datetime.date) -> tuple[str, str]:
    return day.strftime("%Y-%m"), day.strftime("%b %Y")


def reach_breakdowns(activities: list[Activity]) -> list[Breakdown]:
    by_reach = lambda rows: sorted(rows, key=lambda r: (-r.reach, r.label))  # noqa: E731
    return [
        Breakdown(
            "channel",
            "By channel",
            by_reach(_group(activities, lambda a: (a.channel, Channel(a.channel).label))),
        ),
        Breakdown(
            "district",
            "By district",
            by_reach(
                _group(
                    activities,
                    lambda a: (
                        a.district or "national",
                        district_name(a.district) if a.district else "National",
                    ),
                )
            ),
        ),
        Breakdown(
            "audience",
            "By audience",
            by_reach(_group(activities, lambda a: (a.audience, Audience(a.audience).label))),
        ),
        Breakdown(
            "month",
            "By month",
            sorted(_group(activities, lambda a: _month_label(a.date)), key=lambda r: r.key),
        ),
    ]


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class WeekRow:
    week: datetime.date
    activities: int = 0
    reach: int = 0
    tips: int = 0


def _tips_between(start: datetime.date, end: datetime.date) -> QuerySet[Tip]:
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return Tip.objects.filter(received_at__gte=since, received_at__lt=until)


def timeline(campaign: Campaign, activities: list[Activity]) -> list[WeekRow]:
    """Every week (Monday to Sunday) of the campaign: activities held, people reached, tips received."""
    first = _monday(campaign.start_date)
    weeks: dict[datetime.date, WeekRow] = {}
    day = first
    while day <= campaign.end_date:
        weeks[day] = WeekRow(day)
        day += datetime.timedelta(days=7)
    for a in activities:
        row = weeks.get(_monday(a.date))
        if row is not None:
            row.activities += 1
            row.reach += a.reach
    tz = timezone.get_current_timezone()
    for received in _tips_between(campaign.start_date, campaign.end_date).values_list(
        "received_at", flat=True
    ):
        row = weeks.get(_monday(received.astimezone(tz).date()))
        if row is not None:
            row.tips += 1
    return list(weeks.values())


def heard_via(campaign: Campaign) -> list[tuple[str, int]]:
    """The tip form's "how did you hear about us" answers for tips received during the campaign."""
    counts: dict[str, int] = defaultdict(int)
    for value in _tips_between(campaign.start_date, campaign.end_date).values_list("heard_via", flat=True):
        counts[value or ""] += 1
    labels = dict(HeardVia.choices)
    rows = [(str(labels[code]), counts.get(code, 0)) for code in HeardVia.values]
    rows.append(("Not answered", counts.get("", 0)))
    return rows


def reach_figures(user: User, campaign: Campaign) -> dict[str, Any]:
    activities = list(activities_of(user, campaign))
    total = ReachRow("all", "All activities")
    for a in activities:
        total.add(a)
    weeks = timeline(campaign, activities) if can_read(user) else []
    return {
        "total": total,
        "breakdowns": reach_breakdowns(activities),
        "weeks": weeks,
        "tips_total": sum(w.tips for w in weeks),
        "heard_via": heard_via(campaign) if can_read(user) else [],
        "counted_share": (
            sum(1 for a in activities if a.counted_reach is not None) / len(activities)
            if activities
            else None
        ),
    }
