"""Security property 25: a burst of 1,000 concurrent tip submissions over loopback stores exactly 1,000 tips,
with no error. Runs against a real threaded HTTP server (Django's live server) on SQLite and on PostgreSQL."""

from __future__ import annotations

import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ..models import Tip
from .loopback import TipPoster

BURST = 1000
IN_FLIGHT = 40  # below PostgreSQL's default of 100 connections, with room for the test's own


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_a_thousand_concurrent_tips_stores_exactly_a_thousand(
    live_server: Any, settings: Any
) -> None:
    settings.HARBOURLINE_RATE_LIMITS = {**settings.HARBOURLINE_RATE_LIMITS, "tip_submit": (10**6, 3600)}
    address = urllib.parse.urlsplit(live_server.url)
    poster = TipPoster.visit(address.hostname or "127.0.0.1", address.port or 80)

    with ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
        results = list(pool.map(lambda n: poster.post(f"Burst tip number {n}"), range(BURST)))

    statuses = [status for status, _ in results]
    assert statuses.count(200) == BURST, {s: statuses.count(s) for s in set(statuses)}
    receipts = {receipt for _, receipt in results}
    assert len(receipts) == BURST  # every reporter got their own receipt code
    assert Tip.objects.count() == BURST
    assert set(Tip.objects.values_list("reference", flat=True)) == receipts
