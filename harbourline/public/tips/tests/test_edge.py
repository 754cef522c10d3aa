"""The production edge, for real: nginx with the site from deploy/ in front of two gunicorn processes that
share the cache, and reporters behind it with distinct addresses (issue 10).

Each reporter connects from its own loopback address (127.0.0.2, 127.0.0.5, ...; Linux routes all of
127.0.0.0/8 to this machine). 127.0.0.5 plays a load balancer in front of nginx that forwards public
addresses; nginx (127.0.0.1) and it are the trusted proxies. Runs on PostgreSQL, where other processes can
share the test database; skips when nginx or gunicorn is not installed."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from ..models import Tip
from .loopback import TipPoster

ROOT = Path(__file__).resolve().parents[4]
SITE = ROOT / "deploy" / "nginx" / "harbourline.conf"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
GUNICORN = Path(sys.executable).parent / "gunicorn"
NGINX_ADDRESS = "127.0.0.1"
BALANCER = "127.0.0.5"
LIMIT = 4  # edge_settings.py


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def site_for_test(text: str, *, port: int, upstreams: list[int]) -> str:
    """The deploy/ site on plain HTTP on a test port, in front of the test's gunicorns: the TLS-only server
    and the lines marked "tls" go, the listen line and the upstream change; everything else stays."""
    text, redirects = re.subn(r"# tls-only begin.*?# tls-only end\n", "", text, flags=re.S)
    text, listens = re.subn(
        r"^\s*listen [^\n]*# tls: listen\n", f"    listen 127.0.0.1:{port};\n", text, flags=re.M
    )
    text = re.sub(r"^[^\n]*# tls\n", "", text, flags=re.M)
    servers = "".join(f"    server 127.0.0.1:{p} fail_timeout=0;\n" for p in upstreams)
    text, upstream = re.subn(r"^\s*server 127\.0\.0\.1:8000 [^\n]*\n", servers, text, flags=re.M)
    assert (redirects, listens, upstream) == (1, 1, 1), "deploy/nginx/harbourline.conf lost a test marker"
    assert "ssl" not in text
    return text


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(150):
        if process.poll() is not None:
            raise AssertionError(f"exited early: {log.read_text() if log.exists() else ''}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"nothing answered on port {port}: {log.read_text() if log.exists() else ''}")


@dataclass
class Edge:
    port: int
    access_log: Path
    gunicorn_logs: list[Path]


@pytest.fixture
def edge(transactional_db: Any, tmp_path: Path) -> Iterator[Edge]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the gunicorn processes share the test database")
    if NGINX is None:
        pytest.skip("nginx is not installed (Debian package nginx)")
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed in the virtualenv")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "harbourline.public.tips.tests.edge_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "HARBOURLINE_TRUSTED_PROXIES": f"{NGINX_ADDRESS}, {BALANCER}",
        "PYTHONPATH": str(ROOT),
    }
    processes: list[subprocess.Popen[bytes]] = []
    try:
        ports, logs = [], []
        for n in range(2):
            port, log = _free_port(), tmp_path / f"gunicorn-{n}.log"
            process = subprocess.Popen(
                [
                    str(GUNICORN),
                    "config.wsgi",
                    *("--bind", f"127.0.0.1:{port}", "--workers", "1"),
                    *("--access-logfile", str(log), "--access-logformat", "%(m)s %(U)s %(s)s"),
                    *("--error-logfile", str(tmp_path / f"gunicorn-{n}.err")),
                ],
                cwd=ROOT,
                env=env,
            )
            processes.append(process)
            ports.append(port)
            logs.append(log)
        for port, process, n in zip(ports, processes, range(2), strict=True):
            _wait_for(port, process, tmp_path / f"gunicorn-{n}.err")
        nginx_port = _free_port()
        (tmp_path / "site.conf").write_text(site_for_test(SITE.read_text(), port=nginx_port, upstreams=ports))
        temp = "".join(f"    {kind}_temp_path {tmp_path}/{kind};\n" for kind in ("client_body", "proxy"))
        temp += "".join(f"    {kind}_temp_path {tmp_path}/{kind};\n" for kind in ("fastcgi", "uwsgi", "scgi"))
        (tmp_path / "nginx.conf").write_text(
            ("user root root;\n" if os.geteuid() == 0 else "")
            + f"daemon off;\nworker_processes 1;\npid {tmp_path}/nginx.pid;\n"
            + f"error_log {tmp_path}/nginx-error.log warn;\nevents {{ worker_connections 256; }}\n"
            + f"http {{\n    access_log {tmp_path}/access.log;\n{temp}    include {tmp_path}/site.conf;\n}}\n"
        )
        nginx = subprocess.Popen(
            [
                NGINX,
                "-e",
                str(tmp_path / "nginx-error.log"),
                "-p",
                str(tmp_path),
                "-c",
                str(tmp_path / "nginx.conf"),
            ]
        )
        processes.append(nginx)
        _wait_for(nginx_port, nginx, tmp_path / "nginx-error.log")
        yield Edge(nginx_port, tmp_path / "access.log", logs)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _posts(log: Path) -> list[str]:
    return [line.split()[2] for line in log.read_text().splitlines() if line.startswith("POST /report/")]


@pytest.mark.postgres
def test_behind_nginx_the_tip_limit_is_per_reporter_shared_by_the_workers_and_not_forgeable(
    edge: Edge,
) -> None:
    through_balancer = {"source": BALANCER}
    first = TipPoster.visit("127.0.0.1", edge.port, forwarded="203.0.113.10", **through_balancer)
    second = TipPoster.visit("127.0.0.1", edge.port, forwarded="203.0.113.20", **through_balancer)

    # one reporter uses up the allowance: requests alternate between the two gunicorns, the count holds
    statuses = [first.post(f"First reporter, tip {n}")[0] for n in range(LIMIT + 2)]
    assert statuses == [200] * LIMIT + [429, 429]
    served = [_posts(log) for log in edge.gunicorn_logs]
    assert all(served), f"both workers should have answered tips: {served}"

    # another reporter behind the same proxies is not blocked
    assert second.post("Second reporter")[0] == 200

    # a visitor who connects to nginx directly and writes the header himself is counted by his own address
    direct = TipPoster.visit("127.0.0.1", edge.port, source="127.0.0.2")
    assert [direct.post(f"Direct, tip {n}")[0] for n in range(LIMIT)] == [200] * LIMIT
    forged = TipPoster.visit("127.0.0.1", edge.port, source="127.0.0.2", forwarded="198.51.100.77")
    assert forged.post("Forged header")[0] == 429
    pretending = TipPoster.visit(
        "127.0.0.1", edge.port, source="127.0.0.2", forwarded="203.0.113.20, 127.0.0.5"
    )
    assert pretending.post("Pretending to be the balancer")[0] == 429

    assert Tip.objects.count() == 2 * LIMIT + 1

    # nginx keeps no access log for the tip line, and does for the rest
    conn = http.client.HTTPConnection("127.0.0.1", edge.port, timeout=10)
    conn.request("GET", "/healthz")
    assert conn.getresponse().status == 200
    time.sleep(0.2)
    logged = edge.access_log.read_text()
    assert "/healthz" in logged and "/report" not in logged
