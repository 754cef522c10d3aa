"""``manage.py figures --year 2025 --format json|xlsx``: the annual questionnaires, as the dashboard gives them.

Small cells are shown as "<5" unless ``--exact`` is given: exact figures are for the coordinator's
questionnaire, and writing them is recorded in the audit trail.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from harbourline.audit.services import audit_record
from harbourline.stats.actions import StatsAction
from harbourline.stats.annual import REPORTS, annual_report
from harbourline.stats.exports import table_json, to_json, to_xlsx
from harbourline.stats.routers import stats_reads
from harbourline.stats.suppression import shown, small_cell_threshold


class Command(BaseCommand):
    help = "Write the annual TIP report and GLOTIP figures for a year as JSON or XLSX."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json", dest="fmt")
        parser.add_argument("--report", choices=[*REPORTS, "all"], default="all")
        parser.add_argument(
            "--out", default="", help="File to write (standard output for JSON when omitted)."
        )
        parser.add_argument("--exact", action="store_true", help="Exact counts (audited), not suppressed.")

    def handle(
        self, *args: Any, year: int, fmt: str, report: str, out: str, exact: bool, **options: Any
    ) -> None:
        if not 1900 <= year <= 2100:
            raise CommandError("--year must be a calendar year such as 2025.")
        if fmt == "xlsx" and not out:
            raise CommandError("An XLSX file needs --out FILE.xlsx.")
        codes = list(REPORTS) if report == "all" else [report]
        with stats_reads():
            built = [annual_report(code, year) for code in codes]
        threshold = small_cell_threshold()
        reports = [(r, [shown(t, exact=exact) for t in r.tables]) for r in built]
        if fmt == "json":
            payload = {
                "year": year,
                "exact": exact,
                "small_cells": None if exact else f"counts from 1 to {threshold - 1} are shown as <5",
                "reports": [
                    {
                        "report": r.report,
                        "title": r.title,
                        "tables": [table_json(t) for t in tables],
                        "not_recorded_here": [{"key": k, "title": title} for k, title in r.not_recorded],
                    }
                    for r, tables in reports
                ],
            }
            body = to_json(payload)
        else:
            body = to_xlsx([(r.report.upper(), r.title, tables) for r, tables in reports])
        with transaction.atomic():
            audit_record(
                actor=None,
                actor_label="manage.py figures",
                action=StatsAction.ANNUAL_EXACT_DOWNLOADED if exact else StatsAction.ANNUAL_DOWNLOADED,
                object_type="stats.annual",
                object_id=year,
                details={"format": fmt, "exact": exact, "reports": codes},
            )
            if out:
                with open(out, "wb") as handle:
                    handle.write(body)
                self.stdout.write(f"Wrote {out}")
            else:
                sys.stdout.buffer.write(body + b"\n")
