"""Pre-aggregated facts for the dashboard, kept up to date by the database itself.

Three tables, written by triggers on ``placement`` and ``ladder_record`` (so in the same
transaction as every change, whichever code path makes it: a coach's form, an import,
account deletion, retention, a foreign key's ``SET NULL``) and by ``count_period``:

``goal_month_fact``
    Counts per month, wijk, kind, sector and age band of the *additive* figures: started
    placements (by start date), completed placements and those with paid work as the next
    step (by the status date), and steps up on the ladder (by the record's date). A count
    of rows per month adds up exactly over any run of whole months, so a year's dashboard
    reads a few hundred rows instead of every placement.

``goal_ladder_span``
    One row per ladder record of a resident (never of a deleted account): its rung and
    the date and rung of the resident's record before it and the date of the one after.
    Moves on the ladder count *distinct residents* (from the rung before the period to
    the last rung in it), which do not add up over months; with the neighbours stored,
    a resident's first and last record in any period are plain filters, no window
    function over every record. The span holds nothing the ladder record does not.

``goal_ladder_move`` (with ``goal_ladder_period``)
    Residents per wijk, from rung and to rung for each period the dashboard has shown
    (``count_period``, from the spans, once); each ladder change then takes the changed
    resident's old moves out of every kept period and puts the new ones in.

Each trigger subtracts a row's old contribution and adds its new one in one upsert
(``ON CONFLICT … DO UPDATE SET n = n + excluded.n``), grouped and in key order, so
concurrent changes on PostgreSQL add up without lost updates; a resident's spans are
rebuilt under a per-resident advisory lock. SQLite has one writer at a time.

``rebuild_sql`` counts the same figures from scratch: the migration fills the tables with
it (existing deployments get correct facts from the first request), and the tests
compare the kept facts with ``recount_month_facts_sql`` and ``recount_spans_sql``.
"""

# SQL is composed only from constant fragments in this module.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from typing import Any

STARTED = "('gestart', 'afgerond', 'gestopt')"
PAID_WORK = "betaald_werk"
MONTH_KEY = ("metric", "month", "wijk", "kind", "sector", "age_band")
SPAN_COLUMNS = (
    "record_id, resident, recorded_on, rung, wijk, birth_year, "
    "previous_rung, previous_on, next_on, step_up"
)
FACT_TABLES = ("goal_ladder_move", "goal_ladder_period", "goal_ladder_span", "goal_month_fact")
"""The tables this module keeps (not Piccolo tables: created by the goals migration)."""
LOCK_CLASS = 19019  # pg_advisory_xact_lock(class, resident): one rebuild per resident at a time


def _month(column: str, postgres: bool) -> str:
    return f"to_char({column}, 'YYYY-MM')" if postgres else f"strftime('%Y-%m', {column})"


def _band(day: str, birth_year: str, postgres: bool) -> str:
    year = (
        f"CAST(EXTRACT(YEAR FROM {day}) AS INTEGER)"
        if postgres
        else f"CAST(strftime('%Y', {day}) AS INTEGER)"
    )
    age = f"({year} - {birth_year})"
    return (
        f"CASE WHEN {birth_year} IS NULL THEN 'onbekend' WHEN {age} < 27 THEN 'tot27' "
        f"WHEN {age} < 55 THEN '27-54' ELSE '55plus' END"
    )


def create_tables_sql() -> list[str]:
    return [
        "CREATE TABLE goal_month_fact ("
        " metric VARCHAR(20) NOT NULL, month VARCHAR(7) NOT NULL, wijk VARCHAR(60) NOT NULL,"
        " kind VARCHAR(20) NOT NULL, sector VARCHAR(60) NOT NULL, age_band VARCHAR(10) NOT NULL,"
        " n INTEGER NOT NULL,"
        " PRIMARY KEY (metric, month, wijk, kind, sector, age_band))",
        "CREATE TABLE goal_ladder_span ("
        " record_id INTEGER PRIMARY KEY, resident INTEGER NOT NULL, recorded_on DATE NOT NULL,"
        " rung INTEGER NOT NULL, wijk VARCHAR(60) NOT NULL, birth_year INTEGER,"
        " previous_rung INTEGER, previous_on DATE, next_on DATE, step_up INTEGER NOT NULL)",
        "CREATE INDEX goal_ladder_span_resident ON goal_ladder_span (resident)",
        "CREATE TABLE goal_ladder_period ("
        " period_start DATE NOT NULL, period_end DATE NOT NULL, counted_at VARCHAR(32) NOT NULL,"
        " PRIMARY KEY (period_start, period_end))",
        "CREATE TABLE goal_ladder_move ("
        " period_start DATE NOT NULL, period_end DATE NOT NULL, wijk VARCHAR(60) NOT NULL,"
        " from_rung INTEGER NOT NULL, to_rung INTEGER NOT NULL, n INTEGER NOT NULL,"
        " PRIMARY KEY (period_start, period_end, wijk, from_rung, to_rung))",
        "CREATE INDEX goal_ladder_span_recorded_on ON goal_ladder_span (recorded_on, resident)",
    ]


def drop_triggers_sql(postgres: bool) -> list[str]:
    """The triggers gone (a bulk load does without them, then ``rebuild_sql``)."""
    return [
        *(
            f"DROP TRIGGER IF EXISTS {name}{' ON placement' if postgres else ''}"
            for name in (
                "goal_fact_placement_insert",
                "goal_fact_placement_update",
                "goal_fact_placement_delete",
            )
        ),
        *(
            f"DROP TRIGGER IF EXISTS {name}{' ON ladder_record' if postgres else ''}"
            for name in (
                "goal_fact_ladder_insert",
                "goal_fact_ladder_update",
                "goal_fact_ladder_delete",
            )
        ),
    ]


def drop_sql(postgres: bool) -> list[str]:
    statements = drop_triggers_sql(postgres)
    if postgres:
        statements += [
            "DROP FUNCTION IF EXISTS goal_fact_placement_change()",
            "DROP FUNCTION IF EXISTS goal_fact_ladder_change()",
            "DROP FUNCTION IF EXISTS goal_fact_ladder_refresh(INTEGER)",
        ]
    return [
        *statements,
        "DROP TABLE IF EXISTS goal_ladder_move",
        "DROP TABLE IF EXISTS goal_ladder_period",
        "DROP TABLE IF EXISTS goal_month_fact",
        "DROP TABLE IF EXISTS goal_ladder_span",
    ]


def _placement_rows(row: str, sign: str, postgres: bool) -> str:
    """The month-fact rows one placement row (``NEW`` or ``OLD``, or a table alias)
    contributes, each with ``sign`` as its count."""
    started = (
        f"SELECT 'gestart' AS metric, {_month(f'{row}.start_date', postgres)} AS month,"
        f" {row}.wijk AS wijk, {row}.kind AS kind, {row}.sector AS sector,"
        f" {_band(f'{row}.start_date', f'{row}.birth_year', postgres)} AS age_band, {sign} AS n"
    )
    started_when = f"{row}.status IN {STARTED} AND {row}.start_date IS NOT NULL"

    def completed(metric: str) -> str:
        return (
            f"SELECT '{metric}', {_month(f'{row}.status_changed_on', postgres)},"
            f" {row}.wijk, {row}.kind, {row}.sector,"
            f" {_band(f'{row}.status_changed_on', f'{row}.birth_year', postgres)}, {sign}"
        )

    completed_when = f"{row}.status = 'afgerond' AND {row}.status_changed_on IS NOT NULL"
    return (
        f"{started} {{source}} WHERE {started_when}"
        f" UNION ALL {completed('afgerond')} {{source}} WHERE {completed_when}"
        f" UNION ALL {completed(PAID_WORK)} {{source}} WHERE {completed_when}"
        f" AND {row}.next_step_kind = '{PAID_WORK}'"
    )


def _upsert(rows: str) -> str:
    """Add ``rows`` (columns of MONTH_KEY and n) to the month facts, netted per key and
    in key order (so concurrent upserts lock rows in the same order)."""
    key = ", ".join(MONTH_KEY)
    return (
        f"INSERT INTO goal_month_fact ({key}, n)"
        f" SELECT {key}, SUM(n) FROM ({rows}) d WHERE true GROUP BY {key}"
        f" HAVING SUM(n) <> 0 ORDER BY {key}"
        f" ON CONFLICT ({key}) DO UPDATE SET n = goal_month_fact.n + excluded.n"
    )


def _ladder_window(where: str) -> str:
    """Span rows computed from the ladder records matching ``where``."""
    order = "PARTITION BY l.resident ORDER BY l.recorded_on, l.id"
    return (
        "SELECT l.id AS record_id, l.resident, l.recorded_on, l.rung, l.wijk, l.birth_year,"
        f" LAG(l.rung) OVER ({order}) AS previous_rung,"
        f" LAG(l.recorded_on) OVER ({order}) AS previous_on,"
        f" LEAD(l.recorded_on) OVER ({order}) AS next_on"
        f" FROM ladder_record l WHERE l.resident IS NOT NULL{where}"
    )


def _span_select(where: str) -> str:
    return (
        f"SELECT record_id, resident, recorded_on, rung, wijk, birth_year, previous_rung,"
        f" previous_on, next_on,"
        f" CASE WHEN previous_rung IS NOT NULL AND rung > previous_rung THEN 1 ELSE 0 END"
        f" AS step_up FROM ({_ladder_window(where)}) w"
    )


def _steps(source: str, sign: str, postgres: bool) -> str:
    """Month-fact rows for the steps up in ``source`` (span-shaped rows)."""
    return (
        f"SELECT 'trede_omhoog' AS metric, {_month('s.recorded_on', postgres)} AS month,"
        f" s.wijk AS wijk, '' AS kind, '' AS sector,"
        f" {_band('s.recorded_on', 's.birth_year', postgres)} AS age_band, {sign} AS n"
        f" FROM ({source}) s WHERE s.step_up = 1"
    )


def _refresh_resident(resident: str, postgres: bool) -> list[str]:
    """Statements that bring one resident's spans, step facts and the moves of counted
    periods up to date (old contributions out, new ones in)."""
    stored = f"SELECT * FROM goal_ladder_span WHERE resident = {resident}"
    current = _span_select(f" AND l.resident = {resident}")
    return [
        _upsert(f"{_steps(stored, '-1', postgres)} UNION ALL {_steps(current, '1', postgres)}"),
        _upsert_moves(f"{_period_moves(stored, '-1')} UNION ALL {_period_moves(current, '1')}"),
        f"DELETE FROM goal_ladder_span WHERE resident = {resident}",
        f"INSERT INTO goal_ladder_span ({SPAN_COLUMNS}) {_span_select(f' AND l.resident = {resident}')}",
    ]


MOVE_KEY = ("period_start", "period_end", "wijk", "from_rung", "to_rung")


def _period_moves(spans: str, sign: str) -> str:
    """The moves one resident's spans (``spans``) make in every counted period: their
    first record in the period gives the rung they came from, the last the rung they
    reached (see ``goals.facts.ladder_moves``)."""
    return (
        "SELECT p.period_start AS period_start, p.period_end AS period_end, l.wijk AS wijk,"
        f" COALESCE(f.previous_rung, f.rung) AS from_rung, l.rung AS to_rung, {sign} AS n"
        f" FROM goal_ladder_period p JOIN ({spans}) l"
        " ON l.recorded_on >= p.period_start AND l.recorded_on <= p.period_end"
        " AND (l.next_on IS NULL OR l.next_on > p.period_end)"
        f" JOIN ({spans}) f ON f.recorded_on >= p.period_start AND f.recorded_on <= p.period_end"
        " AND (f.previous_on IS NULL OR f.previous_on < p.period_start)"
    )


def _upsert_moves(rows: str) -> str:
    key = ", ".join(MOVE_KEY)
    return (
        f"INSERT INTO goal_ladder_move ({key}, n)"
        f" SELECT {key}, SUM(n) FROM ({rows}) d WHERE true GROUP BY {key}"
        f" HAVING SUM(n) <> 0 ORDER BY {key}"
        f" ON CONFLICT ({key}) DO UPDATE SET n = goal_ladder_move.n + excluded.n"
    )


PLACEMENT_COLUMNS = (
    "status",
    "start_date",
    "status_changed_on",
    "next_step_kind",
    "wijk",
    "kind",
    "sector",
    "birth_year",
)
LADDER_COLUMNS = ("resident", "rung", "recorded_on", "wijk", "birth_year")


def _changed(columns: tuple[str, ...], postgres: bool) -> str:
    differs = "IS DISTINCT FROM" if postgres else "IS NOT"
    return " OR ".join(f"OLD.{c} {differs} NEW.{c}" for c in columns)


def triggers_sql(postgres: bool) -> list[str]:
    if postgres:
        return _postgres_triggers()
    return _sqlite_triggers()


def _sqlite_triggers() -> list[str]:
    def placement(row: str, sign: str) -> str:
        return _placement_rows(row, sign, False).format(source="")

    def ladder(*residents: str) -> str:
        return "; ".join(s for r in residents for s in _refresh_resident(r, False))

    return [
        "CREATE TRIGGER goal_fact_placement_insert AFTER INSERT ON placement BEGIN "
        f"{_upsert(placement('NEW', '1'))}; END",
        "CREATE TRIGGER goal_fact_placement_delete AFTER DELETE ON placement BEGIN "
        f"{_upsert(placement('OLD', '-1'))}; END",
        "CREATE TRIGGER goal_fact_placement_update AFTER UPDATE ON placement "
        f"WHEN {_changed(PLACEMENT_COLUMNS, False)} BEGIN "
        f"{_upsert(placement('OLD', '-1') + ' UNION ALL ' + placement('NEW', '1'))}; END",
        "CREATE TRIGGER goal_fact_ladder_insert AFTER INSERT ON ladder_record "
        f"WHEN NEW.resident IS NOT NULL BEGIN {ladder('NEW.resident')}; END",
        "CREATE TRIGGER goal_fact_ladder_delete AFTER DELETE ON ladder_record "
        f"WHEN OLD.resident IS NOT NULL BEGIN {ladder('OLD.resident')}; END",
        "CREATE TRIGGER goal_fact_ladder_update AFTER UPDATE ON ladder_record "
        f"WHEN {_changed(LADDER_COLUMNS, False)} BEGIN "
        f"{ladder('OLD.resident', 'NEW.resident')}; END",
    ]


def _postgres_triggers() -> list[str]:
    def placement(row: str, sign: str) -> str:
        return _placement_rows(row, sign, True).format(source="")

    refresh = "; ".join(_refresh_resident("r", True))
    return [
        "CREATE OR REPLACE FUNCTION goal_fact_placement_change() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP = 'INSERT' THEN {_upsert(placement('NEW', '1'))}; "
        f"ELSIF TG_OP = 'DELETE' THEN {_upsert(placement('OLD', '-1'))}; "
        f"ELSE {_upsert(placement('OLD', '-1') + ' UNION ALL ' + placement('NEW', '1'))}; "
        "END IF; RETURN NULL; END $$ LANGUAGE plpgsql",
        "CREATE OR REPLACE FUNCTION goal_fact_ladder_refresh(r INTEGER) RETURNS void AS $$ BEGIN "
        "IF r IS NULL THEN RETURN; END IF; "
        f"PERFORM pg_advisory_xact_lock({LOCK_CLASS}, r); {refresh}; END $$ LANGUAGE plpgsql",
        "CREATE OR REPLACE FUNCTION goal_fact_ladder_change() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN PERFORM goal_fact_ladder_refresh(OLD.resident); END IF; "
        "IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.resident IS DISTINCT FROM OLD.resident) "
        "THEN PERFORM goal_fact_ladder_refresh(NEW.resident); END IF; "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER goal_fact_placement_insert AFTER INSERT ON placement "
        "FOR EACH ROW EXECUTE FUNCTION goal_fact_placement_change()",
        "CREATE TRIGGER goal_fact_placement_delete AFTER DELETE ON placement "
        "FOR EACH ROW EXECUTE FUNCTION goal_fact_placement_change()",
        "CREATE TRIGGER goal_fact_placement_update AFTER UPDATE ON placement FOR EACH ROW "
        f"WHEN ({_changed(PLACEMENT_COLUMNS, True)}) EXECUTE FUNCTION goal_fact_placement_change()",
        "CREATE TRIGGER goal_fact_ladder_insert AFTER INSERT ON ladder_record "
        "FOR EACH ROW EXECUTE FUNCTION goal_fact_ladder_change()",
        "CREATE TRIGGER goal_fact_ladder_delete AFTER DELETE ON ladder_record "
        "FOR EACH ROW EXECUTE FUNCTION goal_fact_ladder_change()",
        "CREATE TRIGGER goal_fact_ladder_update AFTER UPDATE ON ladder_record FOR EACH ROW "
        f"WHEN ({_changed(LADDER_COLUMNS, True)}) EXECUTE FUNCTION goal_fact_ladder_change()",
    ]


def recount_month_facts_sql(postgres: bool) -> str:
    """Every month fact counted from scratch (MONTH_KEY columns and n, no zero rows)."""
    key = ", ".join(MONTH_KEY)
    placements = _placement_rows("p", "1", postgres).format(source="FROM placement p")
    steps = _steps(_span_select(""), "1", postgres)
    return (
        f"SELECT {key}, SUM(n) AS n FROM ({placements} UNION ALL {steps}) d"
        f" GROUP BY {key} HAVING SUM(n) <> 0"
    )


def recount_spans_sql() -> str:
    return _span_select("")


def rebuild_sql(postgres: bool) -> list[str]:
    """Empty both tables and fill them from the records (the backfill)."""
    key = ", ".join(MONTH_KEY)
    return [
        "DELETE FROM goal_month_fact",
        "DELETE FROM goal_ladder_span",
        "DELETE FROM goal_ladder_move",
        "DELETE FROM goal_ladder_period",
        f"INSERT INTO goal_ladder_span ({SPAN_COLUMNS}) {_span_select('')}",
        f"INSERT INTO goal_month_fact ({key}, n) SELECT {key}, n FROM"
        f" ({recount_month_facts_sql(postgres)}) r",
    ]


async def rebuild() -> None:
    """Recount the facts from the records in one transaction, as the migration's
    backfill does (for a bulk load made without the triggers); counted periods are
    dropped and counted again when next shown."""
    from meedoen.db import current_engine
    from meedoen.goals.facts import on_postgres

    engine: Any = current_engine()
    async with engine.transaction():
        for statement in rebuild_sql(on_postgres()):
            await _run(statement)


PERIODS_KEPT = 48
"""Periods whose moves are kept counted; each costs a ladder change a few index reads."""


async def _run(sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    from meedoen.goals.tables import Goal

    return await Goal.raw(sql, *(params or [])).run()


async def period_moves(start: dt.date, end: dt.date) -> dict[tuple[Any, ...], int] | None:
    """Residents per (wijk, from rung, to rung) moving on the ladder in the period, as
    kept in ``goal_ladder_move``; ``None`` while the period is not counted yet."""
    rows = await _run(
        "SELECT m.wijk, m.from_rung, m.to_rung, m.n FROM goal_ladder_period p"
        " LEFT JOIN goal_ladder_move m ON m.period_start = p.period_start"
        " AND m.period_end = p.period_end AND m.n > 0"
        " WHERE p.period_start = {} AND p.period_end = {}",
        [start, end],
    )
    if not rows:
        return None
    return {
        (r["wijk"], r["from_rung"], r["to_rung"]): int(r["n"]) for r in rows if r["n"] is not None
    }


async def count_period(start: dt.date, end: dt.date, moves_sql: str, params: list[Any]) -> None:
    """Count a period's moves (``moves_sql``: ``goals.facts.ladder_moves``) once and keep
    them; from then on the ladder triggers keep them current. The oldest counted periods
    beyond ``PERIODS_KEPT`` are dropped."""
    from meedoen.db import write_transaction
    from meedoen.goals.facts import on_postgres

    async with write_transaction():
        if on_postgres():
            # Changes in flight commit first, later ones wait for this count: none is
            # missed between the count and the period becoming visible to the triggers.
            # The mode conflicts with itself too: a second first view of the period
            # waits here and then finds it counted.
            await _run("LOCK TABLE goal_ladder_span IN SHARE ROW EXCLUSIVE MODE")
        if await _run(
            "SELECT 1 AS found FROM goal_ladder_period WHERE period_start = {} AND period_end = {}",
            [start, end],
        ):
            return
        await _run(
            "INSERT INTO goal_ladder_period (period_start, period_end, counted_at)"
            " VALUES ({}, {}, {})",
            [start, end, dt.datetime.now(dt.UTC).isoformat()],
        )
        key = ", ".join(MOVE_KEY)
        await _run(
            f"INSERT INTO goal_ladder_move ({key}, n) SELECT {{}}, {{}}, wijk, from_rung, to_rung,"
            f" COUNT(*) FROM ({moves_sql}) m GROUP BY wijk, from_rung, to_rung",
            [start, end, *params],
        )
        old = await _run(
            "SELECT period_start, period_end FROM goal_ladder_period"
            " ORDER BY counted_at DESC, period_start, period_end",
        )
        for row in old[PERIODS_KEPT:]:
            for table in ("goal_ladder_move", "goal_ladder_period"):
                await _run(
                    f"DELETE FROM {table} WHERE period_start = {{}} AND period_end = {{}}",
                    [row["period_start"], row["period_end"]],
                )
