"""Activities from a spreadsheet (the downloadable CSV or Excel template): every row is checked and every
problem reported with its row number and column, before anything is saved."""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from harbourline.country.selectors import district_choices
from harbourline.public.models import Material

from .models import Activity, Audience, Campaign, Channel, Phase

COLUMNS = [
    "date",
    "channel",
    "title",
    "district",
    "audience",
    "estimated_reach",
    "counted_reach",
    "partner",
    "cost",
    "materials_distributed",
    "materials",
    "phase",
    "notes",
]
REQUIRED = {"date", "channel", "title", "audience"}
HINTS = {
    "date": "Day/month/year (27/03/2026) or 2026-03-27",
    "channel": "One of: " + "; ".join(Channel.labels),
    "title": "What was done, for example: Morning show interview, Helen FM",
    "district": "A district name or code; empty for national media",
    "audience": "One of: " + "; ".join(Audience.labels),
    "estimated_reach": "Whole number",
    "counted_reach": "Whole number, or empty when nobody counted",
    "partner": "Partner organisation, or empty",
    "cost": "In XCD, for example 1250.00",
    "materials_distributed": "Whole number of leaflets, posters or copies handed out",
    "materials": "Numbers of materials from the library, separated by ;",
    "phase": "The phase's name, or empty",
    "notes": "Anything else",
}
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ParsedRow:
    row: int
    fields: dict[str, Any]
    materials: list[Material] = field(default_factory=list)


@dataclass
class ImportResult:
    campaign_id: int
    rows: int = 0
    valid: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""

    @property
    def error_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "27/03/2026",
            "School talk",
            "Form 4 talk, Vieux Fort Secondary",
            "Vieux Fort",
            "Young people and students",
            "120",
            "112",
            "Ministry of Education",
            "150.00",
            "112",
            "",
            "",
            "",
        ]
    )
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Activities"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n in range(len(COLUMNS)):
        sheet.column_dimensions[chr(ord("A") + n)].width = 24
    help_sheet = book.create_sheet("How to fill it in")
    help_sheet.append(["Column", "What to write", "Required"])
    for name in COLUMNS:
        help_sheet.append([name, HINTS[name], "yes" if name in REQUIRED else ""])
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_table(content: bytes, filename: str) -> list[list[Any]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    text = content.decode("utf-8-sig")
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _lookup(value: str, choices: list[tuple[str, str]]) -> str | None:
    wanted = value.casefold()
    for code, label in choices:
        if wanted in (code.casefold(), str(label).casefold()):
            return code
    return None


def _date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def parse_activities(campaign: Campaign, content: bytes, filename: str) -> ImportResult:
    result = ImportResult(campaign_id=campaign.pk)
    if len(content) > MAX_BYTES:
        result.file_error = "The file is larger than 2 MB. Split it into smaller files."
        return result
    if not filename.lower().endswith((".csv", ".xlsx")):
        result.file_error = "Upload the template as a .csv or .xlsx file."
        return result
    try:
        table = _read_table(content, filename)
    except Exception:  # any unreadable file: openpyxl and csv raise many kinds
        result.file_error = "The file could not be read. Save it from the template as CSV or Excel (.xlsx)."
        return result
    table = [row for row in table if any(_text(c) for c in row)]
    if not table:
        result.file_error = "The file is empty."
        return result
    header = [_text(c).casefold().replace(" ", "_") for c in table[0]]
    missing = [c for c in sorted(REQUIRED) if c not in header]
    if missing:
        result.file_error = (
            f"The first row must hold the template's column names; missing: {', '.join(missing)}."
        )
        return result
    body = table[1:]
    if len(body) > MAX_ROWS:
        result.file_error = f"The file has more than {MAX_ROWS} rows. Split it into smaller files."
        return result
    districts = district_choices()
    phases = {p.name.casefold(): p for p in Phase.objects.filter(campaign=campaign)}
    materials = {m.pk: m for m in Material.objects.all()}
    existing = {a.duplicate_key() for a in Activity.objects.filter(campaign=campaign)}
    seen: dict[tuple[str, ...], int] = {}
    result.rows = len(body)
    for index, raw in enumerate(body, start=2):
        cells = {name: raw[i] if i < len(raw) else None for i, name in enumerate(header)}
        errors: list[RowError] = []

        def err(column: str, message: str, row: int = index, bucket: list[RowError] = errors) -> None:
            bucket.append(RowError(row, column, message))

        fields: dict[str, Any] = {}
        for name in REQUIRED:
            if not _text(cells.get(name)):
                err(name, "This column must be filled in.")
        if _text(cells.get("date")):
            try:
                day = _date(cells["date"])
                fields["date"] = day
                if not campaign.start_date <= day <= campaign.end_date:
                    err("date", "The date is outside the campaign's dates.")
            except ValueError:
                err("date", f"“{_text(cells['date'])}” is not a date. Write it as 27/03/2026.")
        if _text(cells.get("channel")):
            code = _lookup(_text(cells["channel"]), list(Channel.choices))
            if code is None:
                err("channel", f"Unknown channel “{_text(cells['channel'])}”.")
            fields["channel"] = code
        fields["title"] = _text(cells.get("title"))[:200]
        district = _text(cells.get("district"))
        fields["district"] = ""
        if district:
            code = _lookup(district, districts)
            if code is None:
                err("district", f"Unknown district “{district}”.")
            fields["district"] = code or ""
        if _text(cells.get("audience")):
            code = _lookup(_text(cells["audience"]), list(Audience.choices))
            if code is None:
                err("audience", f"Unknown audience “{_text(cells['audience'])}”.")
            fields["audience"] = code
        for name in ("estimated_reach", "counted_reach", "materials_distributed"):
            text = _text(cells.get(name)).replace(",", "")
            if not text:
                fields[name] = None if name == "counted_reach" else 0
            elif text.isdigit() and int(text) < 2**31:
                fields[name] = int(text)
            else:
                err(name, f"“{text}” is not a whole number.")
        cost_text = _text(cells.get("cost")).replace(",", "").removeprefix("$")
        try:
            cost = Decimal(cost_text or "0")
            if cost < 0 or cost >= Decimal("1e10") or not cost.is_finite():
                raise InvalidOperation
            fields["cost"] = cost.quantize(Decimal("0.01"))
        except InvalidOperation:
            err("cost", f"“{cost_text}” is not an amount in XCD.")
        fields["partner"] = _text(cells.get("partner"))[:160]
        fields["notes"] = _text(cells.get("notes"))
        phase_name = _text(cells.get("phase"))
        fields["phase"] = None
        if phase_name:
            phase = phases.get(phase_name.casefold())
            if phase is None:
                err("phase", f"This campaign has no phase called “{phase_name}”.")
            fields["phase"] = phase
        chosen: list[Material] = []
        for part in _text(cells.get("materials")).replace(",", ";").split(";"):
            part = part.strip().lstrip("#")
            if not part:
                continue
            material = materials.get(int(part)) if part.isdigit() and len(part) < 10 else None
            if material is None:
                err("materials", f"No material numbered “{part}” in the library.")
            else:
                chosen.append(material)
        if not errors:
            probe = Activity(campaign=campaign, **fields)
            key = probe.duplicate_key()
            if key in seen:
                err("", f"Duplicate of row {seen[key]} (same date, channel, what, district and audience).")
            elif key in existing:
                err("", "This activity is already recorded for the campaign.")
            seen.setdefault(key, index)
        if errors:
            result.errors.extend(errors)
        else:
            result.valid.append(ParsedRow(index, fields, chosen))
    return result
