"""Load benchmark of the tip line against its floor, under the same gunicorn, database, cache and load client.

    .venv/bin/python bench/tips.py [--connections 64] [--seconds 10] [--threads 2] [--workers 2]

The tip line is Harbourline's public tip form (config.wsgi). The floor (bench/floor/) is a bare Django app
doing only what storing a tip must do: the CSRF check, form validation, a rate-limit counter in the same
cache, AES-GCM of the text, the tip INSERT and one audit INSERT in one transaction, and a small HTML answer.
Both run under gunicorn (sync workers) on PostgreSQL (BENCH_TIPS_DB) with the cache the settings give
(Redis when REDIS_URL is set, else the database cache). The load is `wrk` (Debian package) with
bench/tips.lua: each thread fetches the form, then posts tips, each with a fresh form key.

Prints tips per second, latency, 5xx answers, tips stored against tips accepted, and the ratio of the tip
line to the floor. Traffic goes to 127.0.0.1 only; each run lasts --seconds.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_URL = os.environ.get("BENCH_TIPS_DB", "postgres://postgres@127.0.0.1:5432/hl_bench_tips")
PORT = 8765
SCRIPT = ROOT / "bench" / "tips.lua"


@dataclass(frozen=True)
class Target:
    name: str
    wsgi: str
    settings: str
    table: str


TIP_LINE = Target("tip line", "config.wsgi", "bench.settings_tips", "tips_tip")
FLOOR = Target("floor", "bench.floor.wsgi", "bench.floor.settings", "floor_floortip")


@dataclass(frozen=True)
class Result:
    per_second: float
    accepted: int
    errors: int
    other: int
    socket_errors: str
    stored: int
    p50_ms: float
    p99_ms: float


def env(target: Target) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "DJANGO_SETTINGS_MODULE": target.settings,
        "PYTHONPATH": str(ROOT),
    }


def manage(target: Target, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env(target), check=True)


def prepare() -> None:
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage(TIP_LINE, "migrate", "--no-input", "-v0")
    manage(TIP_LINE, "createcachetable")
    manage(FLOOR, "migrate", "--run-syncdb", "--no-input", "-v0")


def count(table: str) -> int:
    import psycopg

    with psycopg.connect(DB_URL) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # a fixed table name
    return int(row[0]) if row else 0


def clear_cache_table() -> None:
    """Both runs start from an empty database cache (there is none with Redis)."""
    import psycopg

    with psycopg.connect(DB_URL) as conn:
        row = conn.execute("SELECT to_regclass('harbourline_cache')").fetchone()
        if row and row[0]:
            conn.execute("DELETE FROM harbourline_cache")


def wrk(args: argparse.Namespace, *, seconds: int, connections: int = 0) -> str:
    return subprocess.run(
        [
            "wrk",
            *("-t", str(args.threads), "-c", str(connections or args.connections), "-d", f"{seconds}s"),
            *("--timeout", "30s", "-s", str(SCRIPT), f"http://127.0.0.1:{PORT}", "--", "/report/en/"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def warm_up(args: argparse.Namespace) -> None:
    """Every worker loads the application on its first request, which takes seconds on a busy machine: ask
    until the form comes back quickly several times in a row, then send a few tips, before measuring."""
    deadline, quick = time.monotonic() + 120, 0
    while quick < 4 * args.workers and time.monotonic() < deadline:
        start = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            conn.request("GET", "/report/en/")
            ok = conn.getresponse().status == 200
        except OSError:
            ok = False
            time.sleep(0.2)
        quick = quick + 1 if ok and time.monotonic() - start < 1 else 0
    wrk(args, seconds=3, connections=args.workers)


def run(target: Target, args: argparse.Namespace) -> Result:
    clear_cache_table()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            target.wsgi,
            *("--workers", str(args.workers), "--bind", f"127.0.0.1:{PORT}"),
            *("--backlog", "2048", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env(target),
    )
    try:
        warm_up(args)
        time.sleep(2)  # the warm-up's last requests finish before counting
        before = count(target.table)
        output = wrk(args, seconds=args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=60)
    stored = count(target.table) - before
    found = re.search(
        r"RESULT accepted=(\d+) errors5xx=(\d+) other=(\d+) forms=\d+ p50_ms=([\d.]+) p99_ms=([\d.]+)", output
    )
    if found is None:
        raise SystemExit(f"wrk printed no result:\n{output}")
    accepted, errors, other = (int(found.group(i)) for i in (1, 2, 3))
    sockets = re.search(r"Socket errors: (.*)", output)
    return Result(
        per_second=accepted / args.seconds,
        accepted=accepted,
        errors=errors,
        other=other,
        socket_errors=sockets.group(1) if sockets else "none",
        stored=stored,
        p50_ms=float(found.group(4)),
        p99_ms=float(found.group(5)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    prepare()
    cache = "Redis" if os.environ.get("REDIS_URL") else "the database cache"
    print(
        f"gunicorn {args.workers} sync workers, PostgreSQL, {cache}; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.seconds} s"
    )
    results = {}
    for target in (FLOOR, TIP_LINE):
        result = run(target, args)
        results[target.name] = result
        print(
            f"{target.name:9} {result.per_second:7.0f} tips/s  p50 {result.p50_ms:6.1f} ms  "
            f"p99 {result.p99_ms:6.1f} ms  5xx {result.errors}  other {result.other}  "
            f"socket errors {result.socket_errors}"
        )
        # wrk stops at the deadline with requests in flight: those tips are stored, their answers unread.
        cut_off = result.stored - result.accepted
        verdict = "yes" if 0 <= cut_off <= args.connections else "NO"
        print(
            f"{'':9} accepted {result.accepted}, stored {result.stored} "
            f"(equal but for the {cut_off} in flight at the deadline: {verdict})"
        )
    ratio = results["tip line"].per_second / max(results["floor"].per_second, 1)
    print(f"tip line / floor: {ratio:.2f}")


if __name__ == "__main__":
    main()
