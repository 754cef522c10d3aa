"""Charts drawn on the server as SVG: no script and no inline style (the CSP allows neither). Colours come
from classes in campaign.css. Every chart has a title and a description, and the page shows a table with the
same figures beside it, so the SVG itself is decorative for screen readers (aria-hidden)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 26
LABEL_W = 190
BAR_W = 330
VALUE_W = 80


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """Horizontal bars, one a row, with the label on the left and the value at the end of the bar."""
    if not rows:
        return mark_safe("")
    biggest = max((v for _, v in rows), default=0) or 1
    height = ROW * len(rows) + 8
    width = LABEL_W + BAR_W + VALUE_W
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" aria-hidden="true" '
        f'focusable="false" preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>'
    ]
    for n, (label, value) in enumerate(rows):
        y = 4 + n * ROW
        length = 0 if value <= 0 else max(1.0, BAR_W * value / biggest)
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<text class="chart-label" x="{LABEL_W - 6}" y="{y + 17}" text-anchor="end">{escape(short)}</text>'
            f'<rect class="chart-bar" x="{LABEL_W}" y="{y + 3}" width="{length:.1f}" height="{ROW - 8}"></rect>'
            f'<text class="chart-value" x="{LABEL_W + length + 6:.1f}" y="{y + 17}">{_fmt(value)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def timeline_chart(
    weeks: Sequence[tuple[datetime.date, int, int]], *, title: str, first: str, second: str
) -> SafeString:
    """Two aligned panels of weekly columns: ``first`` (activities) above, ``second`` (tips) below."""
    if not weeks:
        return mark_safe("")
    left, panel_h, gap = 46, 110, 34
    col = max(6.0, min(28.0, 560 / len(weeks)))
    width = left + col * len(weeks) + 10
    height = 2 * panel_h + gap + 40
    parts = [
        f'<svg class="chart chart-timeline" viewBox="0 0 {width:.0f} {height}" width="100%" role="img" '
        f'aria-hidden="true" focusable="false"><title>{escape(title)}</title>'
    ]
    for panel, (index, label, css) in enumerate(((1, first, "chart-bar"), (2, second, "chart-bar-alt"))):
        top = 18 + panel * (panel_h + gap)
        values = [w[1] if index == 1 else w[2] for w in weeks]
        biggest = max(values, default=0) or 1
        parts.append(f'<text class="chart-label" x="0" y="{top - 6}">{escape(label)}</text>')
        parts.append(
            f'<line class="chart-axis" x1="{left}" y1="{top + panel_h}" x2="{width - 10:.0f}" y2="{top + panel_h}"></line>'
            f'<text class="chart-value" x="{left - 4}" y="{top + 10}" text-anchor="end">{_fmt(biggest)}</text>'
            f'<text class="chart-value" x="{left - 4}" y="{top + panel_h}" text-anchor="end">0</text>'
        )
        for n, value in enumerate(values):
            h = panel_h * value / biggest
            x = left + n * col + 1
            parts.append(
                f'<rect class="{css}" x="{x:.1f}" y="{top + panel_h - h:.1f}" width="{col - 2:.1f}" height="{h:.1f}"></rect>'
            )
    step = max(1, math.ceil(56 / col))  # a date label is about 50 units wide
    for n in range(0, len(weeks), step):
        x = left + n * col
        parts.append(f'<text class="chart-value" x="{x:.1f}" y="{height - 6}">{weeks[n][0]:%d %b}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
