from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from harbourline.accounts.models import User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import make_user

from ..models import Activity, Audience, Campaign, Channel


def officer() -> User:
    return make_user([Role.CAMPAIGN_OFFICER])


def make_campaign(created_by: User | None = None, **fields: Any) -> Campaign:
    values: dict[str, Any] = {
        "name": f"Campaign {Campaign.objects.count() + 1}",
        "objectives": "People know the signs and the hotline.",
        "audiences": [Audience.GENERAL_PUBLIC],
        "districts": [],
        "languages": ["en"],
        "budget": Decimal("10000.00"),
        "start_date": datetime.date(2026, 3, 2),
        "end_date": datetime.date(2026, 6, 28),
    }
    values.update(fields)
    return Campaign.objects.create(created_by=created_by or officer(), **values)


def make_activity(campaign: Campaign, **fields: Any) -> Activity:
    values: dict[str, Any] = {
        "channel": Channel.SCHOOL_TALK,
        "title": f"Talk {Activity.objects.count() + 1}",
        "district": "LC-11",
        "date": datetime.date(2026, 3, 10),
        "audience": Audience.YOUTH,
        "estimated_reach": 100,
        "counted_reach": None,
        "cost": Decimal("50.00"),
    }
    values.update(fields)
    return Activity.objects.create(campaign=campaign, created_by=campaign.created_by, **values)
