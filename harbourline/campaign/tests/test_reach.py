"""Reach and cost figures against counts made directly from the rows."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from harbourline.accounts.tests.factories import sign_in
from harbourline.public.tips.models import HeardVia, Tip

from ..models import Activity, Audience, Channel
from ..selectors import cost_per_person, reach_figures
from .factories import make_activity, make_campaign, officer

pytestmark = pytest.mark.django_db


def _tip(n: int, when: datetime.datetime, heard: str) -> Tip:
    tip = Tip.objects.create(
        reference=f"T{n:06d}",
        passphrase_hash="x",
        idempotency_key=f"00000000-0000-0000-0000-{n:012d}",
        what_happened="demo",
        heard_via=heard,
    )
    Tip.objects.filter(pk=tip.pk).update(received_at=when)
    return tip


def test_reach_and_cost_match_direct_counts() -> None:
    user = officer()
    campaign = make_campaign(created_by=user)
    rng = random.Random(7)
    districts = ["LC-02", "LC-11", ""]
    for n in range(40):
        make_activity(
            campaign,
            title=f"A{n}",
            channel=rng.choice(Channel.values),
            district=rng.choice(districts),
            audience=rng.choice([Audience.YOUTH, Audience.MIGRANTS]),
            date=campaign.start_date + datetime.timedelta(days=rng.randint(0, 110)),
            estimated_reach=rng.randint(0, 5000),
            counted_reach=rng.choice([None, rng.randint(0, 300)]),
            cost=Decimal(rng.randint(0, 100000)) / 100,
        )
    other = make_campaign(created_by=user)
    make_activity(other, estimated_reach=999999, cost=Decimal("99999"))
    figures = reach_figures(user, campaign)
    rows = list(Activity.objects.filter(campaign=campaign))
    direct_reach = sum(a.counted_reach if a.counted_reach is not None else a.estimated_reach for a in rows)
    direct_cost = sum((a.cost for a in rows), Decimal("0"))
    assert figures["total"].reach == direct_reach
    assert figures["total"].cost == direct_cost
    assert figures["total"].activities == 40
    assert figures["total"].cost_per_person == (direct_cost / direct_reach).quantize(Decimal("0.01"))
    by = {b.key: {r.key: r for r in b.rows} for b in figures["breakdowns"]}
    for channel in Channel.values:
        mine = [a for a in rows if a.channel == channel]
        if mine:
            assert by["channel"][channel].reach == sum(a.reach for a in mine)
            assert by["channel"][channel].cost == sum((a.cost for a in mine), Decimal("0"))
    for district in districts:
        mine = [a for a in rows if a.district == district]
        assert by["district"][district or "national"].reach == sum(a.reach for a in mine)
    for month in {a.date.strftime("%Y-%m") for a in rows}:
        mine = [a for a in rows if a.date.strftime("%Y-%m") == month]
        assert by["month"][month].activities == len(mine)
    for b in figures["breakdowns"]:
        assert sum(r.reach for r in b.rows) == direct_reach
    assert sum(w.activities for w in figures["weeks"]) == 40
    assert sum(w.reach for w in figures["weeks"]) == direct_reach


def test_cost_per_person_is_empty_without_reach_and_rounds_half_up() -> None:
    assert cost_per_person(Decimal("10"), 0) is None
    assert cost_per_person(Decimal("1"), 8) == Decimal("0.13")  # 0.125 rounds up


def test_tips_per_week_and_how_they_heard_count_only_the_campaign_period() -> None:
    user = officer()
    campaign = make_campaign(created_by=user)  # Mon 2 March to Sun 28 June 2026
    tz = timezone.get_current_timezone()
    at = lambda d: datetime.datetime.combine(d, datetime.time(12), tzinfo=tz)  # noqa: E731
    _tip(1, at(datetime.date(2026, 3, 2)), HeardVia.RADIO)  # first week
    _tip(2, at(datetime.date(2026, 3, 8)), HeardVia.RADIO)  # same week (Sunday)
    _tip(3, at(datetime.date(2026, 3, 9)), HeardVia.SCHOOL)  # second week
    _tip(4, at(datetime.date(2026, 3, 1)), HeardVia.TV)  # before the campaign
    _tip(5, at(datetime.date(2026, 6, 29)), HeardVia.TV)  # after
    _tip(6, at(datetime.date(2026, 6, 28)), "")  # last day, not answered
    make_activity(campaign, date=datetime.date(2026, 3, 3))
    figures = reach_figures(user, campaign)
    weeks = figures["weeks"]
    assert weeks[0].week == datetime.date(2026, 3, 2) and weeks[-1].week == datetime.date(2026, 6, 22)
    assert [w.tips for w in weeks[:2]] == [2, 1] and weeks[-1].tips == 1
    assert weeks[0].activities == 1
    assert figures["tips_total"] == 4
    heard = dict(figures["heard_via"])
    assert heard["Radio"] == 2 and heard["School talk"] == 1 and heard["Television"] == 0
    assert heard["Not answered"] == 1


def test_the_reach_page_shows_svg_charts_with_a_table_and_no_script() -> None:
    user = officer()
    campaign = make_campaign(created_by=user)
    make_activity(campaign, title="<b>talk</b>", estimated_reach=250, cost=Decimal("100"))
    page = sign_in(Client(), user).get(reverse("campaign:reach", args=[campaign.pk])).content.decode()
    assert page.count('<svg class="chart') >= 6
    assert 'id="reach-channel"' in page and 'id="timeline"' in page and 'id="heard-via"' in page
    assert "XCD 0.40" in page
    assert "<script>" not in page and " style=" not in page
