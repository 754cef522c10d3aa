"""Security property 25: a burst of 1,000 concurrent tip submissions over loopback stores exactly 1,000 tips,
with no error. Runs against a real threaded HTTP server (Django's live server) on SQLite and on PostgreSQL."""

from __future__ import annotations

import http.client
import re
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ..models import Tip

BURST = 1000
IN_FLIGHT = 40  # below PostgreSQL's default of 100 connections, with room for the test's own


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_a_thousand_concurrent_tips_stores_exactly_a_thousand(
    live_server: Any, settings: Any
) -> None:
    settings.HARBOURLINE_TIP_RATE_LIMITS = {"submit": (10**6, 3600), "lookup": (10**6, 600)}
    address = urllib.parse.urlsplit(live_server.url)
    host, port = address.hostname or "127.0.0.1", address.port or 80

    first = http.client.HTTPConnection(host, port, timeout=60)
    first.request("GET", "/report/en/")
    page = first.getresponse()
    html = page.read().decode()
    cookie = next(
        v.split(";")[0] for k, v in page.getheaders() if k.lower() == "set-cookie" and "csrftoken" in v
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token

    def submit(n: int) -> tuple[int, str]:
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "idempotency_key": str(uuid.uuid4()),
                "what_happened": f"Burst tip number {n}",
                "danger_now": "no",
                "child_involved": "unknown",
                "contact_choice": "anonymous",
                "district": "LC-02",
            }
        )
        conn = http.client.HTTPConnection(host, port, timeout=120)
        conn.request(
            "POST",
            "/report/en/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": live_server.url,
            },
        )
        response = conn.getresponse()
        text = response.read().decode()
        conn.close()
        receipt = re.search(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", text)
        return response.status, receipt.group(0) if receipt else ""

    with ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
        results = list(pool.map(submit, range(BURST)))

    statuses = [status for status, _ in results]
    assert statuses.count(200) == BURST, {s: statuses.count(s) for s in set(statuses)}
    receipts = {receipt for _, receipt in results}
    assert len(receipts) == BURST  # every reporter got their own receipt code
    assert Tip.objects.count() == BURST
    assert set(Tip.objects.values_list("reference", flat=True)) == receipts
