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

from .models import (
    CurriculumRule,
    Registration,
    RegistrationStatus,
    Sector,
    Sex,
    TestAttempt,
    Workshop,
    WorkshopStatus,
    WorkshopType,
)
from .scoring import ClassGain, class_gain
from .selectors import trained_registrations, workshop_forms_check

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
    """Registrations that count as trained: in a workshop of the year that was not cancelled, meeting the
    curriculum's rule the workshop ran under (sessions attended, post-test pass mark) as certificates do."""
    workshops = Workshop.objects.exclude(status=WorkshopStatus.CANCELLED)
    if year is not None:
        workshops = workshops.filter(start_date__year=year)
    return trained_registrations(workshops)


def rule_note() -> str:
    rules = {r.workshop_type: r for r in CurriculumRule.objects.all()}
    parts = []
    for value, label in WorkshopType.choices:
        rule = rules.get(value)
        share, mark = (rule.attendance_share, rule.pass_mark) if rule else (80, 70)
        test = f" and {mark}% in the post-test" if mark else ", no post-test needed"
        parts.append(f"{label}: {share}% of the sessions{test}")
    return (
        "Trained means meeting the rule of the workshop's curriculum, the same rule as for a certificate ("
        + "; ".join(parts)
        + "). A workshop keeps the rule it was run under."
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


def _class_gain(year: int | None) -> tuple[ClassGain, int]:
    """Hake's <g> over every matched pair (pre and post of the same person) in the year's workshops whose two
    tests can be compared; and how many workshops with pairs were left out because they cannot."""
    qs = TestAttempt.objects.exclude(registration__workshop__status=WorkshopStatus.CANCELLED).exclude(
        registration__status__in=[RegistrationStatus.WITHDRAWN, RegistrationStatus.WAITLISTED]
    )
    if year is not None:
        qs = qs.filter(registration__workshop__start_date__year=year)
    scores: dict[int, dict[str, float]] = {}
    workshop_of: dict[int, int] = {}
    for a in qs.select_related("registration"):
        scores.setdefault(a.registration_id, {})[a.kind] = a.percent
        workshop_of[a.registration_id] = a.registration.workshop_id
    paired = {reg: s for reg, s in scores.items() if "pre" in s and "post" in s}
    comparable: dict[int, bool] = {}
    for workshop in Workshop.objects.filter(pk__in={workshop_of[r] for r in paired}):
        comparable[workshop.pk] = workshop_forms_check(workshop).comparable
    pairs = [(s["pre"], s["post"]) for reg, s in paired.items() if comparable[workshop_of[reg]]]
    return class_gain(pairs), sum(1 for ok in comparable.values() if not ok)


def training_figures(year: int | None) -> dict[str, Any]:
    regs = _trained(year)
    officials = [r for r in regs if r.participant.sector in OFFICIAL_SECTORS]
    gain, left_out = _class_gain(year)
    tip_rows = []
    for label, sectors in TIP_GROUPS:
        group = [r for r in regs if r.participant.sector in sectors]
        tip_rows.append((label, len({r.participant_id for r in group}), len(group)))
    return {
        "year": year,
        "rule_note": rule_note(),
        "people": len({r.participant_id for r in regs}),
        "attendances": len(regs),
        "officials": len({r.participant_id for r in officials}),
        "workshops_held": len({r.workshop_id for r in regs}),
        "class_gain": gain,
        "gain_left_out": left_out,
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
    counted: dict[str, set[int]] = {}
    for reg in _trained(year):  # the curriculum's 'trained' rule, as every other figure
        agency = reg.participant.agency
        counted.setdefault((agency.agency_type if agency else "") or "", set()).add(reg.participant_id)
    return {code: len(people) for code, people in counted.items()}
