"""Small-cell suppression: no count of 1 to 4 residents shows, directly or by subtraction."""

import itertools
import random

from meedoen.goals.suppression import hidden_members, shown, suppress_grid, suppress_single


def lines_with_one_hidden(result, counts):
    """Rows/columns (with their totals) that would give a hidden figure away."""
    rows = [
        [*cells, total] for cells, total in zip(result.cells, result.row_totals or [], strict=False)
    ]
    columns = []
    if result.column_totals is not None:
        for c, total in enumerate(result.column_totals):
            columns.append([row[c] for row in result.cells] + [total])
        if result.row_totals is not None:
            columns.append([*result.row_totals, result.grand_total])
            rows.append([*result.column_totals, result.grand_total])
    return [line for line in rows + columns if sum(v is None for v in line) == 1]


def test_counts_of_one_to_four_are_hidden_and_zero_and_five_are_shown():
    assert [suppress_single(v) for v in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]
    assert shown(None) == "< 5" and shown(7) == 7


def test_a_row_with_one_small_cell_also_hides_the_next_smallest_cell():
    result = suppress_grid([[3, 9, 20]], row_totals=True, column_totals=False)

    assert result.cells == [[None, None, 20]]
    assert result.row_totals == [32]


def test_when_no_other_cell_is_left_the_total_is_hidden():
    result = suppress_grid([[3], [40]], row_totals=False, column_totals=True)

    # The column line is [3, 40, total 43]: hide 3, then the smallest other cell.
    assert result.cells == [[None], [None]]
    assert result.column_totals == [43]
    single = suppress_grid([[3]], row_totals=False, column_totals=True)
    assert single.cells == [[None]] and single.column_totals == [None]


def test_a_cross_table_never_leaves_a_row_or_column_with_exactly_one_hidden_figure():
    counts = [[6, 2, 10, 0], [8, 7, 3, 12], [20, 5, 9, 1], [0, 0, 4, 30]]

    result = suppress_grid(counts)

    assert lines_with_one_hidden(result, counts) == []
    assert all(v is None for v in (result.cells[0][1], result.cells[1][2], result.cells[2][3]))


def test_random_tables_never_disclose_a_small_count():
    rng = random.Random(7)
    for _ in range(400):
        rows, columns = rng.randint(1, 7), rng.randint(1, 6)
        counts = [
            [rng.choice((0, 0, 1, 2, 3, 4, 5, 6, 9, 15, 40)) for _ in range(columns)]
            for _ in range(rows)
        ]
        result = suppress_grid(counts)
        assert lines_with_one_hidden(result, counts) == []
        for r, c in itertools.product(range(rows), range(columns)):
            if 1 <= counts[r][c] <= 4:
                assert result.cells[r][c] is None
            elif result.cells[r][c] is not None:
                assert result.cells[r][c] == counts[r][c]


def test_extra_lines_protect_sums_published_elsewhere():
    # Months Jan..Mar form a quarter published in the open data; no total in this table.
    counts = [[3], [12], [10]]
    plain = suppress_grid(counts, row_totals=False, column_totals=False)
    guarded = suppress_grid(
        counts, row_totals=False, column_totals=False, extra_lines=[[(0, 0), (1, 0), (2, 0)]]
    )

    assert plain.cells == [[None], [12], [10]]
    assert guarded.cells == [[None], [12], [None]]


def test_the_rule_works_on_any_lines_and_prefers_ordinary_cells_over_totals():
    values = [2, 30, 8, 40]  # cells 0..2, total at 3
    assert hidden_members(values, [[0, 1, 2, 3]], totals={3}) == frozenset({0, 2})
    assert hidden_members([0, 0, 0], [[0, 1, 2]]) == frozenset()


def test_a_table_without_rows_still_has_a_total_for_every_column():
    # A period without meetings: the total line must match the header, or a download
    # gets a bare "Totaal" row the page does not show.
    result = suppress_grid([], row_totals=False, columns=3)

    assert result.cells == [] and result.column_totals == [0, 0, 0]
