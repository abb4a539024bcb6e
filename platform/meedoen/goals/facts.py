"""The recorded facts the goals and dashboards count, as SQL that runs on SQLite and PostgreSQL.

Every fact set is a SELECT with the same small set of columns (``person``, ``wijk``,
``birth_year``, ``kind``, ``sector``, ``event_date``, ``organisation_id``), so one GROUP BY
in the database turns any of them into a breakdown. Statistics use the anonymous
snapshots (wijk, birth year) on the records, never the resident's current profile.
Placeholders are Piccolo's ``{}``; every function returns the SQL and its parameters.

The dashboard reads most figures from pre-aggregated facts (``goals.aggregates``):
``counts`` answers whole months of the whole district from the month facts and anything
else from the records, ``ladder_move_counts`` keeps each shown period's moves.
"""

# SQL is composed only from constant fragments in this package; every value from a
# request or a record travels as a bound parameter ({} placeholders).
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from piccolo.engine.postgres import PostgresEngine

from meedoen.db import current_engine

STARTED_STATUSES = ("gestart", "afgerond", "gestopt")
PAID_WORK = "betaald_werk"

Query = tuple[str, list[Any]]


@dataclass(frozen=True)
class Selection:
    """What to count: a period (both days included), optionally one wijk, and for a
    coach only their own caseload."""

    start: dt.date
    end: dt.date
    wijk: str = ""
    coach_id: int | None = None


def on_postgres() -> bool:
    return isinstance(current_engine(), PostgresEngine)


def year_of(column: str) -> str:
    if on_postgres():
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%Y', {column}) AS INTEGER)"


def month_of(column: str) -> str:
    if on_postgres():
        return f"to_char({column}, 'YYYY-MM')"
    return f"strftime('%Y-%m', {column})"


def quarter_of(column: str) -> str:
    """'2026-K1' … '2026-K4'."""
    if on_postgres():
        return f"(to_char({column}, 'YYYY') || '-K' || to_char({column}, 'Q'))"
    return (
        f"(strftime('%Y', {column}) || '-K' || "
        f"CAST((CAST(strftime('%m', {column}) AS INTEGER) + 2) / 3 AS TEXT))"
    )


def age_band(event_date: str = "event_date", birth_year: str = "birth_year") -> str:
    """Age in whole years at the event, from the birth year (so at most a year off)."""
    age = f"({year_of(event_date)} - {birth_year})"
    return (
        f"CASE WHEN {birth_year} IS NULL THEN 'onbekend' "
        f"WHEN {age} < 27 THEN 'tot27' WHEN {age} < 55 THEN '27-54' ELSE '55plus' END"
    )


def _caseload(coach_id: int) -> Query:
    return (
        "SELECT c.resident FROM caseload_link c WHERE c.coach = {} AND c.ended_at IS NULL",
        [coach_id],
    )


def local_day(column: str) -> str:
    """The day in Enschede of a timestamp column (PostgreSQL keeps them in UTC)."""
    if on_postgres():
        return f"CAST(({column} AT TIME ZONE 'Europe/Amsterdam') AS DATE)"
    return f"date({column})"


def resident_scope(selection: Selection, resident: str, wijk: str) -> Query:
    """The ``AND …`` that keeps a fact set to the selection's wijk and, for a coach, to
    the residents in their caseload; ``resident`` and ``wijk`` name the set's columns."""
    sql, params = "", list[Any]()
    if selection.wijk:
        sql += f" AND {wijk} = {{}}"
        params.append(selection.wijk)
    if selection.coach_id is not None:
        caseload, caseload_params = _caseload(selection.coach_id)
        sql += f" AND {resident} IN ({caseload})"
        params += caseload_params
    return sql, params


def _placement_scope(selection: Selection) -> Query:
    sql, params = "", list[Any]()
    if selection.wijk:
        sql += " AND p.wijk = {}"
        params.append(selection.wijk)
    if selection.coach_id is not None:
        caseload, caseload_params = _caseload(selection.coach_id)
        sql += f" AND (p.coach = {{}} OR p.resident IN ({caseload}))"
        params += [selection.coach_id, *caseload_params]
    return sql, params


_PLACEMENT_COLUMNS = (
    "CASE WHEN p.resident IS NULL THEN 'p' || CAST(p.id AS TEXT) "
    "ELSE 'r' || CAST(p.resident AS TEXT) END AS person, "
    "p.wijk AS wijk, p.birth_year AS birth_year, p.kind AS kind, p.sector AS sector, "
    "{date} AS event_date, COALESCE(p.organisation, o.organisation) AS organisation_id"
)


def _placements(date_column: str, condition: str, selection: Selection) -> Query:
    scope, scope_params = _placement_scope(selection)
    sql = (
        f"SELECT {_PLACEMENT_COLUMNS.format(date=date_column)} FROM placement p "
        "LEFT JOIN opportunity o ON o.id = p.opportunity "
        f"WHERE {condition} AND {date_column} >= {{}} AND {date_column} <= {{}}{scope}"
    )
    return sql, [selection.start, selection.end, *scope_params]


def started_placements(selection: Selection) -> Query:
    """Placements that actually started in the period (whatever became of them later)."""
    statuses = ", ".join(f"'{status}'" for status in STARTED_STATUSES)
    return _placements("p.start_date", f"p.status IN ({statuses})", selection)


def completed_placements(selection: Selection) -> Query:
    """Placements completed (afgerond) in the period."""
    return _placements("p.status_changed_on", "p.status = 'afgerond'", selection)


def placements_to_paid_work(selection: Selection) -> Query:
    """Placements completed in the period with paid work as the next step."""
    return _placements(
        "p.status_changed_on",
        f"p.status = 'afgerond' AND p.next_step_kind = '{PAID_WORK}'",
        selection,
    )


def _ladder_scope(selection: Selection, alias: str) -> Query:
    if selection.coach_id is None:
        return "", []
    caseload, params = _caseload(selection.coach_id)
    return f" AND {alias}.resident IN ({caseload})", params


def ladder_moves(selection: Selection) -> Query:
    """One row per resident with a ladder record in the period: the rung they came from
    (the last record before the period, or else their first in it) and the rung of their
    last record in the period. Wijk and birth year come from that last record.

    Read from ``goal_ladder_span`` (see ``goals.aggregates``), where every record knows
    its neighbours: the first record in the period is the one whose previous record lies
    before it, the last the one whose next record lies after it. Records whose resident
    deleted their account (resident null) cannot be followed from one record to the
    next, so they have no span and take no part in moves.
    """
    scope, scope_params = _ladder_scope(selection, "l")
    wijk = " AND l.wijk = {}" if selection.wijk else ""
    sql = (
        "SELECT 'r' || CAST(l.resident AS TEXT) AS person, l.wijk AS wijk, "
        "l.birth_year AS birth_year, '' AS kind, '' AS sector, l.recorded_on AS event_date, "
        "NULL AS organisation_id, COALESCE(f.previous_rung, f.rung) AS from_rung, "
        "l.rung AS to_rung FROM goal_ladder_span l JOIN goal_ladder_span f "
        "ON f.resident = l.resident AND f.recorded_on >= {} AND f.recorded_on <= {} "
        "AND (f.previous_on IS NULL OR f.previous_on < {}) "
        "WHERE l.recorded_on >= {} AND l.recorded_on <= {} "
        f"AND (l.next_on IS NULL OR l.next_on > {{}}){wijk}{scope}"
    )
    start, end = selection.start, selection.end
    params: list[Any] = [start, end, start, start, end, end]
    if selection.wijk:
        params.append(selection.wijk)
    return sql, [*params, *scope_params]


def placed_and_moved_to_paid_work(selection: Selection) -> Query:
    """Residents (whole district) with a placement completed in the period with paid
    work as the next step who also moved on the ladder from below rung 5 to 5 or 6."""
    wijk = " AND p.wijk = {} AND l.wijk = {}" if selection.wijk else ""
    start, end = selection.start, selection.end
    sql = (
        "SELECT p.resident AS resident FROM placement p "
        "JOIN goal_ladder_span l ON l.resident = p.resident "
        "AND l.recorded_on >= {} AND l.recorded_on <= {} "
        "AND (l.next_on IS NULL OR l.next_on > {}) AND l.rung >= 5 "
        "JOIN goal_ladder_span f ON f.resident = p.resident "
        "AND f.recorded_on >= {} AND f.recorded_on <= {} "
        "AND (f.previous_on IS NULL OR f.previous_on < {}) "
        "AND COALESCE(f.previous_rung, f.rung) < 5 "
        f"WHERE p.status = 'afgerond' AND p.next_step_kind = '{PAID_WORK}' "
        f"AND p.status_changed_on >= {{}} AND p.status_changed_on <= {{}}{wijk}"
    )
    params: list[Any] = [start, end, end, start, end, start, start, end]
    if selection.wijk:
        params += [selection.wijk, selection.wijk]
    return sql, params


def ladder_steps_up(selection: Selection) -> Query:
    """Ladder records in the period that show a higher rung than the resident's
    record before: one row per step up (a resident can step up twice)."""
    scope, scope_params = _ladder_scope(selection, "s")
    wijk = " AND s.wijk = {}" if selection.wijk else ""
    sql = (
        "SELECT 'r' || CAST(s.resident AS TEXT) AS person, s.wijk AS wijk, "
        "s.birth_year AS birth_year, '' AS kind, '' AS sector, s.recorded_on AS event_date, "
        "NULL AS organisation_id FROM goal_ladder_span s WHERE s.step_up = 1 "
        f"AND s.recorded_on >= {{}} AND s.recorded_on <= {{}}{wijk}{scope}"
    )
    params: list[Any] = [selection.start, selection.end]
    if selection.wijk:
        params.append(selection.wijk)
    return sql, [*params, *scope_params]


MONTH_FACT_DIMENSIONS = ("month", "wijk", "kind", "sector", "age_band")


def counted_by_month(selection: Selection) -> bool:
    """Whether the month facts answer for this selection: whole months of the whole
    district (a coach's caseload is a set of people, which the facts do not know)."""
    following = selection.end + dt.timedelta(days=1)
    return selection.coach_id is None and selection.start.day == 1 and following.day == 1


async def month_counts(
    metric: str,
    selection: Selection,
    dimensions: Sequence[str],
    kinds: Sequence[str] = (),
    age_band: str = "",
) -> dict[tuple[Any, ...], int]:
    """A count per combination of ``dimensions`` (``MONTH_FACT_DIMENSIONS``) from
    ``goal_month_fact``: ``gestart``, ``afgerond``, ``betaald_werk`` (placements) or
    ``trede_omhoog`` (ladder records), optionally of some kinds and one age band.
    Only for selections where ``counted_by_month`` holds."""
    if not counted_by_month(selection):
        raise ValueError("month facts answer whole months of the whole district only")
    if any(d not in MONTH_FACT_DIMENSIONS for d in dimensions):
        raise ValueError(f"dimensions must be among {MONTH_FACT_DIMENSIONS}")
    where, params = _month_facts_of(selection, [metric])
    if kinds:
        where += " AND kind IN (" + ", ".join("{}" for _ in kinds) + ")"
        params += list(kinds)
    if age_band:
        where += " AND age_band = {}"
        params.append(age_band)
    columns = "".join(f"{d}, " for d in dimensions)
    group = f" GROUP BY {', '.join(dimensions)}" if dimensions else ""
    rows = await fetch(
        f"SELECT {columns}SUM(n) AS n FROM goal_month_fact WHERE {where}{group} HAVING SUM(n) > 0",
        params,
    )
    return {tuple(row[d] for d in dimensions): int(row["n"]) for row in rows}


def open_opportunities(selection: Selection) -> Query:
    """Opportunities open at some time in the period (by their dates; the status is
    today's, as opportunities keep no history)."""
    wijk = " AND o.wijk = {}" if selection.wijk else ""
    sql = (
        "SELECT '' AS person, o.wijk AS wijk, NULL AS birth_year, o.kind AS kind, "
        "o.sector AS sector, o.start_date AS event_date, o.organisation AS organisation_id "
        "FROM opportunity o WHERE o.status = 'open' "
        "AND (o.start_date IS NULL OR o.start_date <= {}) "
        f"AND (o.end_date IS NULL OR o.end_date >= {{}}){wijk}"
    )
    params: list[Any] = [selection.end, selection.start]
    if selection.wijk:
        params.append(selection.wijk)
    return sql, params


async def fetch(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    from meedoen.goals.tables import Goal

    return await Goal.raw(sql, *params).run()


async def fetch_count(query: Query, expression: str = "COUNT(*)") -> int:
    sql, params = query
    rows = await fetch(f"SELECT {expression} AS n FROM ({sql}) facts", params)
    return int(rows[0]["n"] or 0) if rows else 0


METRICS = {
    "gestart": started_placements,
    "afgerond": completed_placements,
    "betaald_werk": placements_to_paid_work,
    "trede_omhoog": ladder_steps_up,
}


async def counts(
    metric: str,
    selection: Selection,
    dimensions: Sequence[str],
    kinds: Sequence[str] = (),
    age_band_is: str = "",
) -> dict[tuple[Any, ...], int]:
    """Rows of a ``METRICS`` fact set counted per combination of ``dimensions``
    (``MONTH_FACT_DIMENSIONS``): from the month facts where they answer, else from the
    records. Both give the same numbers (``tests/goals/test_goals_aggregates.py``)."""
    if counted_by_month(selection):
        return await month_counts(metric, selection, dimensions, kinds, age_band_is)
    sql, params = METRICS[metric](selection)
    expressions = {"month": month_of("event_date"), "age_band": age_band()}
    where, where_params = "", list[Any]()
    if kinds:
        where += " AND kind IN (" + ", ".join("{}" for _ in kinds) + ")"
        where_params += list(kinds)
    if age_band_is:
        where += f" AND {age_band()} = {{}}"
        where_params.append(age_band_is)
    columns = "".join(f"{expressions.get(d, d)} AS d{n}, " for n, d in enumerate(dimensions))
    group = (
        " GROUP BY " + ", ".join(str(n + 1) for n in range(len(dimensions))) if dimensions else ""
    )
    rows = await fetch(
        f"SELECT {columns}COUNT(*) AS n FROM ({sql}) f WHERE true{where}{group}",
        [*params, *where_params],
    )
    return {
        tuple(row[f"d{n}"] for n in range(len(dimensions))): int(row["n"])
        for row in rows
        if int(row["n"])
    }


def _month_facts_of(selection: Selection, metrics: Sequence[str]) -> Query:
    """The WHERE clause over ``goal_month_fact`` for ``metrics`` in the selection's
    months (and wijk)."""
    where = "month >= {} AND month <= {} AND metric IN (" + ", ".join("{}" for _ in metrics) + ")"
    params: list[Any] = [selection.start.strftime("%Y-%m"), selection.end.strftime("%Y-%m")]
    params += list(metrics)
    if selection.wijk:
        where += " AND wijk = {}"
        params.append(selection.wijk)
    return where, params


async def monthly_counts(
    selection: Selection, metrics: Sequence[str]
) -> dict[tuple[str, str], int]:
    """``METRICS`` counted per (month, metric): one read of the month facts where they
    answer, else one count per metric from the records."""
    if not counted_by_month(selection):
        found: dict[tuple[str, str], int] = {}
        for metric in metrics:
            for (month,), n in (await counts(metric, selection, ["month"])).items():
                found[(month, metric)] = n
        return found
    where, params = _month_facts_of(selection, metrics)
    rows = await fetch(
        f"SELECT month, metric, SUM(n) AS n FROM goal_month_fact WHERE {where}"
        " GROUP BY month, metric HAVING SUM(n) > 0",
        params,
    )
    return {(row["month"], row["metric"]): int(row["n"]) for row in rows}


_MOVES_MEMO: ContextVar[dict[tuple[Any, ...], dict[tuple[Any, ...], int]] | None] = ContextVar(
    "ladder_moves_memo", default=None
)


@contextmanager
def moves_counted_once() -> Iterator[None]:
    """Within the block, ``ladder_move_counts`` counts each period once: the dashboard's
    ladder tables and the goals that follow the same period share one query."""
    token = _MOVES_MEMO.set({})
    try:
        yield
    finally:
        _MOVES_MEMO.reset(token)


async def ladder_move_counts(selection: Selection) -> dict[tuple[Any, ...], int]:
    """Residents per (wijk, from rung, to rung) of ``ladder_moves``. For the whole
    district the period's moves are counted once and then kept current by the ladder
    triggers (``goals.aggregates``); a coach's caseload is counted each time (it is small)."""
    from meedoen.goals import aggregates

    memo = _MOVES_MEMO.get()
    key = (selection.start, selection.end, selection.coach_id)
    every_wijk = memo.get(key) if memo is not None else None
    if every_wijk is None:
        district = Selection(selection.start, selection.end, "", selection.coach_id)
        sql, params = ladder_moves(district)
        if selection.coach_id is None:
            every_wijk = await aggregates.period_moves(selection.start, selection.end)
            if every_wijk is None:
                await aggregates.count_period(selection.start, selection.end, sql, params)
                every_wijk = await aggregates.period_moves(selection.start, selection.end) or {}
        else:
            rows = await fetch(
                "SELECT wijk, from_rung, to_rung, COUNT(*) AS n FROM "
                f"({sql}) m GROUP BY wijk, from_rung, to_rung",
                params,
            )
            every_wijk = {(r["wijk"], r["from_rung"], r["to_rung"]): int(r["n"]) for r in rows}
        if memo is not None:
            memo[key] = every_wijk
    if not selection.wijk:
        return dict(every_wijk)
    return {k: n for k, n in every_wijk.items() if k[0] == selection.wijk}
