"""Small-cell suppression for figures that leave the coordinator's hands.

Primary: every count from 1 to threshold - 1 is shown as "<5" (zero stays zero). Secondary: no hidden cell
may be worked out from the totals shown. A hidden cell is recoverable exactly when the totals pin it down, that
is when its unit vector lies in the row space of the system "cells of a line add up to its total" restricted
to the hidden cells. While one is recoverable, the smallest visible cell sharing a line with it is hidden too
(the next smallest, so subtraction cannot recover it), and the check runs again.
"""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings

from .tables import Cell, ShownTable, Table


def small_cell_threshold() -> int:
    return int(getattr(settings, "HARBOURLINE_SMALL_CELL", 5))


def _constraint_rows(lines: list[tuple[list[Cell], Cell]], hidden: list[Cell]) -> list[list[Fraction]]:
    index = {c: k for k, c in enumerate(hidden)}
    rows = []
    for cells, total in lines:
        row = [Fraction(0)] * len(hidden)
        for c in cells:
            if c in index:
                row[index[c]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            rows.append(row)
    return rows


def _rref(rows: list[list[Fraction]], width: int) -> tuple[list[list[Fraction]], list[int]]:
    m = [r[:] for r in rows]
    pivots: list[int] = []
    r = 0
    for col in range(width):
        pivot = next((k for k in range(r, len(m)) if m[k][col] != 0), None)
        if pivot is None:
            continue
        m[r], m[pivot] = m[pivot], m[r]
        lead = m[r][col]
        m[r] = [v / lead for v in m[r]]
        for k in range(len(m)):
            if k != r and m[k][col] != 0:
                factor = m[k][col]
                m[k] = [a - factor * b for a, b in zip(m[k], m[r], strict=True)]
        pivots.append(col)
        r += 1
        if r == len(m):
            break
    return m[: len(pivots)], pivots


def recoverable(lines: list[tuple[list[Cell], Cell]], hidden: set[Cell] | frozenset[Cell]) -> list[Cell]:
    """The hidden cells that the shown totals and cells determine exactly."""
    order = sorted(hidden)
    rows = _constraint_rows(lines, order)
    if not rows:
        return []
    reduced, pivots = _rref(rows, len(order))
    free = set(range(len(order))) - set(pivots)
    found = []
    for row, col in zip(reduced, pivots, strict=True):
        if all(row[f] == 0 for f in free):
            found.append(order[col])
    return found


def hidden_cells(table: Table, threshold: int | None = None) -> frozenset[Cell]:
    limit = small_cell_threshold() if threshold is None else threshold
    values = table.values()
    lines = table.lines()
    hidden = {c for c, v in values.items() if 0 < v < limit}
    while True:
        exposed = recoverable(lines, hidden)
        if not exposed:
            return frozenset(hidden)
        target = exposed[0]
        mates = {c for cells, total in lines if target in cells or target == total for c in [*cells, total]}
        candidates = [c for c in mates if c not in hidden] or [c for c in values if c not in hidden]
        if not candidates:  # everything is hidden already
            return frozenset(hidden)
        hidden.add(min(candidates, key=lambda c: (values[c] == 0, values[c], c)))


def shown(table: Table, *, exact: bool) -> ShownTable:
    if exact:
        return ShownTable(table)
    return ShownTable(table, hidden_cells(table), suppressed=True)
