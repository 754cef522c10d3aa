"""CTDC import speed: loads the public CTDC files from ../shared/data/ctdc (absent: nothing to measure) into a
PostgreSQL database of its own and prints rows per second for each.

    .venv/bin/python bench/ctdc_import.py [--db postgres://postgres@127.0.0.1:5432/hl_bench_ctdc]

The database is created if missing and migrated; each run imports under a new name, then deletes it again.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ["ctdc_global_dataset_2020-04-14_7cols.csv", "CTDC_VPsynthetic_condensed.csv"]


def shared_dir() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "data" / "ctdc"
        if folder.is_dir():
            return folder
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--db", default=os.environ.get("BENCH_CTDC_DB", "postgres://postgres@127.0.0.1:5432/hl_bench_ctdc")
    )
    args = parser.parse_args()
    folder = shared_dir()
    if folder is None:
        sys.exit("../shared/data/ctdc is absent: nothing to measure.")
    import psycopg

    name = args.db.rsplit("/", 1)[1]
    with psycopg.connect(args.db.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": args.db, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from harbourline.reference.models import ReferenceDataset
    from harbourline.reference.services import reference_import

    for filename in FILES:
        path = folder / filename
        label = f"bench-{int(time.time())}"
        started = time.perf_counter()
        dataset = reference_import(path, name=label)
        seconds = time.perf_counter() - started
        print(
            f"{filename}: {dataset.row_count} rows in {seconds:.2f} s = {dataset.row_count / seconds:,.0f} rows/s"
        )
        ReferenceDataset.objects.filter(pk=dataset.pk).delete()


if __name__ == "__main__":
    main()
