"""The donor report: the project's logframe indicators of the awareness component for a period, on a page and
as Excel and PDF.

People trained come from the training app, counted as its programme dashboard counts them (a participant who
met the curriculum's "trained" rule in a workshop that was not cancelled:
``harbourline.training.selectors.trained_registrations``), for the workshops that started in the period.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.public.tips.models import Tip
from harbourline.training.models import Workshop, WorkshopStatus
from harbourline.training.selectors import trained_registrations

from .access import can_read
from .models import Activity, Campaign, Channel
from .selectors import cost_per_person
from .surveys import kap_indicators


@dataclass
class Line:
    number: str
    indicator: str
    value: str
    detail: str = ""


def _tips_between(start: datetime.date, end: datetime.date) -> int:
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return Tip.objects.filter(received_at__gte=since, received_at__lt=until).count()


def people_trained(start: datetime.date, end: datetime.date) -> int:
    """People who met their curriculum's 'trained' rule in workshops that started in the period."""
    workshops = Workshop.objects.filter(start_date__gte=start, start_date__lte=end).exclude(
        status=WorkshopStatus.CANCELLED
    )
    return len({r.participant_id for r in trained_registrations(workshops)})


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def donor_report(user: User, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    if not can_read(user):
        return {"lines": [], "start": start, "end": end, "kap": []}
    activities = list(Activity.objects.filter(date__gte=start, date__lte=end))
    reach = sum(a.reach for a in activities)
    counted = sum(a.counted_reach or 0 for a in activities)
    cost = sum((a.cost for a in activities), Decimal("0"))
    materials = sum(a.materials_distributed for a in activities)
    by_channel = ", ".join(
        f"{label}: {n}"
        for code, label in Channel.choices
        if (n := sum(1 for a in activities if a.channel == code))
    )
    per_person = cost_per_person(cost, reach)
    lines = [
        Line("1", "Awareness activities held", str(len(activities)), by_channel or "None"),
        Line(
            "2",
            "People reached by the campaign",
            f"{reach:,}",
            f"{counted:,} counted at the activity, the rest as estimated by the channel; the same person "
            "reached twice counts twice",
        ),
        Line(
            "3", "Campaign materials distributed", f"{materials:,}", "Leaflets, posters and copies handed out"
        ),
        Line(
            "4",
            "Cost of the activities (XCD)",
            f"{cost:,.2f}",
            f"{per_person} per person reached" if per_person is not None else "No one reached",
        ),
        Line("5", "Tips received by the tip line", f"{_tips_between(start, end):,}", "Web form and hotline"),
        Line(
            "6", "People trained", f"{people_trained(start, end):,}", "Unique participants of workshops held"
        ),
    ]
    kap_rows = []
    campaigns = Campaign.objects.filter(start_date__lte=end, end_date__gte=start).order_by("start_date")
    for campaign in campaigns:
        figures = kap_indicators(user, campaign)
        for indicator in figures["indicators"]:
            everyone = indicator["rows"][0]
            change = everyone.change
            kap_rows.append(
                {
                    "campaign": campaign.name,
                    "indicator": indicator["title"],
                    "baseline": _percent(everyone.baseline.percent),
                    "baseline_n": everyone.baseline.n,
                    "endline": _percent(everyone.endline.percent),
                    "endline_n": everyone.endline.n,
                    "change": "-" if change is None else f"{100 * change.estimate:+.1f}",
                    "interval": "-"
                    if change is None
                    else f"{100 * change.lower:+.1f} to {100 * change.upper:+.1f}",
                }
            )
    return {"lines": lines, "kap": kap_rows, "start": start, "end": end}


def _rows(report: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [f"Awareness campaign: logframe indicators, {report['start']:%d %b %Y} to {report['end']:%d %b %Y}"],
        [],
        ["No.", "Indicator", "Value", "Notes"],
    ]
    rows += [[line.number, line.indicator, line.value, line.detail] for line in report["lines"]]
    rows += [
        [],
        ["7", "Change in knowledge, attitudes and practice (KAP surveys, everyone)"],
        [
            "Campaign",
            "Indicator",
            "Baseline",
            "Respondents",
            "Endline",
            "Respondents",
            "Change (points)",
            "95% interval (Newcombe)",
        ],
    ]
    rows += [
        [
            r["campaign"],
            r["indicator"],
            r["baseline"],
            r["baseline_n"],
            r["endline"],
            r["endline_n"],
            r["change"],
            r["interval"],
        ]
        for r in report["kap"]
    ]
    return rows


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit():
        return "'" + value
    return value


def report_xlsx(report: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Logframe"
    for row in _rows(report):
        sheet.append([_safe(c) for c in row])
    sheet["A1"].font = Font(bold=True, size=13)
    for width, column in zip((8, 48, 16, 60, 12, 12, 16, 26), "ABCDEFGH", strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _latin1(text: Any) -> str:
    text = str(text)
    for char, plain in (("\u2013", "-"), ("\u2014", "-"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def report_pdf(report: dict[str, Any], *, country: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, _latin1(f"{country}: national awareness campaign"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(
        0,
        7,
        _latin1(f"Logframe indicators, {report['start']:%d %B %Y} to {report['end']:%d %B %Y}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 10)
    with pdf.table(col_widths=(12, 80, 30, 150), line_height=6) as table:
        row = table.row()
        for head in ("No.", "Indicator", "Value", "Notes"):
            row.cell(head)
        for line in report["lines"]:
            row = table.row()
            for value in (line.number, line.indicator, line.value, line.detail):
                row.cell(_latin1(value))
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(
        0,
        7,
        "7. Change in knowledge, attitudes and practice (KAP surveys, everyone)",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", "", 9)
    if report["kap"]:
        heads = ("Campaign", "Indicator", "Baseline (n)", "Endline (n)", "Change (points)", "95% interval")
        with pdf.table(col_widths=(70, 62, 30, 30, 30, 50), line_height=6) as table:
            row = table.row()
            for head in heads:
                row.cell(head)
            for r in report["kap"]:
                row = table.row()
                for value in (
                    r["campaign"],
                    r["indicator"],
                    f"{r['baseline']} ({r['baseline_n']})",
                    f"{r['endline']} ({r['endline_n']})",
                    r["change"],
                    r["interval"],
                ):
                    row.cell(_latin1(value))
    else:
        pdf.cell(0, 6, "No campaign with surveys in this period.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(
        0,
        4,
        "Reach counts people counted at an activity where they were counted, and the channel's estimate "
        "otherwise. KAP figures hide groups with fewer respondents than the small-cell threshold. The 95% "
        "interval of a change is Newcombe's hybrid score interval for two independent proportions.",
    )
    return bytes(pdf.output())
