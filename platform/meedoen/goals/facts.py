"""The recorded facts the goals and dashboards count, as SQL that runs on SQLite and PostgreSQL.

Every fact set is a SELECT with the same small set of columns (``person``, ``wijk``,
``birth_year``, ``kind``, ``sector``, ``event_date``, ``organisation_id``), so one GROUP BY
in the database turns any of them into a breakdown. Statistics use the anonymous
snapshots (wijk, birth year) on the records, never the resident's current profile.
Placeholders are Piccolo's ``{}``; every function returns the SQL and its parameters.
"""

# SQL is composed only from constant fragments in this package; every value from a
# request or a record travels as a bound parameter ({} placeholders).
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
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

    Records whose resident deleted their account (resident null) cannot be followed
    from one record to the next, so they take no part in moves.
    """
    # One pass over the records with window functions and one GROUP BY: joins of
    # windowed subqueries make PostgreSQL's planner pick nested loops (seconds at 10k rows).
    scope, scope_params = _ladder_scope(selection, "l")
    inside = "CASE WHEN l.recorded_on >= {} THEN 1 ELSE 0 END"
    last = "w.inside = 1 AND w.latest = 1"

    def at_last(column: str) -> str:
        return f"MAX(CASE WHEN {last} THEN w.{column} END)"

    sql = (
        "SELECT 'r' || CAST(m.resident AS TEXT) AS person, m.wijk, m.birth_year, '' AS kind, "
        "'' AS sector, m.event_date, NULL AS organisation_id, "
        "COALESCE(m.before_rung, m.first_rung) AS from_rung, m.to_rung FROM ("
        " SELECT w.resident,"
        f" {at_last('rung')} AS to_rung, {at_last('wijk')} AS wijk,"
        f" {at_last('birth_year')} AS birth_year, {at_last('recorded_on')} AS event_date,"
        " MAX(CASE WHEN w.inside = 0 AND w.latest = 1 THEN w.rung END) AS before_rung,"
        " MAX(CASE WHEN w.inside = 1 AND w.earliest = 1 THEN w.rung END) AS first_rung"
        " FROM ("
        f"  SELECT l.resident, l.rung, l.wijk, l.birth_year, l.recorded_on, {inside} AS inside,"
        f"   ROW_NUMBER() OVER (PARTITION BY l.resident, {inside}"
        "    ORDER BY l.recorded_on DESC, l.id DESC) AS latest,"
        f"   ROW_NUMBER() OVER (PARTITION BY l.resident, {inside}"
        "    ORDER BY l.recorded_on ASC, l.id ASC) AS earliest"
        f"  FROM ladder_record l WHERE l.resident IS NOT NULL AND l.recorded_on <= {{}}{scope}"
        " ) w GROUP BY w.resident"
        ") m WHERE m.to_rung IS NOT NULL" + (" AND m.wijk = {}" if selection.wijk else "")
    )
    params: list[Any] = [selection.start] * 3 + [selection.end, *scope_params]
    if selection.wijk:
        params.append(selection.wijk)
    return sql, params


def ladder_steps_up(selection: Selection) -> Query:
    """Ladder records in the period that show a higher rung than the resident's
    record before: one row per step up (a resident can step up twice)."""
    scope, scope_params = _ladder_scope(selection, "l")
    wijk = " AND s.wijk = {}" if selection.wijk else ""
    sql = (
        "SELECT 'r' || CAST(s.resident AS TEXT) AS person, s.wijk AS wijk, "
        "s.birth_year AS birth_year, '' AS kind, '' AS sector, s.recorded_on AS event_date, "
        "NULL AS organisation_id FROM ("
        " SELECT l.resident, l.rung, l.wijk, l.birth_year, l.recorded_on,"
        "  LAG(l.rung) OVER (PARTITION BY l.resident ORDER BY l.recorded_on, l.id) AS previous"
        f" FROM ladder_record l WHERE l.resident IS NOT NULL AND l.recorded_on <= {{}}{scope}"
        ") s WHERE s.previous IS NOT NULL AND s.rung > s.previous"
        f" AND s.recorded_on >= {{}} AND s.recorded_on <= {{}}{wijk}"
    )
    params = [selection.end, *scope_params, selection.start, selection.end]
    if selection.wijk:
        params.append(selection.wijk)
    return sql, params


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
