"""Response deadlines: per service category and urgency, counted in hours (urgent) or working days (routine),
skipping weekends and the public holidays of the country profile. ``REFERRAL_RESPONSE_DEADLINES`` in settings
overrides the defaults per category: ``{"shelter": {"urgent": ("hours", 12)}}``."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from harbourline.cases.codes import CaseSection
from harbourline.cases.models.care import ServiceCategory
from harbourline.country.selectors import active_profile

from .models import Urgency

DEFAULT_DEADLINES: dict[str, tuple[str, int]] = {
    Urgency.URGENT: ("hours", 24),
    Urgency.ROUTINE: ("working_days", 5),
}

# The sections that travel with a referral unless the sender chooses otherwise: the minimum each service needs.
DEFAULT_SECTIONS: dict[str, tuple[str, ...]] = {
    ServiceCategory.MEDICAL: (CaseSection.CASE, CaseSection.PLAN, CaseSection.HEALTH),
    ServiceCategory.COUNSELLING: (CaseSection.CASE, CaseSection.PLAN, CaseSection.HEALTH),
    ServiceCategory.LEGAL: (CaseSection.CASE, CaseSection.PLAN, CaseSection.IDENTITY),
    ServiceCategory.IMMIGRATION: (CaseSection.CASE, CaseSection.PLAN, CaseSection.IDENTITY),
    ServiceCategory.REPATRIATION: (CaseSection.CASE, CaseSection.PLAN, CaseSection.IDENTITY),
    ServiceCategory.SHELTER: (CaseSection.CASE, CaseSection.PLAN, CaseSection.IDENTITY),
}
MINIMUM_SECTIONS: tuple[str, ...] = (CaseSection.CASE, CaseSection.PLAN)


def default_sections(categories: list[str]) -> list[str]:
    chosen: set[str] = set(MINIMUM_SECTIONS)
    for category in categories:
        chosen.update(DEFAULT_SECTIONS.get(category, MINIMUM_SECTIONS))
    return sorted(str(s) for s in chosen)


def public_holidays() -> set[datetime.date]:
    dates = (active_profile().get("public_holidays") or {}).get("dates", [])
    return {datetime.date.fromisoformat(d) for d in dates}


def is_working_day(day: datetime.date, holidays: set[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.datetime, days: int, holidays: set[datetime.date]) -> datetime.datetime:
    """``days`` working days after ``start`` (local time of the country), at the same time of day."""
    moment = start
    added = 0
    while added < days:
        moment += datetime.timedelta(days=1)
        if is_working_day(moment.date(), holidays):
            added += 1
    return moment


def rule_for(category: str, urgency: str) -> tuple[str, int]:
    overrides = getattr(settings, "REFERRAL_RESPONSE_DEADLINES", {}) or {}
    return tuple(overrides.get(category, {}).get(urgency, DEFAULT_DEADLINES[urgency]))  # type: ignore[return-value]


def response_due(sent_at: datetime.datetime, categories: list[str], urgency: str) -> datetime.datetime:
    """The earliest deadline of the categories asked for."""
    zone = ZoneInfo(active_profile().get("time_zone") or "UTC")
    local = sent_at.astimezone(zone)
    holidays = public_holidays()
    dues = []
    for category in categories or [ServiceCategory.OTHER]:
        unit, amount = rule_for(category, urgency)
        if unit == "hours":
            dues.append(local + datetime.timedelta(hours=amount))
        else:
            dues.append(add_working_days(local, amount, holidays))
    return min(dues).astimezone(datetime.UTC)
