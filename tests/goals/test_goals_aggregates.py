"""The dashboard's pre-aggregated facts equal a full recount, whatever happened before.

A random sequence of changes (ladder records recorded, moved and deleted, placements
started, completed, stopped and deleted, residents forgetting their data and deleting
their record) runs through the services and the tables; after it, the month facts and
the ladder spans equal a recount from the records, and every figure the dashboard reads
from them equals the count made the old way, from the records, for whole-month and
odd periods, the whole district and one wijk. Then many changes at the same moment on
separate connections leave the facts equal to a recount as well.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import sqlite3
import threading
from typing import Any

import pytest
from reference_counts import reference_ladder_moves, reference_ladder_steps_up

from meedoen.goals import aggregates, facts
from meedoen.goals.dashboard import grouped_counts
from meedoen.goals.facts import Selection
from meedoen.goals.measures import measure_value
from meedoen.placements.ladder import RungEntry, record_rung
from meedoen.placements.personal_data import forget_resident
from meedoen.placements.tables import LadderRecord, Placement
from meedoen.residents.tables import Resident
from meedoen.vocabulary import OPPORTUNITY_KINDS, RESIDENTIAL_WIJKEN

TODAY = dt.date.today()
FIRST_DAY = dt.date(TODAY.year - 2, 1, 1)
STATUSES = ("voorgesteld", "kennismaking", "gestart", "afgerond", "gestopt")
SECTORS = ("zorg", "groen", "ICT", "")
WIJKEN = (*RESIDENTIAL_WIJKEN[:3], "")


def a_day(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange((TODAY - FIRST_DAY).days + 1))


async def make_residents(count: int, rng: random.Random) -> list[Resident]:
    now = dt.datetime.now(dt.UTC)
    residents = []
    for n in range(count):
        resident = Resident(
            ref=f"feit-{n}-{rng.randrange(10**9)}",
            wijk=rng.choice(WIJKEN[:3]),
            birth_year=rng.choice((None, 1960, 1990, 2004, 2008)),
            skills=[],
            interests=[],
            preferred_kinds=[],
            days_available=[],
            created_at=now,
            updated_at=now,
        )
        await resident.save()
        residents.append(resident)
    return residents


def placement_row(rng: random.Random, resident: Resident | None) -> dict[str, Any]:
    status = rng.choice(STATUSES)
    start = rng.choice((None, a_day(rng), a_day(rng)))
    now = dt.datetime.now(dt.UTC)
    return {
        "ref": f"feit-p-{rng.randrange(10**12)}",
        "resident": resident.id if resident else None,
        "kind": rng.choice(OPPORTUNITY_KINDS),
        "sector": rng.choice(SECTORS),
        "start_date": start,
        "status": status,
        "status_changed_on": rng.choice((None, a_day(rng), a_day(rng))),
        "next_step_kind": rng.choice(("", "betaald_werk", "opleiding")),
        "wijk": rng.choice(WIJKEN),
        "birth_year": rng.choice((None, 1958, 1975, 2001, 2009)),
        "created_at": now,
        "updated_at": now,
    }


async def random_change(rng: random.Random, residents: list[Resident]) -> None:
    """One change of the kinds a district sees, chosen at random."""
    what = rng.randrange(14)
    living = [r for r in residents if r.id is not None]
    resident = rng.choice(living)
    records = await LadderRecord.select(LadderRecord.id, LadderRecord.recorded_on)
    placements = await Placement.select(Placement.id)
    if what <= 2:  # a coach records a rung, through the service
        entry = RungEntry(rng.randint(1, 6), a_day(rng), "review", "Gesprek gehad.")
        await record_rung(resident, entry, actor_id=None)
    elif what == 3 and records:  # a second record on the same day as another
        same = rng.choice(records)
        await LadderRecord.insert(
            LadderRecord(
                resident=resident.id,
                rung=rng.randint(1, 6),
                recorded_on=same["recorded_on"],
                wijk=resident.wijk,
                birth_year=resident.birth_year,
                created_at=dt.datetime.now(dt.UTC),
            )
        )
    elif what == 4 and records:  # a record corrected (rung and date)
        await LadderRecord.update(
            {LadderRecord.rung: rng.randint(1, 6), LadderRecord.recorded_on: a_day(rng)}
        ).where(LadderRecord.id == rng.choice(records)["id"])
    elif what == 5 and records:
        await LadderRecord.delete().where(LadderRecord.id == rng.choice(records)["id"])
    elif what in (6, 7, 12, 13):
        owner = rng.choice((resident, None))
        await Placement.insert(Placement(**placement_row(rng, owner)))
    elif what == 8 and placements:  # a status change, maybe to completed with paid work
        row = placement_row(rng, None)
        await Placement.update(
            {
                Placement.status: row["status"],
                Placement.status_changed_on: row["status_changed_on"],
                Placement.next_step_kind: row["next_step_kind"],
                Placement.start_date: row["start_date"],
                Placement.version: Placement.version + 1,
            }
        ).where(Placement.id == rng.choice(placements)["id"])
    elif what == 9 and placements:
        await Placement.delete().where(Placement.id == rng.choice(placements)["id"])
    elif what == 10:  # the resident deletes their account: their records are cut loose
        await forget_resident(resident.id)
    elif what == 11 and len(living) > 3:  # the resident's record deleted (set null by FK)
        await Resident.delete().where(Resident.id == resident.id)
        resident.id = None  # type: ignore[assignment]


async def rows(sql: str) -> set[tuple[Any, ...]]:
    found = await facts.fetch(sql, [])
    return {tuple(str(v) if isinstance(v, dt.date) else v for v in row.values()) for row in found}


async def assert_facts_equal_a_recount() -> None:
    postgres = facts.on_postgres()
    key = ", ".join(aggregates.MONTH_KEY)
    stored = await rows(f"SELECT {key}, n FROM goal_month_fact WHERE n <> 0")
    assert all(row[-1] > 0 for row in stored), "a month fact went below zero"
    assert stored == await rows(aggregates.recount_month_facts_sql(postgres))
    columns = aggregates.SPAN_COLUMNS
    assert await rows(f"SELECT {columns} FROM goal_ladder_span") == await rows(
        f"SELECT {columns} FROM ({aggregates.recount_spans_sql()}) s"
    )
    for period in await facts.fetch("SELECT period_start, period_end FROM goal_ladder_period", []):
        start, end = (dt.date.fromisoformat(str(period[c])) for c in ("period_start", "period_end"))
        kept = await aggregates.period_moves(start, end)
        assert kept == await grouped_counts(
            reference_ladder_moves(Selection(start, end)), ["wijk", "from_rung", "to_rung"]
        ), (start, end)


def selections(rng: random.Random) -> list[Selection]:
    chosen = []
    for _ in range(4):
        start_month = dt.date(FIRST_DAY.year + rng.randrange(3), rng.randint(1, 12), 1)
        months = rng.randint(1, 14)
        year, month = divmod(start_month.month - 1 + months, 12)
        end = dt.date(start_month.year + year, month + 1, 1) - dt.timedelta(days=1)
        chosen.append(Selection(start_month, end, rng.choice(WIJKEN)))
    first, second = sorted((a_day(rng), a_day(rng)))
    chosen.append(Selection(first, second))  # odd days: counted from the records
    chosen.append(Selection(dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31)))
    return chosen


REFERENCE = {
    "gestart": facts.started_placements,
    "afgerond": facts.completed_placements,
    "betaald_werk": facts.placements_to_paid_work,
    "trede_omhoog": reference_ladder_steps_up,
}
EXPRESSIONS = {"month": facts.month_of("event_date"), "age_band": facts.age_band()}


async def assert_figures_as_counted_from_the_records(selection: Selection) -> None:
    for metric, reference in REFERENCE.items():
        dimension_sets = (["wijk", "kind", "age_band", "sector"], ["kind"], ["month"], [])
        for dimensions in dimension_sets:
            expected = await grouped_counts(
                reference(selection), [EXPRESSIONS.get(d, d) for d in dimensions] or ["1"]
            )
            if not dimensions:
                expected = {(): expected[(1,)]} if expected else {}
            found = await facts.counts(metric, selection, dimensions)
            assert found == expected, (metric, dimensions, selection)
    by_month = {
        (month, metric): n
        for metric, reference in REFERENCE.items()
        for (month,), n in (
            await grouped_counts(reference(selection), [EXPRESSIONS["month"]])
        ).items()
    }
    assert await facts.monthly_counts(selection, list(REFERENCE)) == by_month, selection
    expected_moves = await grouped_counts(
        reference_ladder_moves(selection), ["wijk", "from_rung", "to_rung"]
    )
    assert await facts.ladder_move_counts(selection) == expected_moves, selection
    with facts.moves_counted_once():
        assert await facts.ladder_move_counts(selection) == expected_moves, selection
    young = await grouped_counts(
        facts.started_placements(selection),
        [
            f"CASE WHEN kind IN ('stage', 'leerwerkplek') AND {facts.age_band()} = 'tot27' "
            "THEN 1 ELSE 0 END"
        ],
    )
    assert await measure_value("jongeren_stage_leerwerkplek", selection) == young.get((1,), 0)
    placements_sql, placement_params = facts.placements_to_paid_work(selection)
    moves_sql, move_params = reference_ladder_moves(selection)
    paid_work = await facts.fetch_count(
        (
            f"SELECT person FROM ({placements_sql}) pw UNION ALL SELECT person FROM ({moves_sql})"
            " m WHERE m.from_rung < 5 AND m.to_rung >= 5",
            [*placement_params, *move_params],
        ),
        "COUNT(DISTINCT person)",
    )
    assert await measure_value("doorstroming_betaald_werk", selection) == paid_work


@pytest.mark.parametrize("seed", [1, 2])
async def test_the_facts_equal_a_recount_after_random_changes(clean_database, seed):
    rng = random.Random(seed)
    residents = await make_residents(12, rng)
    for selection in selections(rng):  # counted before the changes, kept by the triggers
        await facts.ladder_move_counts(selection)
    for step in range(160):
        await random_change(rng, residents)
        if step % 40 == 39:
            await assert_facts_equal_a_recount()
    await assert_facts_equal_a_recount()
    for selection in selections(rng):
        await assert_figures_as_counted_from_the_records(selection)
    assert await LadderRecord.count() >= 15 and await Placement.count() >= 15


async def test_a_rebuild_gives_the_facts_the_triggers_keep(clean_database):
    rng = random.Random(7)
    residents = await make_residents(6, rng)
    for _ in range(60):
        await random_change(rng, residents)
    before = await rows("SELECT * FROM goal_month_fact WHERE n <> 0")
    await aggregates.rebuild()
    assert await rows("SELECT * FROM goal_month_fact") == before
    await assert_facts_equal_a_recount()


AT_ONCE = 24


def _statements(number: int, residents: list[int], postgres: bool) -> list[tuple[str, list[Any]]]:
    """One connection's transaction: a ladder record for a resident many others also
    write for, a started placement in a shared month, and a completed one."""
    mark = "$" if postgres else "?"

    def marks(count: int) -> str:
        return ", ".join(f"{mark}{n + 1}" if postgres else "?" for n in range(count))

    resident = residents[number % len(residents)]
    day = dt.date(TODAY.year - 1, 1 + number % 3, 1 + number % 5)
    now = dt.datetime.now(dt.UTC)
    ladder = (
        "INSERT INTO ladder_record (resident, rung, recorded_on, occasion, motivation, wijk,"
        f" birth_year, created_at) VALUES ({marks(8)})",
        [resident, 1 + number % 6, day, "review", "", "Boswinkel", 1990, now],
    )
    placement = (
        "INSERT INTO placement (ref, resident, kind, sector, start_date, status,"
        " status_changed_on, next_step_kind, wijk, birth_year, description, stop_reason,"
        " stop_text, outcome_note, version, created_at, updated_at)"
        f" VALUES ({marks(17)})",
        [
            f"samen-{number}-{now.timestamp()}",
            resident,
            "stage",
            "zorg",
            day,
            "afgerond" if number % 2 else "gestart",
            day,
            "betaald_werk" if number % 2 else "",
            "Boswinkel",
            1990,
            "",
            "",
            "",
            "",
            1,
            now,
            now,
        ],
    )
    return [ladder, placement]


async def _at_once_on_postgres(residents: list[int]) -> None:
    import asyncpg  # type: ignore[import-untyped]

    url = os.environ["DATABASE_URL"]
    connections = [await asyncpg.connect(url) for _ in range(AT_ONCE)]
    barrier = asyncio.Barrier(AT_ONCE)

    async def write(number: int, connection: Any) -> None:
        async with connection.transaction():
            await barrier.wait()
            for sql, params in _statements(number, residents, True):
                await connection.execute(sql, *params)

    try:
        await asyncio.gather(*(write(n, c) for n, c in enumerate(connections)))
    finally:
        for connection in connections:
            await connection.close()


def _at_once_on_sqlite(residents: list[int]) -> None:
    path = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
    barrier = threading.Barrier(AT_ONCE)
    failures: list[BaseException] = []

    def write(number: int) -> None:
        connection = sqlite3.connect(path, timeout=60, isolation_level=None)
        try:
            barrier.wait()
            connection.execute("BEGIN IMMEDIATE")
            for sql, params in _statements(number, residents, False):
                connection.execute(sql, [str(p) if isinstance(p, dt.date) else p for p in params])
            connection.execute("COMMIT")
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures


async def test_many_changes_at_the_same_moment_leave_the_facts_equal_to_a_recount(
    clean_database,
):
    rng = random.Random(3)
    residents = [r.id for r in await make_residents(4, rng)]
    year = Selection(dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31))
    assert await facts.ladder_move_counts(year) == {}  # counted now, kept by the triggers
    if facts.on_postgres():
        await _at_once_on_postgres(residents)
    else:
        await asyncio.to_thread(_at_once_on_sqlite, residents)
    assert await facts.fetch("SELECT * FROM goal_ladder_period", [])
    assert await LadderRecord.count() == AT_ONCE
    assert await Placement.count() == AT_ONCE
    await assert_facts_equal_a_recount()
    started = await facts.month_counts(
        "gestart", Selection(dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31)), []
    )
    assert started == {(): AT_ONCE}


async def test_many_first_views_of_a_period_at_once_count_it_once(clean_database):
    rng = random.Random(5)
    residents = await make_residents(6, rng)
    for _ in range(40):
        await random_change(rng, residents)
    year = Selection(dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31))
    expected = await grouped_counts(reference_ladder_moves(year), ["wijk", "from_rung", "to_rung"])

    found = await asyncio.gather(*(facts.ladder_move_counts(year) for _ in range(AT_ONCE)))

    assert found == [expected] * AT_ONCE
    periods = await facts.fetch("SELECT * FROM goal_ladder_period", [])
    assert len(periods) == 1
    await assert_facts_equal_a_recount()
