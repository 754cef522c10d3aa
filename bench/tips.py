"""Load benchmark of the tip form: gunicorn (2 sync workers) on PostgreSQL, 2,000 submissions, 200 in flight.

    .venv/bin/python bench/tips.py [--submissions 2000] [--concurrency 200]

Prints submissions per second, p50/p95 latency, the number of 5xx answers and the number of tips stored,
which must equal the number accepted. Traffic goes to 127.0.0.1 only; the run is bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harbourline.public.tips.tests.loopback import TipPoster  # noqa: E402  (needs ROOT on the path)

DB_URL = os.environ.get("BENCH_TIPS_DB", "postgres://postgres@127.0.0.1:5432/hl_bench_tips")
PORT = 8765


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "DJANGO_SETTINGS_MODULE": "bench.settings_tips",
        "PYTHONPATH": str(ROOT),
    }


def prepare() -> None:
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env(), check=True)


def one_client(n: int, deadline: float) -> list[tuple[int, float]]:
    """Visit the form once (CSRF cookie and token), then POST ``n`` tips, each with a fresh form key."""
    poster = TipPoster.visit("127.0.0.1", PORT)
    results = []
    for _ in range(n):
        if time.monotonic() > deadline:
            break
        start = time.perf_counter()
        try:
            status, _ = poster.post()
        except OSError:
            status = 599
        results.append((status, (time.perf_counter() - start) * 1000))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--max-seconds", type=int, default=300)
    args = parser.parse_args()
    prepare()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env(),
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        per_client = args.submissions // args.concurrency
        deadline = time.monotonic() + args.max_seconds
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            batches = list(pool.map(lambda _: one_client(per_client, deadline), range(args.concurrency)))
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    results = [r for batch in batches for r in batch]
    accepted = sum(1 for status, _ in results if status == 200)
    errors = sum(1 for status, _ in results if status >= 500)
    latencies = sorted(ms for _, ms in results)
    stored = (
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from harbourline.public.tips.models import Tip; print(Tip.objects.count())",
            ],
            cwd=ROOT,
            env=env(),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"submissions sent: {len(results)} in {elapsed:.1f} s with {args.concurrency} in flight")
    print(f"submissions per second: {len(results) / elapsed:.0f}")
    print(
        f"latency p50 {statistics.median(latencies):.0f} ms, p95 {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms"
    )
    print(f"accepted (200): {accepted}; 5xx: {errors}; other: {len(results) - accepted - errors}")
    print(f"tips stored: {stored} (must equal accepted: {'yes' if int(stored) == accepted else 'NO'})")


if __name__ == "__main__":
    main()
