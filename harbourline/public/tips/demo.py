"""Fictional tips for the queue and the campaign figures: at the island's scale a few dozen over the last year
(with `--cases N`, a few hundred over the last twelve weeks), from districts in proportion to their people."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from harbourline.core.demo_names import district_sampler
from harbourline.core.registry import SeedContext, Seeder, register_seeder

from . import secrets as tip_secrets
from .models import Channel, HeardVia, Sector, Tip, TipStatus

STORIES = [
    "Young women at a guest house are not allowed to leave and their passports were taken.",
    "Farm workers from abroad work every day from dawn and are not paid; the boss keeps their papers.",
    "A girl about 15 works in a house all day and does not go to school.",
    "Men on a fishing boat say they owe money for the trip and cannot stop working.",
    "Children are sent to sell on the street late at night by an adult who takes the money.",
]


def seed_demo_tips(ctx: SeedContext) -> None:
    if Tip.objects.exists():
        return
    island = getattr(ctx, "island", False)
    total = ctx.rng.randint(36, 60) if island else max(50, min(400, ctx.cases * 4))
    days = 365 if island else 84
    district = district_sampler(ctx.rng)
    now = timezone.now()
    bar = ctx.progress("demo tips", total)
    tips = []
    for _ in range(total):
        key = uuid.uuid4()
        reference = tip_secrets.new_reference()
        child = ctx.rng.random() < 0.2
        danger = ctx.rng.random() < 0.1
        tips.append(
            Tip(
                reference=reference,
                passphrase_hash=tip_secrets.hash_passphrase(tip_secrets.passphrase_for(key), reference),
                idempotency_key=key,
                channel=ctx.rng.choice([Channel.WEB] * 3 + [Channel.HOTLINE]),
                what_happened=ctx.rng.choice(STORIES) + " (Demo tip: fictional.)",
                district=district(),
                sector=ctx.rng.choice(Sector.values),
                heard_via=ctx.rng.choice(HeardVia.values),
                child_involved="yes" if child else "unknown",
                danger_now="yes" if danger else "no",
                urgent=child or danger,
                status=ctx.rng.choice(
                    [TipStatus.NEW] * 3 + [TipStatus.UNDER_REVIEW, TipStatus.CLOSED, TipStatus.REFERRED]
                ),
            )
        )
        bar.update(1)
    created = Tip.objects.bulk_create(tips)
    for tip in created:  # spread over the period for the weekly figures
        Tip.objects.filter(pk=tip.pk).update(
            received_at=now - datetime.timedelta(hours=ctx.rng.randint(0, 24 * days))
        )
    bar.close()
    ctx.created["tips"] = len(created)


register_seeder(Seeder("tips", seed_demo_tips, order=50))
