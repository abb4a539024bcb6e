"""The dashboard's ladder figures counted the way they were before the pre-aggregated
facts: window functions over every ladder record. The facts must give the same numbers."""

from __future__ import annotations

from typing import Any

from meedoen.goals.facts import Query, Selection, _caseload


def _ladder_scope(selection: Selection, alias: str) -> Query:
    if selection.coach_id is None:
        return "", []
    caseload, params = _caseload(selection.coach_id)
    return f" AND {alias}.resident IN ({caseload})", params


def reference_ladder_moves(selection: Selection) -> Query:
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


def reference_ladder_steps_up(selection: Selection) -> Query:
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
