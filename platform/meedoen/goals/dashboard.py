"""The district dashboard: goal progress and breakdowns, counted in the database and
suppressed before anything leaves this module."""

# SQL is composed only from constant fragments in this package; every value from a
# request or a record travels as a bound parameter ({} placeholders).
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from meedoen.formatting import day
from meedoen.goals import facts, labels, sources
from meedoen.goals.facts import Query, Selection
from meedoen.goals.measures import all_measures, measure_figure
from meedoen.goals.suppression import THRESHOLD, Cell, shown, suppress_grid
from meedoen.goals.tables import Goal
from meedoen.i18n import N_, gettext
from meedoen.vocabulary import (
    AGE_BANDS,
    LADDER_RUNGS,
    OPPORTUNITY_KINDS,
    RESIDENTIAL_WIJKEN,
    SECTORS,
)

Figure = int | str


@dataclass
class DataTable:
    """A table as pages and exports show it: figures already suppressed ("< 5")."""

    key: str
    caption: str
    headers: list[str]
    rows: list[list[Figure]]
    total_row: list[Figure] | None = None
    label_columns: int = 1

    @property
    def numeric(self) -> list[int]:
        return list(range(self.label_columns, len(self.headers)))

    @property
    def all_rows(self) -> list[list[Figure]]:
        return [*self.rows, *([self.total_row] if self.total_row else [])]


@dataclass
class GoalProgress:
    goal: Goal
    measure_label: str
    value: int | None  # None: hidden, fewer than 5
    percent_of_target: int | None
    percent_of_time: int

    @property
    def shown_value(self) -> Figure:
        return shown(self.value)


@dataclass
class Dashboard:
    selection: Selection
    goals: list[GoalProgress]
    tables: dict[str, DataTable] = field(default_factory=dict)


def percent_of_time(start: dt.date, end: dt.date, today: dt.date) -> int:
    days = (end - start).days + 1
    if days <= 0:
        return 100
    elapsed = (min(max(today, start - dt.timedelta(days=1)), end) - start).days + 1
    return max(0, min(100, round(100 * elapsed / days)))


async def goal_progress(goal: Goal, coach_id: int | None, today: dt.date) -> GoalProgress:
    selection = Selection(goal.period_start, goal.period_end, goal.wijk, coach_id)
    value = await measure_figure(goal.measure, selection, goal.measure_kind)
    measure = all_measures().get(goal.measure)
    # A percentage of a known target would give a hidden value away.
    percent = None if value is None or goal.target <= 0 else round(100 * value / goal.target)
    return GoalProgress(
        goal=goal,
        measure_label=gettext(measure.label) if measure else goal.measure,
        value=value,
        percent_of_target=percent,
        percent_of_time=percent_of_time(goal.period_start, goal.period_end, today),
    )


async def grouped_counts(
    query: Query, dimensions: Sequence[str], count: str = "COUNT(*)"
) -> dict[tuple[Any, ...], int]:
    """``count`` per combination of the dimension expressions, grouped in the database."""
    sql, params = query
    columns = ", ".join(f"{expression} AS d{n}" for n, expression in enumerate(dimensions))
    positions = ", ".join(str(n + 1) for n in range(len(dimensions)))
    rows = await facts.fetch(
        f"SELECT {columns}, {count} AS n FROM ({sql}) f GROUP BY {positions}", params
    )
    return {tuple(row[f"d{n}"] for n in range(len(dimensions))): int(row["n"]) for row in rows}


def ordered(found: Sequence[Any], known: Sequence[Any]) -> list[Any]:
    """The known values in their order, then any others found (sorted), empty last."""
    extra = sorted({value for value in found if value not in known and value}, key=str)
    rest = [""] if "" in found or None in found else []
    return [*known, *extra, *rest]


def present(found: Sequence[Any], known: Sequence[Any]) -> list[Any]:
    """The values found, in the order of ``ordered``: known values not found left out."""
    seen = set(found)
    return [value for value in ordered(found, known) if value in seen]


def wijk_rows(selection: Selection, found: Sequence[Any]) -> list[Any]:
    """The rows of a table per wijk: the wijk chosen, else the residential wijken in their
    order and any other wijk found."""
    return [selection.wijk] if selection.wijk else ordered(found, RESIDENTIAL_WIJKEN)


def grid_table(
    key: str,
    caption: str,
    corner: str,
    row_keys: Sequence[Any],
    row_label: Callable[[Any], str],
    column_keys: Sequence[Any],
    column_labels: Sequence[str],
    counts: dict[tuple[Any, ...], int],
    *,
    row_totals: bool = True,
    extra_lines: Sequence[Sequence[Cell]] = (),
    hide: Collection[tuple[Any, Any]] = (),
) -> DataTable:
    grid = [[counts.get((r, c), 0) for c in column_keys] for r in row_keys]
    hidden_cells = [
        (n, m) for n, r in enumerate(row_keys) for m, c in enumerate(column_keys) if (r, c) in hide
    ]
    result = suppress_grid(
        grid,
        row_totals=row_totals,
        column_totals=True,
        extra_lines=extra_lines,
        columns=len(column_keys),
        hide=hidden_cells,
    )
    headers = [corner, *column_labels, *([gettext(labels.TOTAL)] if row_totals else [])]
    rows: list[list[Figure]] = []
    for n, key_value in enumerate(row_keys):
        row: list[Figure] = [row_label(key_value), *map(shown, result.cells[n])]
        if result.row_totals is not None:
            row.append(shown(result.row_totals[n]))
        rows.append(row)
    total: list[Figure] = [gettext(labels.TOTAL), *map(shown, result.column_totals or [])]
    if row_totals:
        total.append(shown(result.grand_total))
    return DataTable(key, caption, headers, rows, total)


def column_of(table: DataTable, key: str, caption: str, corner: str, column: int) -> DataTable:
    """One column of a suppressed table (its totals or a single breakdown) as a table
    of its own, so a chart and its table show exactly the published figures."""
    return DataTable(
        key,
        caption,
        [corner, gettext(N_("Aantal"))],
        [[row[0], row[column]] for row in table.rows],
        [gettext(labels.TOTAL), table.total_row[column]] if table.total_row else None,
    )


def totals_of_columns(table: DataTable, key: str, caption: str, corner: str) -> DataTable:
    """The total row of a suppressed table (with row totals) as a table of its own."""
    total = table.total_row or []
    return DataTable(
        key,
        caption,
        [corner, gettext(N_("Aantal"))],
        [[header, figure] for header, figure in zip(table.headers[1:-1], total[1:-1], strict=True)],
        [gettext(labels.TOTAL), total[-1]],
    )


def months_between(start: dt.date, end: dt.date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


async def placement_tables(selection: Selection) -> dict[str, DataTable]:
    # One read; the three breakdowns are sums of it.
    started = await facts.counts("gestart", selection, ["wijk", "kind", "age_band", "sector"])
    by_wijk_kind: Counter[tuple[Any, ...]] = Counter()
    by_age: Counter[tuple[Any, ...]] = Counter()
    by_sector: Counter[tuple[Any, ...]] = Counter()
    for (wijk, kind, band, sector), n in started.items():
        by_wijk_kind[(wijk, kind)] += n
        by_age[(band,)] += n
        by_sector[(sector,)] += n
    wijken = wijk_rows(selection, [w for w, _ in by_wijk_kind])
    kinds = ordered([k for _, k in by_wijk_kind], OPPORTUNITY_KINDS)
    wijk_kind = grid_table(
        "plaatsingen_wijk_soort",
        gettext("Gestarte plaatsingen per wijk en soort"),
        gettext("Wijk"),
        wijken,
        labels.wijk_label,
        kinds,
        [labels.kind_label(k) for k in kinds],
        by_wijk_kind,
    )
    per_kind = totals_of_columns(
        wijk_kind, "plaatsingen_soort", gettext("Gestarte plaatsingen per soort"), gettext("Soort")
    )
    sectors = present([s for (s,) in by_sector], SECTORS)
    return {
        "plaatsingen_wijk_soort": wijk_kind,
        "plaatsingen_wijk": column_of(
            wijk_kind,
            "plaatsingen_wijk",
            gettext("Gestarte plaatsingen per wijk"),
            gettext("Wijk"),
            len(wijk_kind.headers) - 1,
        ),
        "plaatsingen_soort": per_kind,
        "plaatsingen_leeftijd": grid_table(
            "plaatsingen_leeftijd",
            gettext("Gestarte plaatsingen per leeftijd bij de start"),
            gettext("Leeftijd"),
            AGE_BANDS,
            labels.age_band_label,
            [None],
            [gettext("Aantal")],
            {(band, None): n for (band,), n in by_age.items()},
            row_totals=False,
        ),
        "plaatsingen_sector": grid_table(
            "plaatsingen_sector",
            gettext("Gestarte plaatsingen per sector"),
            gettext("Sector"),
            sectors,
            labels.sector_label,
            [None],
            [gettext("Aantal")],
            {(sector, None): n for (sector,), n in by_sector.items()},
            row_totals=False,
        ),
    }


TREND_SERIES = (
    ("gestart", N_("Gestarte plaatsingen")),
    ("afgerond", N_("Afgeronde plaatsingen")),
    ("betaald_werk", N_("Afgerond met betaald werk als vervolg")),
    ("trede_omhoog", N_("Stappen omhoog op de ladder")),
)


async def trend_table(selection: Selection) -> DataTable:
    months = months_between(selection.start, selection.end)
    counts: dict[tuple[Any, ...], int] = dict(
        await facts.monthly_counts(selection, [code for code, _ in TREND_SERIES])
    )
    # The open data publishes these per quarter: months of one quarter form a line.
    quarters: dict[str, list[int]] = {}
    for row, month in enumerate(months):
        quarters.setdefault(f"{month[:4]}-{(int(month[5:]) + 2) // 3}", []).append(row)
    lines = [
        [(row, column) for row in rows]
        for rows in quarters.values()
        for column in range(len(TREND_SERIES))
    ]
    return grid_table(
        "trend",
        gettext("Per maand"),
        gettext("Maand"),
        months,
        labels.month_label,
        [code for code, _ in TREND_SERIES],
        [gettext(label) for _, label in TREND_SERIES],
        counts,
        row_totals=False,
        extra_lines=lines,
    )


DIRECTIONS = (("omhoog", N_("Omhoog")), ("gelijk", N_("Gelijk")), ("omlaag", N_("Omlaag")))


async def ladder_tables(selection: Selection) -> dict[str, DataTable]:
    # One pass over the ladder records; both tables are sums of this small result.
    moves = await facts.ladder_move_counts(selection)
    flows: Counter[tuple[Any, ...]] = Counter()
    by_wijk: Counter[tuple[Any, ...]] = Counter()
    for (wijk, from_rung, to_rung), n in moves.items():
        flows[(from_rung, to_rung)] += n
        direction = (
            "omhoog" if to_rung > from_rung else "gelijk" if to_rung == from_rung else "omlaag"
        )
        by_wijk[(wijk, direction)] += n
    rungs = list(LADDER_RUNGS)
    above = [(f - 1, t - 1) for f in rungs for t in rungs if t > f]
    same = [(r - 1, r - 1) for r in rungs]
    below = [(f - 1, t - 1) for f in rungs for t in rungs if t < f]
    flow = grid_table(
        "ladder_stromen",
        gettext("Van trede (begin periode) naar trede (eind periode), aantal bewoners"),
        gettext("Van trede"),
        rungs,
        labels.rung_label,
        rungs,
        [gettext("naar %(rung)s", rung=r) for r in rungs],
        flows,
        # Up, same and down are published per wijk, so those sums are known too.
        extra_lines=[above, same, below],
    )
    wijken = wijk_rows(selection, [w for w, _ in by_wijk])
    per_wijk = grid_table(
        "ladder_wijk",
        gettext("Bewoners per wijk: trede aan het eind vergeleken met het begin"),
        gettext("Wijk"),
        wijken,
        labels.wijk_label,
        [code for code, _ in DIRECTIONS],
        [gettext(label) for _, label in DIRECTIONS],
        by_wijk,
    )
    return {"ladder_stromen": flow, "ladder_wijk": per_wijk}


def goals_table(progress: list[GoalProgress]) -> DataTable:
    rows: list[list[Figure]] = []
    for item in progress:
        goal = item.goal
        rows.append(
            [
                goal.name,
                item.measure_label
                + (f" ({labels.kind_label(goal.measure_kind)})" if goal.measure_kind else ""),
                f"{day(goal.period_start)} – {day(goal.period_end)}",
                goal.wijk or gettext("Heel West"),
                item.shown_value,
                goal.target,
                "" if item.percent_of_target is None else f"{item.percent_of_target} %",
                f"{item.percent_of_time} %",
            ]
        )
    return DataTable(
        "doelen",
        gettext("Voortgang van de doelen"),
        [
            gettext("Doel"),
            gettext("Maat"),
            gettext("Periode"),
            gettext("Wijk"),
            gettext("Stand"),
            gettext("Doelwaarde"),
            gettext("Van het doel"),
            gettext("Van de tijd"),
        ],
        rows,
        label_columns=4,
    )


def _row_label(dimension: str) -> Callable[[Any], str]:
    if dimension == "wijk":
        return labels.wijk_label
    if dimension == "kind":
        return labels.kind_label
    return lambda value: str(value or gettext("Onbekend"))


async def fact_table(table: sources.FactTable, selection: Selection) -> DataTable:
    """A registered table: a row per value of its dimension, a column per measure.

    Each column is its own line for suppression (rows are not summed across measures,
    which count different things), so every column has a total.
    """
    counts: dict[tuple[Any, ...], int] = {}
    hide: set[tuple[Any, Any]] = set()
    for measure in table.measures:
        query = measure.query(selection)
        found = await grouped_counts(query, [table.rows], measure.count_expression)
        counts.update({(row, measure.code): n for (row,), n in found.items()})
        if measure.amount:
            # An amount (hours) of fewer than THRESHOLD people would show what they did.
            people = await grouped_counts(query, [table.rows], "COUNT(DISTINCT person)")
            hide |= {(row, measure.code) for (row,), n in people.items() if 0 < n < THRESHOLD}
    found_rows = [row for row, _ in counts]
    known: Sequence[Any] = (
        RESIDENTIAL_WIJKEN
        if table.rows == "wijk"
        else OPPORTUNITY_KINDS
        if table.rows == "kind"
        else ()
    )
    rows = present(found_rows, known)
    if table.rows == "wijk" and selection.wijk:
        rows = [selection.wijk]
    return grid_table(
        table.key,
        gettext(table.caption),
        gettext(table.corner),
        rows,
        _row_label(table.rows),
        [m.code for m in table.measures],
        [gettext(m.label) for m in table.measures],
        counts,
        row_totals=False,
        hide=hide,
    )


async def section_tables(selection: Selection) -> dict[str, DataTable]:
    tables: dict[str, DataTable] = {}
    for section in sources.sections():
        for table in section.tables:
            tables[table.key] = await fact_table(table, selection)
    return tables


async def build_dashboard(selection: Selection, today: dt.date) -> Dashboard:
    with facts.moves_counted_once():
        goals = await Goal.objects().order_by(Goal.period_start).order_by(Goal.name)
        progress = [await goal_progress(goal, selection.coach_id, today) for goal in goals]
        dashboard = Dashboard(selection, progress)
        dashboard.tables["doelen"] = goals_table(progress)
        dashboard.tables.update(await placement_tables(selection))
        dashboard.tables["trend"] = await trend_table(selection)
        dashboard.tables.update(await ladder_tables(selection))
        dashboard.tables.update(await section_tables(selection))
    return dashboard
