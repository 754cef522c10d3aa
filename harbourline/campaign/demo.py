"""Demo campaign for `make run`: a national campaign over the weeks of the demo tips, with phases and
activities on every channel."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.core.registry import SeedContext, Seeder, register_seeder
from harbourline.country.selectors import active_profile
from harbourline.public.models import Material

from .models import Activity, Audience, Campaign, Channel, Phase

TITLES = {
    Channel.TV_SPOT: ("Evening news spot", Audience.GENERAL_PUBLIC, 40000, Decimal("900")),
    Channel.RADIO_SPOT: ("Morning show spot", Audience.GENERAL_PUBLIC, 25000, Decimal("350")),
    Channel.PRINT_RUN: ("Leaflet print run", Audience.GENERAL_PUBLIC, 0, Decimal("1200")),
    Channel.BILLBOARD: ("Billboard on the highway", Audience.GENERAL_PUBLIC, 15000, Decimal("2500")),
    Channel.SOCIAL_MEDIA: ("Signs of trafficking post", Audience.YOUTH, 8000, Decimal("150")),
    Channel.SCHOOL_TALK: ("Form 4 talk", Audience.YOUTH, 120, Decimal("80")),
    Channel.COMMUNITY_TALK: ("Village council talk", Audience.COMMUNITY_LEADERS, 60, Decimal("60")),
    Channel.EVENT: ("Market day stand", Audience.GENERAL_PUBLIC, 400, Decimal("500")),
    Channel.TRAINING_SESSION: ("Hotel staff briefing", Audience.EMPLOYERS_TOURISM, 35, Decimal("120")),
    Channel.MATERIALS: ("Leaflets at the ferry terminal", Audience.MIGRANTS, 300, Decimal("40")),
}


def seed_demo_campaign(ctx: SeedContext) -> None:
    if Campaign.objects.exists():
        return
    officer = User.objects.filter(username="campaign").first() or User.objects.filter(is_active=True).first()
    if officer is None:
        return
    today = timezone.localdate()
    start = today - datetime.timedelta(weeks=12)
    end = today + datetime.timedelta(weeks=8)
    districts = [d["code"] for d in active_profile()["districts"]]
    materials = list(Material.objects.filter(published=True)[:3])
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name="Know the signs, call the hotline (demo)",
            objectives="More people can name three signs of trafficking, know the hotline and would report.",
            audiences=[
                Audience.GENERAL_PUBLIC,
                Audience.YOUTH,
                Audience.MIGRANTS,
                Audience.EMPLOYERS_TOURISM,
            ],
            districts=[],
            languages=["en", "acf", "es"],
            partners="Ministry of Education\nSaint Lucia Hotel and Tourism Association\nHelen FM",
            budget=Decimal("60000"),
            start_date=start,
            end_date=end,
            created_by=officer,
        )
        launch = Phase.objects.create(
            campaign=campaign,
            name="Launch",
            audiences=[Audience.GENERAL_PUBLIC],
            budget=Decimal("25000"),
            start_date=start,
            end_date=start + datetime.timedelta(weeks=6),
        )
        schools = Phase.objects.create(
            campaign=campaign,
            name="Schools and workplaces",
            audiences=[Audience.YOUTH, Audience.EMPLOYERS_TOURISM],
            budget=Decimal("35000"),
            start_date=start + datetime.timedelta(weeks=6, days=1),
            end_date=end,
        )
        channels = list(TITLES)
        count = 0
        for week in range(12):
            for _ in range(ctx.rng.randint(1, 4)):
                channel = ctx.rng.choice(channels)
                title, audience, reach, cost = TITLES[channel]
                day = start + datetime.timedelta(weeks=week, days=ctx.rng.randint(0, 6))
                national = channel in (Channel.TV_SPOT, Channel.RADIO_SPOT, Channel.SOCIAL_MEDIA)
                counted = channel in (Channel.SCHOOL_TALK, Channel.COMMUNITY_TALK, Channel.TRAINING_SESSION)
                activity = Activity.objects.create(
                    campaign=campaign,
                    phase=launch if week < 6 else schools,
                    channel=channel,
                    title=f"{title} ({count + 1})",
                    district="" if national else ctx.rng.choice(districts),
                    date=day,
                    audience=audience,
                    estimated_reach=reach,
                    counted_reach=int(reach * ctx.rng.uniform(0.8, 1.0)) if counted else None,
                    cost=cost,
                    materials_distributed=reach if channel == Channel.MATERIALS else 0,
                    created_by=officer,
                )
                if channel in (Channel.PRINT_RUN, Channel.MATERIALS) and materials:
                    activity.materials.set(materials)
                count += 1
    ctx.created["campaign activities"] = count
    ctx.created["survey responses"] = _seed_surveys(ctx, campaign, officer, districts)


def _seed_surveys(ctx: SeedContext, campaign: Campaign, officer: User, districts: list[str]) -> int:
    """A baseline of 200 and an endline of 200 fictional respondents, the endline knowing more."""
    from . import surveys
    from .access import can_manage
    from .models import AgeBand, Response, RoundKind, Sex, SurveyRound

    if not can_manage(officer):
        return 0
    instrument = surveys.instrument_create_standard(actor=officer, name="KAP survey (demo)")
    signs = [c for c, _ in instrument.questions.get(code="signs").choices if c != "none"]
    rounds = [
        (RoundKind.BASELINE, campaign.start_date, 0.35),
        (RoundKind.ENDLINE, campaign.end_date, 0.55),
    ]
    total = 0
    for kind, day, chance in rounds:
        survey_round = SurveyRound.objects.create(
            campaign=campaign, instrument=instrument, kind=kind, start_date=day, end_date=day
        )
        batch = []
        for _ in range(200):
            named = [c for c in signs if ctx.rng.random() < chance]
            answers = {
                "signs": named or ["none"],
                "hotline": "right" if ctx.rng.random() < chance else "dont_know",
                "report": "yes" if ctx.rng.random() < chance + 0.25 else "maybe",
                "heard_campaign": ["radio"] if ctx.rng.random() < chance else ["nothing"],
            }
            batch.append(
                Response(
                    round=survey_round,
                    client_key=uuid.UUID(int=ctx.rng.getrandbits(128), version=4),
                    sex=ctx.rng.choice([Sex.FEMALE, Sex.MALE]),
                    age_band=ctx.rng.choice(AgeBand.values),
                    district=ctx.rng.choice(districts),
                    answers=answers,
                    source="import",
                    entered_by=officer,
                    **surveys.score(instrument, answers),
                )
            )
        Response.objects.bulk_create(batch)
        total += len(batch)
    return total


register_seeder(Seeder("campaign", seed_demo_campaign, order=65))
