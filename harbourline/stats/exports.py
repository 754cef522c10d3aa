"""Downloads of figures as shown (exact or with "<5"): CSV, XLSX (openpyxl) and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .tables import ShownTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value: Any) -> Any:
    """Keep spreadsheet programs from running a cell that starts like a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def table_rows(table: ShownTable) -> list[list[Any]]:
    rows: list[list[Any]] = [[table.table.title], table.header(), *table.body()]
    if table.table.note:
        rows.append([table.table.note])
    return rows


def to_csv(heading: str, tables: list[ShownTable]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading])
    for table in tables:
        writer.writerow([])
        for row in table_rows(table):
            writer.writerow([_safe(c) for c in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(sheets: list[tuple[str, str, list[ShownTable]]]) -> bytes:
    """One sheet per (sheet name, heading, tables), the tables one under the other."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, heading, tables in sheets:
        sheet = book.create_sheet(name[:31])
        sheet.append([_safe(heading)])
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        for table in tables:
            sheet.append([])
            first = sheet.max_row + 1
            for row in table_rows(table):
                sheet.append([_safe(c) for c in row])
            sheet.cell(row=first, column=1).font = Font(bold=True)
        sheet.column_dimensions["A"].width = 45
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_json(table: ShownTable) -> dict[str, Any]:
    return {
        "key": table.table.key,
        "title": table.table.title,
        "header": table.header(),
        "rows": table.body(),
        "note": table.table.note,
    }


def to_json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, indent=2, ensure_ascii=False).encode("utf-8")
