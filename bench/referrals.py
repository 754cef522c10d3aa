"""Benchmark: the referral inbox and the coordinator's task-force view at 100,000 cases and 300,000 referrals.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hl_r_bench .venv/bin/python bench/referrals.py
    .venv/bin/python bench/referrals.py --cases 20000 --referrals 60000      # smaller, same database

Rows are generated once (bulk inserts: one person for every case, cases spread over the country's agencies
and two years of intake dates, referrals in every status between them, screenings, identification decisions
and services given) and reused. For each page it prints the median and p95 server time of the real view
(Django test client: middleware, access checks, audit row, template) and the median of the selector alone.
Targets: inbox p95 under 50 ms, task-force view p95 under 500 ms.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hl_r_bench")

TARGETS = {"inbox": 50.0, "task force": 500.0}


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]


def ensure_pg_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def generate(cases: int, referrals: int) -> None:
    from django.db import connection, transaction

    from harbourline.accounts.models import Agency
    from harbourline.accounts.permissions import Role
    from harbourline.accounts.tests.factories import make_user
    from harbourline.cases.models import Case, IdentificationDecision, Person
    from harbourline.cases.screening.models import Instrument, Screening
    from harbourline.referrals.models import (
        ACTIVE_STATUSES,
        Referral,
        ReferralStatus,
        ServiceEntry,
        ServiceGiven,
    )

    rng = random.Random(13)
    agencies = list(Agency.objects.order_by("pk"))
    worker = {a.pk: make_user([Role.SUPERVISOR, Role.SERVICE_PROVIDER], agency=a) for a in agencies}
    entries = {
        a.pk: ServiceEntry.objects.get_or_create(
            agency=a,
            category=rng.choice(["shelter", "medical", "legal"]),
            defaults={"name": f"Service of {a.name}"},
        )[0]
        for a in agencies
    }
    person = Person.objects.create(given_names="Bench", family_name="Person")
    have = Case.objects.count()
    start = datetime.date(2025, 1, 1)
    batch = 5000
    with transaction.atomic():
        rows = []
        for i in range(have, cases):
            rows.append(
                Case(
                    number=f"BN-{i:07d}",
                    person=person,
                    owning_agency_id=agencies[i % len(agencies)].pk,
                    intake_source="ngo",
                    intake_date=start + datetime.timedelta(days=rng.randrange(700)),
                    status=rng.choice(["intake", "screening", "assistance", "identified"]),
                )
            )
        Case.objects.bulk_create(rows, batch_size=batch)
    case_rows = list(Case.objects.values_list("pk", "owning_agency_id", "intake_date"))
    instrument = Instrument.objects.first()
    with transaction.atomic():
        if instrument is not None and not Screening.objects.exists():
            Screening.objects.bulk_create(
                [
                    Screening(
                        case_id=pk,
                        instrument=instrument,
                        interviewed_on=day + datetime.timedelta(days=rng.randrange(1, 20)),
                        conducted_by=worker[owner],
                    )
                    for pk, owner, day in case_rows
                    if rng.random() < 0.7
                ],
                batch_size=batch,
            )
        if not IdentificationDecision.objects.exists():
            IdentificationDecision.objects.bulk_create(
                [
                    IdentificationDecision(
                        case_id=pk,
                        identified=True,
                        deciding_body="Task force",
                        decided_on=day + datetime.timedelta(days=rng.randrange(10, 60)),
                        basis="",
                        recorded_by=worker[owner],
                    )
                    for pk, owner, day in case_rows
                    if rng.random() < 0.4
                ],
                batch_size=batch,
            )
    have_refs = Referral.objects.count()
    now = datetime.datetime.now(datetime.UTC)
    statuses = [*ACTIVE_STATUSES, ReferralStatus.COMPLETED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN]
    with transaction.atomic():
        made = []
        for _ in range(have_refs, referrals):
            pk, owner, _day = rng.choice(case_rows)
            to = rng.choice([a.pk for a in agencies if a.pk != owner])
            sent = now - datetime.timedelta(days=rng.randrange(0, 400), hours=rng.randrange(24))
            made.append(
                Referral(
                    case_id=pk,
                    from_agency_id=owner,
                    to_agency_id=to,
                    categories=[entries[to].category],
                    sections=["case", "plan"],
                    status=rng.choice(statuses),
                    sent_by=worker[owner],
                    sent_at=sent,
                    due_at=sent + datetime.timedelta(days=rng.choice([1, 7])),
                )
            )
        Referral.objects.bulk_create(made, batch_size=batch)
        done = Referral.objects.filter(status__in=[ReferralStatus.COMPLETED, ReferralStatus.IN_PROGRESS])
        if not ServiceGiven.objects.exists():
            ServiceGiven.objects.bulk_create(
                [
                    ServiceGiven(
                        referral_id=rid,
                        category="shelter",
                        given_on=sent.date() + datetime.timedelta(days=rng.randrange(0, 10)),
                        recorded_by=worker[to],
                    )
                    for rid, sent, to in done.values_list("pk", "sent_at", "to_agency_id")
                ],
                batch_size=batch,
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run(cases: int, referrals: int, runs: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from harbourline.accounts.models import Agency
    from harbourline.accounts.permissions import Role
    from harbourline.accounts.tests.factories import make_user, sign_in
    from harbourline.cases.models import Case
    from harbourline.country.services import country_load
    from harbourline.referrals.models import Referral
    from harbourline.referrals.selectors import inbox_for, sent_by, taskforce_figures

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not Agency.objects.exists():
        country_load(name="saint_lucia")
    if Case.objects.count() < cases or Referral.objects.count() < referrals:
        began = time.perf_counter()
        generate(cases, referrals)
        print(f"generated in {time.perf_counter() - began:.0f} s")
    busiest = (
        Referral.objects.filter(status="sent")
        .values("to_agency_id")
        .order_by()
        .annotate(n=django.db.models.Count("id"))
    )
    agency_id = max(busiest, key=lambda r: r["n"])["to_agency_id"]
    agency = Agency.objects.get(pk=agency_id)
    tag = random.randint(0, 10**9)
    provider = make_user([Role.SERVICE_PROVIDER, Role.CASE_MANAGER], agency=agency, username=f"benchp{tag}")
    coordinator = make_user([Role.NATIONAL_COORDINATOR], agency=agency, username=f"benchc{tag}")
    provider_client, coordinator_client = sign_in(Client(), provider), sign_in(Client(), coordinator)
    print(
        f"\n{connection.vendor}: {Case.objects.count():,} cases, {Referral.objects.count():,} referrals; "
        f"inbox of {agency.name} ({Referral.objects.filter(to_agency=agency).count():,} referrals to it); "
        f"{runs} runs each; ms"
    )
    pages = {
        "inbox": (
            "/referrals/",
            provider_client,
            lambda: (list(inbox_for(provider)), list(sent_by(provider))),
        ),
        "task force": ("/referrals/task-force/", coordinator_client, lambda: taskforce_figures(coordinator)),
    }
    print(f"{'page':<12}{'view median':>12}{'view p95':>10}{'selector median':>17}{'target p95':>12}")
    failed = False
    for name, (url, client, selector) in pages.items():

        def view(url: str = url, client: Client = client) -> object:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        view_t, sel_t = timed(view, runs), timed(selector, runs)
        over = p95(view_t) > TARGETS[name]
        failed |= over
        print(
            f"{name:<12}{statistics.median(view_t):>12.1f}{p95(view_t):>10.1f}{statistics.median(sel_t):>17.1f}"
            f"{TARGETS[name]:>12.0f}{'  OVER' if over else ''}"
        )
    if failed:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--referrals", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    ensure_pg_database(os.environ["DATABASE_URL"])
    run(args.cases, args.referrals, args.runs)


if __name__ == "__main__":
    main()
