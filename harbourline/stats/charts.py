"""Bar charts as SVG, drawn on the server: no script, no inline style (the page's CSP allows neither).

The chart is a picture of the table beside it (which screen readers read), so it is hidden from them.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .tables import SMALL, ShownTable

WIDTH = 460
LABEL = 170
BAR = 18
GAP = 8


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(table: ShownTable) -> SafeString:
    rows = table.chart_rows()
    numbers = [v for _, v in rows if isinstance(v, int)]
    biggest = max(numbers, default=0) or 1
    room = WIDTH - LABEL - 50
    height = max(len(rows), 1) * (BAR + GAP) + GAP
    parts = []
    for k, (label, value) in enumerate(rows):
        y = GAP + k * (BAR + GAP)
        length = round(room * value / biggest) if isinstance(value, int) else 0
        css = "bar hidden-value" if value == SMALL else "bar"
        parts.append(
            (
                LABEL - 6,
                y + BAR - 5,
                _short(label),
                css,
                LABEL,
                y,
                length,
                BAR,
                LABEL + length + 4,
                y + BAR - 5,
                value,
            )
        )
    body = format_html_join(
        "",
        '<text class="label" x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text class="value" x="{}" y="{}">{}</text>',
        parts,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="presentation" aria-hidden="true" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        WIDTH,
        height,
        body,
    )
