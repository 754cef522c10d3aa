"""Benchmark: the national figures dashboard over 1,000,000 cases on PostgreSQL.

    .venv/bin/python bench/figures.py                      # 1,000,000 cases
    .venv/bin/python bench/figures.py --cases 200000 --runs 5

Fictional cases, people, services and tips are generated once with bulk SQL (generate_series) and reused.
Prints the dashboard counted live once, the worker's summary rebuild, then (from the summary) each figure's
median time, the whole dashboard's (every figure, exact, as the coordinator sees it; and
suppressed, as an analyst sees it), the page through the real view, and the TIP and GLOTIP questionnaires.
PostgreSQL: BENCH_PG_URL, or postgres://postgres@127.0.0.1:5432/hl_figures_bench (created if missing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/hl_figures_bench")

PERSON_SQL = """
INSERT INTO cases_person (id, given_names, family_name, aliases, dob_index, document_type, document_number,
  document_index, phone, email, address, gender, age_band, is_minor, nationality, citizenship, languages,
  district, created_at)
SELECT g, '', '', '', '', '', '', '', '', '', '',
  (ARRAY['Feminine','Feminine','Masculine','TransgenderFeminine','NonConforming','NonSpecifiedUnknown'])
    [1 + floor(random() * 6)::int],
  (ARRAY['0--8','9--17','18--20','21--23','24--26','27--29','30--38','39--47','48+','unknown'])
    [1 + floor(random() * 10)::int],
  (ARRAY[true, false, NULL])[1 + floor(random() * 3)::int],
  (ARRAY['LC','GY','JM','VE','HT','DO','CU','TT','VC','BB','CO','NG','IN','CN',''])[1 + floor(random() * 15)::int],
  (ARRAY['','','','TT'])[1 + floor(random() * 4)::int],
  '', '', now()
FROM generate_series(%s, %s) g
"""

CASE_SQL = """
INSERT INTO cases_case (id, number, person_id, owning_agency_id, status, version, intake_source, intake_date,
  summary, district, tip_reference, is_sexual_exploitation, is_forced_labour, is_forced_criminality,
  is_forced_marriage, is_organ_removal, is_other_exploitation, labour_industries, sex_exploitation_types,
  means_of_control, recruitment_type, recruiter_relation, country_of_recruitment, district_of_recruitment,
  country_of_exploitation, district_of_exploitation, reflection_basis, residence_status, residence_basis,
  work_basis, closure_reason, closed_at, identified_on, created_at, updated_at)
SELECT g, 'BENCH-' || g, g, (%s::bigint[])[1 + floor(random() * %s)::int], s.status, 1, 'ngo', s.intake, '',
  (ARRAY['LC-01','LC-02','LC-03','LC-05','LC-06','LC-07','LC-08','LC-10','LC-11','LC-12',''])
    [1 + floor(random() * 11)::int],
  '', random() < 0.45, random() < 0.4, random() < 0.08, random() < 0.04, random() < 0.01, random() < 0.05,
  '[]', '[]', '[]', '', '', '', '', '', '', '', 'unknown', '', '',
  CASE WHEN s.status = 'closed' THEN (ARRAY['returned','reintegrated','lost_contact'])[1 + floor(random() * 3)::int]
       ELSE '' END,
  CASE WHEN s.status = 'closed' THEN s.intake + 120 ELSE NULL END,
  CASE WHEN s.status IN ('identified','assistance','closed') AND random() < 0.85 THEN s.intake + 30 ELSE NULL END,
  now(), now()
FROM (SELECT g,
        (ARRAY['intake','screening','presumed_victim','not_a_victim','identified','assistance','closed'])
          [1 + floor(random() * 7)::int] AS status,
        (date '2016-01-01' + floor(random() * 3650)::int) AS intake
      FROM generate_series(%s, %s) g) s
"""

SERVICE_SQL = """
INSERT INTO cases_planitem (case_id, category, description, status, outcome, version, created_at, actual_start,
  actual_end)
SELECT c.id,
  (ARRAY['shelter','counselling','medical','legal','interpretation','education_employment','immigration',
         'social_benefits','repatriation','family_tracing','financial','other'])[1 + floor(random() * 12)::int],
  '', (ARRAY['delivered','delivered','planned','in_progress'])[1 + floor(random() * 4)::int], '', 1, now(),
  c.intake_date + 10, CASE WHEN random() < 0.7 THEN c.intake_date + 60 ELSE NULL END
FROM cases_case c WHERE c.id BETWEEN %s AND %s AND c.identified_on IS NOT NULL
"""

TIP_SQL = """
INSERT INTO tips_tip (reference, passphrase_hash, idempotency_key, channel, language, received_at, status, urgent,
  what_happened, district, settlement, place_type, "when", people_ages, people_sex, people_nationality, sector,
  child_involved, danger_now, suspect, how_known, heard_via, contact_choice, contact_name, contact_phone,
  contact_email, referred_to, closure_reason)
SELECT 'B' || g, 'x', md5(g::text)::uuid, (ARRAY['web','hotline'])[1 + floor(random() * 2)::int], 'en',
  timestamptz '2016-01-01' + random() * interval '3650 days', 'new', false, '',
  (ARRAY['LC-01','LC-02','LC-11',''])[1 + floor(random() * 4)::int], '', '', '', '', '', '', '', 'unknown',
  'unknown', '', '', (ARRAY['radio','tv','poster','school','social_media','friend','workshop','other',''])
    [1 + floor(random() * 9)::int], 'anonymous', '', '', '', '', ''
FROM generate_series(%s, %s) g
"""


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def generate(total: int, batch: int = 200_000) -> None:
    from django.db import connection, transaction
    from tqdm import tqdm

    from harbourline.accounts.models import Agency
    from harbourline.cases.models import Case

    have = Case.objects.count()
    if have >= total:
        return
    agencies = list(Agency.objects.values_list("pk", flat=True))
    start = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    with tqdm(total=total - have, desc="generating cases", unit="case") as bar:
        for first in range(start, start + total - have, batch):
            last = min(first + batch, start + total - have) - 1
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT setseed(%s)", [(first % 1000) / 1000])
                cursor.execute(PERSON_SQL, [first, last])
                cursor.execute(CASE_SQL, [agencies, len(agencies), first, last])
                cursor.execute(SERVICE_SQL, [first, last])
                cursor.execute(TIP_SQL, [(first + 9) // 10, last // 10])
            bar.update(last - first + 1)
    with connection.cursor() as cursor:
        for table in ("cases_person", "cases_case", "cases_planitem", "tips_tip"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute("VACUUM ANALYZE")


def run(cases: int, runs: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from harbourline.accounts.models import Agency
    from harbourline.accounts.permissions import Role
    from harbourline.accounts.tests.factories import make_user, sign_in
    from harbourline.cases.models import Case
    from harbourline.country.services import country_load
    from harbourline.stats import selectors
    from harbourline.stats.annual import annual_report
    from harbourline.stats.filters import Filters
    from harbourline.stats.registry import sections
    from harbourline.stats.summary import figure_counts_refresh, figures_source

    connection.ensure_connection()
    connection.connection.autocommit = True
    call_command("migrate", verbosity=0)
    if not Agency.objects.exists():
        country_load(name="saint_lucia")
    generate(cases)
    agency = Agency.objects.order_by("pk").first()
    coordinator = make_user([Role.NATIONAL_COORDINATOR], agency=agency, username=f"benchc{time.time_ns()}")
    analyst = make_user([Role.ANALYST], agency=agency, username=f"bencha{time.time_ns()}")
    client = sign_in(Client(), coordinator)
    year = Filters(year=2024)
    print(f"\n{connection.vendor}: {Case.objects.count():,} cases; {runs} runs each; median times in ms")
    with figures_source("live"):
        start = time.perf_counter()
        for section in sections():
            for figure in section.figures:
                figure(year)
        print(f"{'dashboard counted live, once':<34}{(time.perf_counter() - start) * 1000:>10.1f}")
    refresh = figure_counts_refresh()
    print(f"{'summary rebuild (worker), once':<34}{refresh.took_ms:>10.1f}  ({refresh.rows:,} rows)")
    for section in sections():
        for figure in section.figures:
            t = statistics.median(timed(lambda f=figure: f(year), runs))
            print(f"  {figure.__name__:<30}{t:>10.1f}")
    rows = [
        ("dashboard, coordinator (exact)", lambda: selectors.dashboard_figures(coordinator, Filters())),
        ("dashboard, coordinator, 2024", lambda: selectors.dashboard_figures(coordinator, year)),
        ("dashboard, analyst (suppressed)", lambda: selectors.dashboard_figures(analyst, year)),
        (
            "dashboard, 4 filters",
            lambda: selectors.dashboard_figures(
                coordinator,
                Filters(year=2024, agency=Agency.objects.first().pk, form="ForcedLabour", district="LC-02"),  # type: ignore[union-attr]
            ),
        ),
        ("dashboard page (view)", lambda: client.get("/figures/?year=2024")),
        ("TIP questionnaire 2024", lambda: annual_report("tip", 2024)),
        ("GLOTIP questionnaire 2024", lambda: annual_report("glotip", 2024)),
    ]
    for name, fn in rows:
        samples = timed(fn, runs)
        print(f"{name:<34}{statistics.median(samples):>10.1f}  (max {max(samples):.1f})")


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
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ["DATABASE_URL"] = args.child
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        sys.path.insert(0, str(ROOT))
        run(args.cases, args.runs)
        return
    ensure_pg_database(PG_URL)
    subprocess.run(
        [sys.executable, __file__, "--cases", str(args.cases), "--runs", str(args.runs), "--child", PG_URL],
        check=True,
        cwd=ROOT,
    )


if __name__ == "__main__":
    main()
