"""Benchmark: time to make one certificate PDF (with its QR code) and a ZIP of 200 certificates.

    .venv/bin/python bench/training.py              # 50 single certificates, one ZIP of 200
    .venv/bin/python bench/training.py --runs 100 --zip 200 --unicode

Needs no database: certificates are built in memory as the app builds them. ``--unicode`` gives every name a
character outside Latin-1, so the DejaVu font (when the system has it) is embedded: the slower path.
Target: p95 under 50 ms per certificate, both paths. Wall time depends on what else the machine runs, so the
processor time of this process is printed beside it, with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--zip", type=int, default=200, dest="zip_size")
    parser.add_argument("--unicode", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils import timezone

    from harbourline.training.certificate_pdf import certificate_pdf, certificates_zip
    from harbourline.training.models import Certificate, Registration

    def make(n: int) -> Certificate:
        name = f"Marcia Jn Baptiste-Kwéyòl {n}" + (" Łucja" if args.unicode else "")
        cert = Certificate(
            code=f"AB{n:03d}-CDEFG",
            participant_name=name,
            issued_at=timezone.now(),
            workshop_title="Identification and referral of victims of trafficking for border officials",
            dates_text="10 March 2026 to 11 March 2026",
            venue_text="Vieux Fort Town Hall, Vieux Fort",
            modules_text="Legal framework\nIdentification and indicators\nReferral procedures\nProtection and assistance",
        )
        cert.registration = Registration(number=n)
        return cert

    url = "https://harbourline.example/training/verify/{}/"
    certificate_pdf(make(0), verify_url=url.format("warm"))  # warm up (imports, font parsing)
    samples, cpu = [], []
    for n in range(args.runs):
        cert = make(n)
        start, start_cpu = time.perf_counter(), time.process_time()
        pdf = certificate_pdf(cert, verify_url=url.format(cert.code))
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    certs = [make(n) for n in range(args.zip_size)]
    start = time.perf_counter()
    data = certificates_zip(certs, verify_url_for=lambda c: url.format(c.code))
    zip_ms = (time.perf_counter() - start) * 1000

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, int(len(values) * 0.95) - 1)]

    print(
        f"one certificate: median {statistics.median(samples):.1f} ms, "
        f"p95 {p95(samples):.1f} ms over {args.runs} runs "
        f"({len(pdf) / 1024:.0f} KiB each){' [unicode font]' if args.unicode else ''}"
    )
    print(f"processor time: median {statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(
        f"ZIP of {args.zip_size}: {zip_ms / 1000:.2f} s in all, {zip_ms / args.zip_size:.1f} ms per certificate, "
        f"{len(data) / 1024 / 1024:.1f} MiB"
    )
    print("target: p95 under 50 ms per certificate")


if __name__ == "__main__":
    main()
