"""Small-cell suppression: counts below the threshold show as "<5", and no hidden count can be worked out from
the totals and counts shown."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harbourline.stats.suppression import hidden_cells, shown
from harbourline.stats.tables import SMALL, Cell, Table


def solvable(table: Table, hidden: frozenset[Cell], cell: Cell) -> bool:
    """Independent check: the totals pin ``cell`` down exactly when adding its unit row to the system of
    shown totals does not raise the system's rank."""
    order = sorted(hidden)
    index = {c: k for k, c in enumerate(order)}
    system = []
    for cells, total in table.lines():
        row = [Fraction(0)] * len(order)
        for c in cells:
            if c in index:
                row[index[c]] += 1
        if total in index:
            row[index[total]] -= 1
        system.append(row)
    unit = [Fraction(1 if k == index[cell] else 0) for k in range(len(order))]
    return rank(system) == rank([*system, unit])


def rank(rows: list[list[Fraction]]) -> int:
    m = [r[:] for r in rows if any(r)]
    r = 0
    width = len(m[0]) if m else 0
    for col in range(width):
        pivot = next((k for k in range(r, len(m)) if m[k][col] != 0), None)
        if pivot is None:
            continue
        m[r], m[pivot] = m[pivot], m[r]
        for k in range(r + 1, len(m)):
            factor = m[k][col] / m[r][col]
            m[k] = [a - factor * b for a, b in zip(m[k], m[r], strict=True)]
        r += 1
    return r


def test_small_counts_show_as_less_than_five_and_zero_stays_zero() -> None:
    table = Table(
        "t", "T", "Sex", ["Victims"], [("Female", [12]), ("Male", [3]), ("Other", [0])], column_totals=False
    )
    assert [row[1] for row in shown(table, exact=False).body()] == [12, SMALL, 0]


def test_one_hidden_count_in_a_column_hides_the_next_smallest_so_the_total_cannot_give_it_away() -> None:
    table = Table(
        "t", "T", "Sex", ["Victims"], [("Female", [12]), ("Male", [3]), ("Other", [7]), ("Unknown", [20])]
    )
    body = shown(table, exact=False).body()
    assert [row[1] for row in body] == [12, SMALL, SMALL, 20, 42]


def test_the_coordinator_sees_exact_counts() -> None:
    table = Table("t", "T", "Sex", ["Victims"], [("Female", [12]), ("Male", [3])])
    assert [row[1] for row in shown(table, exact=True).body()] == [12, 3, 15]


def test_the_threshold_is_a_setting(settings: object) -> None:
    settings.HARBOURLINE_SMALL_CELL = 10  # type: ignore[attr-defined]
    table = Table("t", "T", "Sex", ["Victims"], [("Female", [12]), ("Male", [7])], column_totals=False)
    assert [row[1] for row in shown(table, exact=False).body()] == [12, "<5"]


def test_a_small_grand_total_is_hidden_too() -> None:
    table = Table("t", "T", "Sex", ["Victims"], [("Female", [2]), ("Male", [0])])
    assert hidden_cells(table) == frozenset({(0, 0), (2, 0)})


tables = st.builds(
    lambda grid, row_totals, column_totals: Table(
        "t",
        "T",
        "Row",
        [f"c{j}" for j in range(len(grid[0]))],
        [(f"r{i}", list(r)) for i, r in enumerate(grid)],
        column_totals=column_totals,
        row_totals=row_totals,
    ),
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=width, max_size=width),
            min_size=1,
            max_size=6,
        )
    ),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 11))
def test_no_hidden_count_can_be_recovered_from_the_totals_shown(table: Table, threshold: int) -> None:
    hidden = hidden_cells(table, threshold)
    values = table.values()
    assert {c for c, v in values.items() if 0 < v < threshold} <= hidden
    for cell in hidden:
        assert not solvable(table, hidden, cell), f"{cell} = {values[cell]} is recoverable"


@pytest.mark.parametrize("threshold", [5])
def test_a_two_way_table_with_margins_stays_safe(threshold: int) -> None:
    table = Table(
        "t", "T", "Sex", ["Child", "Adult"], [("Female", [1, 30]), ("Male", [9, 14])], row_totals=True
    )
    hidden = hidden_cells(table, threshold)
    assert (0, 0) in hidden
    assert all(not solvable(table, hidden, c) for c in hidden)
