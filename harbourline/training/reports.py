"""The focal point's figures: people trained by sector, sex, agency and district, for a year and to date."""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from harbourline.country.selectors import district_name

from .models import Registration, RegistrationStatus, Sector, Sex, TestAttempt, Workshop, WorkshopStatus
from .scoring import mean, normalised_gain

TRAINED = [RegistrationStatus.ATTENDED, RegistrationStatus.COMPLETED]
# How the TIP report groups the officials trained (the sectors that are not civil society or "other").
TIP_GROUPS = [
    ("Law enforcement (police, customs)", {Sector.POLICE, Sector.CUSTOMS}),
    ("Immigration", {Sector.IMMIGRATION}),
    ("Labour inspection", {Sector.LABOUR}),
    ("Diplomatic and consular", {Sector.DIPLOMATIC}),
    ("Prosecutors and judiciary", {Sector.JUSTICE}),
    ("Health", {Sector.HEALTH}),
    ("Social services", {Sector.SOCIAL}),
]
OFFICIAL_SECTORS = set().union(*(s for _, s in TIP_GROUPS))


@dataclass
class Breakdown:
    title: str
    rows: list[tuple[str, int, int]]  # label, unique people, attendances

    @property
    def biggest(self) -> int:
        return max((r[2] for r in self.rows), default=0) or 1


def _trained(year: int | None) -> list[Registration]:
    qs = Registration.objects.filter(status__in=TRAINED).exclude(workshop__status=WorkshopStatus.CANCELLED)
    if year is not None:
        qs = qs.filter(workshop__start_date__year=year)
    return list(
        qs.select_related("participant", "participant__agency").only(
            "participant__id",
            "participant__sex",
            "participant__sector",
            "participant__district",
            "participant__organisation",
            "participant__agency__name",
            "workshop_id",
        )
    )


def _breakdown(title: str, regs: list[Registration], label: Any) -> Breakdown:
    people: dict[str, set[int]] = {}
    attendances: Counter[str] = Counter()
    for reg in regs:
        key = label(reg.participant) or "Not recorded"
        people.setdefault(key, set()).add(reg.participant_id)
        attendances[key] += 1
    rows = sorted(((k, len(v), attendances[k]) for k, v in people.items()), key=lambda r: (-r[2], r[0]))
    return Breakdown(title, rows)


def _mean_gain(year: int | None) -> float | None:
    qs = TestAttempt.objects.filter(registration__status__in=TRAINED)
    if year is not None:
        qs = qs.filter(registration__workshop__start_date__year=year)
    scores: dict[int, dict[str, float]] = {}
    for a in qs:
        scores.setdefault(a.registration_id, {})[a.kind] = a.percent
    return mean(normalised_gain(s["pre"], s["post"]) for s in scores.values() if "pre" in s and "post" in s)


def training_figures(year: int | None) -> dict[str, Any]:
    regs = _trained(year)
    officials = [r for r in regs if r.participant.sector in OFFICIAL_SECTORS]
    tip_rows = []
    for label, sectors in TIP_GROUPS:
        group = [r for r in regs if r.participant.sector in sectors]
        tip_rows.append((label, len({r.participant_id for r in group}), len(group)))
    return {
        "year": year,
        "people": len({r.participant_id for r in regs}),
        "attendances": len(regs),
        "officials": len({r.participant_id for r in officials}),
        "workshops_held": len({r.workshop_id for r in regs}),
        "mean_normalised_gain": _mean_gain(year),
        "tip": Breakdown("Officials trained, by type (TIP report)", tip_rows),
        "breakdowns": [
            _breakdown("By sector", regs, lambda p: Sector(p.sector).label),
            _breakdown("By sex", regs, lambda p: Sex(p.sex).label),
            _breakdown("By agency or organisation", regs, lambda p: p.organisation_name),
            _breakdown("By district", regs, lambda p: district_name(p.district) if p.district else ""),
        ],
    }


def upcoming_workshops(limit: int = 10) -> list[Workshop]:
    today = timezone.localdate()
    return list(
        Workshop.objects.filter(end_date__gte=today)
        .exclude(status__in=[WorkshopStatus.CANCELLED, WorkshopStatus.HELD])
        .order_by("start_date", "pk")[:limit]
    )


def year_choices() -> list[int]:
    first = Workshop.objects.order_by("start_date").values_list("start_date", flat=True).first()
    this_year = timezone.localdate().year
    start = first.year if isinstance(first, datetime.date) else this_year
    return list(range(this_year + 1, min(start, this_year) - 1, -1))


def export_rows(figures: dict[str, Any]) -> list[list[Any]]:
    year = figures["year"] or "all years"
    rows: list[list[Any]] = [["Year", "Breakdown", "Group", "People trained", "Attendances"]]
    rows.append([year, "Total", "All", figures["people"], figures["attendances"]])
    rows.append([year, "Total", "Officials", figures["officials"], ""])
    for breakdown in [figures["tip"], *figures["breakdowns"]]:
        rows.extend([year, breakdown.title, label, people, att] for label, people, att in breakdown.rows)
    return rows


def export_csv(figures: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in export_rows(figures):
        writer.writerow([_safe_cell(c) for c in row])
    return out.getvalue().encode("utf-8-sig")


def _safe_cell(value: Any) -> Any:
    """Keep spreadsheet programs from running a cell that starts like a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_xlsx(figures: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "People trained"
    for row in export_rows(figures):
        sheet.append([_safe_cell(c) for c in row])
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def trained_by_agency_type(year: int | None) -> dict[str, int]:
    """People trained, by the type of the agency they work for (the TIP report counts officials by their
    agency, not by a sector they declared). People not linked to an agency count under ""."""
    from django.db.models import Count

    qs = Registration.objects.filter(status__in=TRAINED).exclude(workshop__status=WorkshopStatus.CANCELLED)
    if year is not None:
        qs = qs.filter(workshop__start_date__year=year)
    rows = (
        qs.order_by()
        .values("participant__agency__agency_type")
        .annotate(n=Count("participant", distinct=True))
        .values_list("participant__agency__agency_type", "n")
    )
    return {code or "": n for code, n in rows}
