"""Small-cell suppression: no published figure may reveal a count of 1 to 4 residents.

Primary suppression hides every count from 1 to ``THRESHOLD - 1``. Secondary suppression
stops a reader from getting a hidden count back by subtraction: a *line* is a set of
cells whose sum is known (a row with its total, a column with its total, or cells whose
sum is published in another table). A line with exactly one hidden member gives that
member away, so one more member is hidden: the smallest visible ordinary cell, or, when
no ordinary cell is left, the smallest visible total. This repeats until every line has
no hidden member or at least two.

Zero is shown: "nobody" describes no one. Everything here is pure and works on plain
lists, so the rule is tested on its own and used the same way by pages and exports.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

THRESHOLD = 5
SUPPRESSED = "< 5"

Cell = tuple[int, int]


def hidden_members(
    values: Sequence[int],
    lines: Iterable[Sequence[int]],
    *,
    totals: Collection[int] = (),
    threshold: int = THRESHOLD,
    also: Collection[int] = (),
) -> frozenset[int]:
    """Indexes of ``values`` to hide. ``lines`` hold indexes whose sum is known;
    ``totals`` are indexes that are themselves sums (hidden only as a last resort);
    ``also`` are hidden from the start whatever their value (an amount, such as hours,
    that fewer than ``threshold`` people make up)."""
    lines = [list(line) for line in lines]
    hidden = {index for index, value in enumerate(values) if 0 < value < threshold}
    hidden |= set(also)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for index in line if index in hidden) != 1:
                continue
            candidates = [index for index in line if index not in hidden]
            if not candidates:
                continue
            complement = min(candidates, key=lambda i: (i in totals, values[i], i))
            hidden.add(complement)
            changed = True
    return frozenset(hidden)


@dataclass(frozen=True)
class SuppressedGrid:
    """A table of counts after suppression: ``None`` marks a hidden figure."""

    cells: list[list[int | None]]
    row_totals: list[int | None] | None
    column_totals: list[int | None] | None
    grand_total: int | None

    @property
    def hidden_count(self) -> int:
        every = [c for row in self.cells for c in row]
        every += list(self.row_totals or []) + list(self.column_totals or [])
        if self.row_totals is not None and self.column_totals is not None:
            every.append(self.grand_total)
        return sum(1 for value in every if value is None)


def suppress_grid(
    counts: Sequence[Sequence[int]],
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    extra_lines: Iterable[Sequence[Cell]] = (),
    threshold: int = THRESHOLD,
    columns: int | None = None,
    hide: Iterable[Cell] = (),
) -> SuppressedGrid:
    """Suppress a rows × columns table of counts with the totals it will be shown with.

    The totals are the sums of the cells. ``extra_lines`` name groups of cells whose
    sum is published elsewhere (for instance months that make up a quarter).
    ``columns`` gives the width of a table that may have no rows, so its column totals
    (all 0) still line up with its header. ``hide`` names cells hidden whatever their
    value (see ``hidden_members``' ``also``).
    """
    n_rows = len(counts)
    n_columns = columns if columns is not None else len(counts[0]) if n_rows else 0
    sums_of_rows = [sum(row) for row in counts]
    sums_of_columns = [sum(row[c] for row in counts) for c in range(n_columns)]
    grand = sum(sums_of_rows)

    def cell(r: int, c: int) -> int:
        return r * n_columns + c

    row_total_at = n_rows * n_columns
    column_total_at = row_total_at + n_rows
    grand_at = column_total_at + n_columns
    values = [v for row in counts for v in row] + sums_of_rows + sums_of_columns + [grand]
    totals = set(range(row_total_at, grand_at + 1))

    lines: list[list[int]] = []
    for r in range(n_rows):
        line = [cell(r, c) for c in range(n_columns)]
        if row_totals:
            lines.append([*line, row_total_at + r])
    for c in range(n_columns):
        line = [cell(r, c) for r in range(n_rows)]
        if column_totals:
            lines.append([*line, column_total_at + c])
    if row_totals and column_totals:
        lines.append([row_total_at + r for r in range(n_rows)] + [grand_at])
        lines.append([column_total_at + c for c in range(n_columns)] + [grand_at])
    for group in extra_lines:
        lines.append([cell(r, c) for r, c in group])
    # Totals not shown take no part: they can neither leak nor hide anything.
    shown = set(range(row_total_at))
    if row_totals:
        shown |= set(range(row_total_at, column_total_at))
    if column_totals:
        shown |= set(range(column_total_at, grand_at))
    if row_totals and column_totals:
        shown.add(grand_at)
    values_shown = [v if i in shown else 0 for i, v in enumerate(values)]
    hidden = hidden_members(
        values_shown,
        lines,
        totals=totals,
        threshold=threshold,
        also=[cell(r, c) for r, c in hide],
    )

    def visible(index: int) -> int | None:
        return None if index in hidden else values[index]

    return SuppressedGrid(
        cells=[[visible(cell(r, c)) for c in range(n_columns)] for r in range(n_rows)],
        row_totals=[visible(row_total_at + r) for r in range(n_rows)] if row_totals else None,
        column_totals=(
            [visible(column_total_at + c) for c in range(n_columns)] if column_totals else None
        ),
        # Only shown (and so only meaningful) with both row and column totals.
        grand_total=visible(grand_at) if (row_totals and column_totals) else None,
    )


def suppress_single(value: int, threshold: int = THRESHOLD) -> int | None:
    """A figure shown on its own: hidden when it counts 1 to 4."""
    return None if 0 < value < threshold else value


def shown(value: int | None) -> int | str:
    """How a figure appears on a page or in an export."""
    return SUPPRESSED if value is None else value
