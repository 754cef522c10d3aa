"""Benchmark: audited transactions in parallel (no global lock), then sealing and verifying them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hl_bench_audit .venv/bin/python bench/audit.py
    .venv/bin/python bench/audit.py --threads 8 --each 50 --hold-ms 10

Needs a migrated, disposable database (it writes audit rows; on SQLite writes are serialised by SQLite itself,
so use PostgreSQL). Each transaction writes one audit row and then holds the transaction open for --hold-ms,
as the rest of a request would. With one global lock the run could not be faster than threads x each x hold;
the figure printed beside it shows by how much it is.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--each", type=int, default=50)
    parser.add_argument("--hold-ms", type=float, default=10.0)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction

    from harbourline.audit.actions import PlatformAction
    from harbourline.audit.sealing import audit_seal, audit_verify_report
    from harbourline.audit.services import audit_record

    hold = args.hold_ms / 1000

    def work() -> None:
        for _ in range(args.each):
            with transaction.atomic():
                audit_record(actor=None, action=PlatformAction.DEMO_SEEDED, actor_label="bench")
                time.sleep(hold)
        connection.close()

    audit_seal()
    total = args.threads * args.each
    started = time.monotonic()
    threads = [threading.Thread(target=work) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    print(f"{total} audited transactions on {connection.vendor}, {args.threads} threads: {wall:.2f} s")
    print(f"floor with one global lock: {total * hold:.2f} s (ratio {total * hold / wall:.1f}x)")
    started = time.monotonic()
    sealed = audit_seal()
    print(f"sealed {sealed} rows: {time.monotonic() - started:.2f} s")
    started = time.monotonic()
    report = audit_verify_report()
    print(
        f"verified {report.checked} sealed rows: {time.monotonic() - started:.2f} s, "
        f"{len(report.problems)} problem(s)"
    )


if __name__ == "__main__":
    main()
