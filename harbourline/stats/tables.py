"""A figure is a table of counts: labelled rows, one or more count columns, and the totals it shows.

The same table is drawn as a chart, shown beside it, downloaded and put in the annual questionnaires. Cells
are addressed as (row, column) with the totals included: row ``len(rows)`` is the total row and column
``len(columns)`` the total column, when shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = tuple[int, int]
SMALL = "<5"


@dataclass
class Table:
    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    column_totals: bool = True
    row_totals: bool = False
    note: str = ""

    @property
    def total_row(self) -> int:
        return len(self.rows)

    @property
    def total_column(self) -> int:
        return len(self.columns)

    def values(self) -> dict[Cell, int]:
        """Every cell shown, totals included, with its exact value."""
        cells: dict[Cell, int] = {}
        for i, (_, counts) in enumerate(self.rows):
            for j, n in enumerate(counts):
                cells[(i, j)] = n
            if self.row_totals:
                cells[(i, self.total_column)] = sum(counts)
        if self.column_totals:
            width = len(self.columns) + (1 if self.row_totals else 0)
            for j in range(width):
                cells[(self.total_row, j)] = sum(cells[(i, j)] for i in range(len(self.rows)))
        return cells

    def lines(self) -> list[tuple[list[Cell], Cell]]:
        """Each shown total with the cells it adds up: (cells, total cell)."""
        out: list[tuple[list[Cell], Cell]] = []
        height = len(self.rows) + (1 if self.column_totals else 0)
        width = len(self.columns) + (1 if self.row_totals else 0)
        if self.row_totals:
            for i in range(height):
                out.append(([(i, j) for j in range(len(self.columns))], (i, self.total_column)))
        if self.column_totals:
            for j in range(width):
                out.append(([(i, j) for i in range(len(self.rows))], (self.total_row, j)))
        return out

    def total(self) -> int:
        return sum(sum(counts) for _, counts in self.rows)


@dataclass
class ShownTable:
    """A table as it is shown: exact, or with small cells (and the cells that would give them away) as "<5"."""

    table: Table
    hidden: frozenset[Cell] = frozenset()
    suppressed: bool = False

    def cell(self, i: int, j: int) -> int | str:
        if (i, j) in self.hidden:
            return SMALL
        return self.table.values()[(i, j)]

    def header(self) -> list[str]:
        head = [self.table.row_header, *self.table.columns]
        if self.table.row_totals:
            head.append("Total")
        return head

    def body(self) -> list[list[int | str]]:
        """Rows as shown, the label first, the total row last."""
        t = self.table
        values = t.values()
        width = len(t.columns) + (1 if t.row_totals else 0)
        out: list[list[int | str]] = []
        labels = [label for label, _ in t.rows] + (["Total"] if t.column_totals else [])
        for i, label in enumerate(labels):
            cells: list[int | str] = [
                SMALL if (i, j) in self.hidden else values[(i, j)] for j in range(width)
            ]
            out.append([label, *cells])
        return out

    def chart_rows(self) -> list[tuple[str, int | str]]:
        """One bar per row: the first column (or the row total), as shown."""
        t = self.table
        j = t.total_column if t.row_totals else 0
        return [(label, self.cell(i, j)) for i, (label, _) in enumerate(t.rows)]
