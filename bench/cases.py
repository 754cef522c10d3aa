"""Benchmark: the case list, a filtered list, name search and the case page at 100,000 cases.

    .venv/bin/python bench/cases.py                 # both databases, 100,000 cases
    .venv/bin/python bench/cases.py --db sqlite --cases 20000

For each page it prints the median and p95 server time of the real view (Django test client: middleware,
access checks, audit row, template), the median of the selector alone (ORM), the median of the same query
written in raw SQL, and the ratio ORM / raw SQL. The ORM decrypts the person's encrypted columns and raw SQL
only fetches them, so a second ratio compares with raw SQL that also decrypts the same columns (same result,
the work any reader of the data must do). Data is generated once per database and reused.
PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/hl_bench (created if missing).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/hl_bench")
SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench-cases.sqlite3'}"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]


def run(cases: int, runs: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from tqdm import tqdm

    from harbourline.accounts.models import Agency
    from harbourline.accounts.permissions import Role
    from harbourline.accounts.tests.factories import make_user, sign_in
    from harbourline.cases.demo import generate_cases
    from harbourline.cases.models import Case, Person
    from harbourline.cases.selectors import CaseSearch, case_get_for_user, case_list_for_user
    from harbourline.country.services import country_load
    from harbourline.crypto.aead import decrypt_text
    from harbourline.crypto.blind import blind_index
    from harbourline.crypto.fields import EncryptedTextField, row_context

    call_command("migrate", verbosity=0)
    if not Agency.objects.exists():
        country_load(name="saint_lucia")
    have = Case.objects.count()
    if have < cases:
        with tqdm(total=cases - have, desc=f"generating cases ({connection.vendor})", unit="case") as bar:
            generate_cases(cases - have, rng=random.Random(7 + have), progress=bar, with_care=False)
        call_command("migrate", verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    agency = Agency.objects.get(name="Department of Human Services")
    user = make_user([Role.SUPERVISOR], agency=agency, username=f"bench{random.randint(0, 10**9)}")
    client = sign_in(Client(), user)
    sample = Case.objects.filter(owning_agency=agency).order_by("-id").select_related("person").first()
    assert sample is not None
    surname = sample.person.family_name
    digest = blind_index("name", surname.lower().split()[-1])
    share_clause = (
        "EXISTS (SELECT 1 FROM cases_caseshare s WHERE s.case_id = c.id AND s.agency_id = %s "
        "AND s.revoked_at IS NULL)"
    )
    base = (
        f"SELECT c.id, c.number, c.status, c.district, c.intake_date, p.given_names, p.family_name, a.name, "
        f"a.short_name, p.row_key "
        f"FROM cases_case c JOIN cases_person p ON p.id = c.person_id JOIN accounts_agency a ON a.id = "
        f"c.owning_agency_id WHERE (c.owning_agency_id = %s OR {share_clause})"
    )

    def raw(sql: str, params: list[object]) -> Callable[[], object]:
        def go() -> object:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return go

    def decrypting(fetch: Callable[[], object], columns: dict[int, str], key_at: int) -> Callable[[], object]:
        """``fetch`` and then decrypt the columns at the given positions (position: field context), bound to
        the row key at position ``key_at``."""

        def go() -> object:
            rows = fetch()
            assert isinstance(rows, list)
            return [
                [
                    decrypt_text(v, context=row_context(columns[i], row[key_at])) if i in columns and v else v
                    for i, v in enumerate(row)
                ]
                for row in rows
            ]

        return go

    names = {5: "cases.person.given_names", 6: "cases.person.family_name"}
    person_fields = [f.column for f in Person._meta.concrete_fields]
    key_at = {"case page": person_fields.index("row_key") + 1}
    person_encrypted = {
        i + 1: f"cases.person.{f.name}"
        for i, f in enumerate(Person._meta.concrete_fields)
        if isinstance(f, EncryptedTextField)
    }

    pages = {
        "case list": (
            "/cases/",
            lambda: case_list_for_user(user, CaseSearch(), limit=51),
            raw(base + " ORDER BY c.id DESC LIMIT 51", [agency.pk, agency.pk]),
        ),
        "filtered list": (
            "/cases/?status=assistance&district=LC-02&form=ForcedLabour",
            lambda: case_list_for_user(
                user, CaseSearch(status="assistance", district="LC-02", form="ForcedLabour"), limit=51
            ),
            raw(
                base + " AND c.status = %s AND c.district = %s AND c.is_forced_labour ORDER BY c.id DESC"
                " LIMIT 51",
                [agency.pk, agency.pk, "assistance", "LC-02"],
            ),
        ),
        "name search": (
            f"/cases/?q={surname.split()[-1]}",
            lambda: case_list_for_user(user, CaseSearch(name=surname.split()[-1]), limit=51),
            raw(
                base + " AND EXISTS (SELECT 1 FROM cases_personnameindex n WHERE n.person_id = p.id AND"
                " n.kind = 'name' AND n.digest = %s) ORDER BY c.id DESC LIMIT 51",
                [agency.pk, agency.pk, digest],
            ),
        ),
        "case page": (
            f"/cases/{sample.pk}/",
            lambda: case_get_for_user(user, sample.pk),
            raw(
                f"SELECT c.id, {', '.join('p.' + c for c in person_fields)}, c.*, a.*, u.* FROM cases_case c "
                "JOIN cases_person p ON p.id = c.person_id JOIN accounts_agency a ON a.id = c.owning_agency_id "
                "LEFT JOIN accounts_user u ON u.id = c.case_manager_id WHERE c.id = %s",
                [sample.pk],
            ),
        ),
    }
    decrypted_columns = {"case page": person_encrypted}
    print(f"\n{connection.vendor}: {Case.objects.count():,} cases; {runs} runs each; times in ms")
    print(
        f"{'page':<15}{'view median':>12}{'view p95':>10}{'ORM median':>12}{'raw median':>12}{'ORM/raw':>9}"
        f"{'raw+decrypt':>13}{'ORM/raw+decrypt':>17}"
    )
    for name, (url, orm, sql) in pages.items():

        def view(url: str = url) -> object:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        view_t, orm_t, raw_t = timed(view, runs), timed(orm, runs), timed(sql, runs)
        both_t = timed(decrypting(sql, decrypted_columns.get(name, names), key_at.get(name, 9)), runs)
        orm_m, raw_m, both_m = (statistics.median(t) for t in (orm_t, raw_t, both_t))
        print(
            f"{name:<15}{statistics.median(view_t):>12.1f}{p95(view_t):>10.1f}{orm_m:>12.2f}"
            f"{raw_m:>12.2f}{orm_m / raw_m:>9.2f}{both_m:>13.2f}{orm_m / both_m:>17.2f}"
        )


def ensure_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ["DATABASE_URL"] = args.child
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        sys.path.insert(0, str(ROOT))
        run(args.cases, args.runs)
        return
    targets = {"sqlite": [SQLITE_URL], "postgres": [os.environ.get("DATABASE_URL", PG_URL)]}
    urls = targets["sqlite"] + targets["postgres"] if args.db == "both" else targets[args.db]
    for url in urls:
        if url.startswith("postgres"):
            ensure_pg_database(url)
        (ROOT / "var").mkdir(exist_ok=True)
        subprocess.run(
            [sys.executable, __file__, "--cases", str(args.cases), "--runs", str(args.runs), "--child", url],
            check=True,
            cwd=ROOT,
        )


if __name__ == "__main__":
    main()
