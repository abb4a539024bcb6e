"""Dashboard aggregation at district-wide scale: 100,000 residents, one year of data.

Run: ``python bench/dashboard_bench.py [--residents N] [--repeat N] [--engine sqlite|postgres|both]
[--without-ladder-index]``.
Each engine gets a fresh, migrated database filled with bulk inserts (ladder records
and placements written directly, no demo pipeline) without the dashboard facts'
triggers, then one backfill (``goals.aggregates.rebuild``, as the migration does it) and
the triggers back; then the dashboard's aggregation and a full page render through the
app are timed. The first aggregation (the warm-up, shown apart) counts the period's
ladder moves once; the p50 is of the runs after it, which read the kept facts. Timings are printed, never asserted.
PostgreSQL gets an ANALYZE after the bulk load, as autovacuum would give it soon after;
SQLite gets none, as the app never runs one. ``--without-ladder-index`` drops the
(resident, recorded_on) index first, to see what it is worth.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from meedoen.vocabulary import OPPORTUNITY_KINDS, RESIDENTIAL_WIJKEN

LADDER_INDEX = "ladder_record_resident_recorded_on"
POSTGRES_SERVER = os.environ.get(
    "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
YEAR_START, YEAR_END = dt.date(2025, 12, 1), dt.date(2026, 11, 30)
# The same vocabularies as the app (importing them touches no database).
WIJKEN = RESIDENTIAL_WIJKEN
KINDS = OPPORTUNITY_KINDS
SECTORS = (
    "zorg",
    "welzijn en buurt",
    "logistiek",
    "horeca",
    "groen",
    "detailhandel",
    "ICT",
    "bouw",
)
STATUSES = ("gestart", "gestart", "afgerond", "afgerond", "gestopt", "voorgesteld", "kennismaking")


def log(message: str) -> None:
    print(message, flush=True)


async def fill(residents: int) -> dict[str, int]:
    from meedoen.goals.tables import Goal
    from meedoen.placements.tables import LadderRecord, Placement
    from meedoen.residents.tables import Resident

    rng = random.Random(2026)
    now = dt.datetime.now(dt.UTC)
    days = (YEAR_END - YEAR_START).days

    async def insert(table, rows, batch: int = 1000) -> None:  # type: ignore[no-untyped-def]
        for begin in range(0, len(rows), batch):
            await table.insert(*(table(**row) for row in rows[begin : begin + batch])).run()

    await insert(
        Resident,
        [
            {
                "ref": f"bench-{n}",
                "first_name": "",
                "wijk": WIJKEN[n % len(WIJKEN)],
                "birth_year": rng.randint(1950, 2008),
                "skills": [],
                "interests": [],
                "preferred_kinds": [],
                "days_available": [],
                "created_at": now,
                "updated_at": now,
            }
            for n in range(residents)
        ],
    )
    ids = [row["id"] for row in await Resident.select(Resident.id).order_by(Resident.id)]
    ladder, placements = [], []
    for n, resident in enumerate(ids):
        wijk, birth_year = WIJKEN[n % len(WIJKEN)], 1950 + n % 58
        rung, day = rng.randint(1, 5), YEAR_START - dt.timedelta(days=rng.randrange(0, 200))
        while day <= YEAR_END:
            ladder.append(
                {
                    "resident": resident,
                    "rung": rung,
                    "recorded_on": day,
                    "occasion": "review",
                    "wijk": wijk,
                    "birth_year": birth_year,
                    "created_at": now,
                }
            )
            rung = min(6, max(1, rung + rng.choices((1, 0, -1), weights=(3, 6, 1))[0]))
            day += dt.timedelta(days=rng.randrange(75, 130))
        if rng.random() < 0.5:
            start = YEAR_START + dt.timedelta(days=rng.randrange(days))
            status = rng.choice(STATUSES)
            placements.append(
                {
                    "ref": f"bench-p-{n}",
                    "resident": resident,
                    "kind": rng.choice(KINDS),
                    "sector": rng.choice(SECTORS),
                    "start_date": start,
                    "status": status,
                    "status_changed_on": min(
                        YEAR_END, start + dt.timedelta(days=rng.randrange(30, 200))
                    ),
                    "next_step_kind": "betaald_werk"
                    if status == "afgerond" and rng.random() < 0.4
                    else "",
                    "wijk": wijk,
                    "birth_year": birth_year,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    await insert(LadderRecord, ladder)
    await insert(Placement, placements)
    await Goal(
        name="Bench: doorstroming",
        measure="doorstroming_betaald_werk",
        period_start=YEAR_START,
        period_end=YEAR_END,
        target=5000,
        created_at=now,
        updated_at=now,
    ).save()
    await Goal(
        name="Bench: trede omhoog",
        measure="ladder_omhoog",
        period_start=YEAR_START,
        period_end=YEAR_END,
        target=20000,
        created_at=now,
        updated_at=now,
    ).save()
    return {"residents": len(ids), "ladder_records": len(ladder), "placements": len(placements)}


async def timed(repeat: int, action) -> list[float]:  # type: ignore[no-untyped-def]
    """``repeat`` timings (ms) after a warm-up; the warm-up's own time comes first."""
    started = time.perf_counter()
    await action()  # warm-up, not counted in the p50
    timings = [(time.perf_counter() - started) * 1000]
    for _ in range(repeat):
        started = time.perf_counter()
        await action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def signed_in_client():  # type: ignore[no-untyped-def]
    import httpx

    from meedoen.accounts.service import create_account
    from meedoen.app.factory import create_app

    email, password = f"bench-{uuid.uuid4().hex[:8]}@example.org", "een-lang-bench-wachtwoord-2026"
    await create_account(email, password, "admin", display_name="Bench")
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app()), base_url="http://bench.local"
    )
    form = await client.get("/inloggen")
    token = re.search(r'name="_csrf_token" value="([^"]+)"', form.text)
    await client.post(
        "/inloggen",
        data={"email": email, "password": password, "_csrf_token": token.group(1) if token else ""},
    )
    return client


async def run_engine(residents: int, repeat: int, without_ladder_index: bool) -> None:
    from meedoen.db import close_pool, current_engine, migrate, start_pool
    from meedoen.goals import aggregates
    from meedoen.goals.dashboard import build_dashboard
    from meedoen.goals.facts import Selection
    from meedoen.settings import load_settings

    await migrate()
    await start_pool()
    engine = load_settings().database_engine
    try:
        if without_ladder_index:
            await current_engine().run_ddl(f"DROP INDEX IF EXISTS {LADDER_INDEX}")
        started = time.perf_counter()
        # A bulk load as an import would do it: without the facts' triggers, then one
        # recount (the migration's backfill) and the triggers back.
        postgres = engine == "postgres"
        for statement in aggregates.drop_triggers_sql(postgres):
            await current_engine().run_ddl(statement)
        counts = await fill(residents)
        filled = time.perf_counter()
        await aggregates.rebuild()
        for statement in aggregates.triggers_sql(postgres):
            await current_engine().run_ddl(statement)
        if postgres:
            await current_engine().run_ddl("ANALYZE")
        log(
            f"[{engine}] filled in {filled - started:.1f} s"
            + (f" (without {LADDER_INDEX})" if without_ladder_index else "")
            + ": "
            + ", ".join(f"{name} {n:,}" for name, n in counts.items())
            + f"; dashboard facts backfilled in {time.perf_counter() - filled:.1f} s"
        )
        selection = Selection(YEAR_START, YEAR_END)
        first, *aggregation = await timed(repeat, lambda: build_dashboard(selection, YEAR_END))
        client = await signed_in_client()
        page_status = (await client.get("/doelen?van=2025-12&tot=2026-11")).status_code

        async def page() -> None:
            await client.get("/doelen?van=2025-12&tot=2026-11")

        _, *rendering = await timed(repeat, page)
        await client.aclose()
        log(
            f"[{engine}] dashboard aggregation: p50 {statistics.median(aggregation):.0f} ms, max {max(aggregation):.0f} ms ({repeat} runs); the first, counting the period's ladder moves: {first:.0f} ms"
        )
        log(
            f"[{engine}] full page GET /doelen (status {page_status}): p50 {statistics.median(rendering):.0f} ms, max {max(rendering):.0f} ms"
        )
    finally:
        await close_pool()


def postgres_database() -> tuple[str, str] | None:
    import asyncpg  # type: ignore[import-untyped]

    name = f"meedoen_bench_{uuid.uuid4().hex[:8]}"

    async def create() -> None:
        connection = await asyncpg.connect(POSTGRES_SERVER, timeout=3)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    try:
        asyncio.run(create())
    except Exception as error:
        log(f"[postgres] not reachable ({type(error).__name__}); skipped")
        return None
    return name, POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres(name: str) -> None:
    import asyncpg

    async def drop() -> None:
        connection = await asyncpg.connect(POSTGRES_SERVER)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    asyncio.run(drop())


def child(engine: str, url: str, args: argparse.Namespace, data_dir: str) -> None:
    # DATABASE_URL is read once when meedoen.piccolo_conf is imported: one process per engine.
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEEDOEN_DATA_DIR": data_dir,
        "MEEDOEN_ENV": "test",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + uuid.uuid4().hex),
    }
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "--residents",
            str(args.residents),
            "--repeat",
            str(args.repeat),
            *(["--without-ladder-index"] if args.without_ladder_index else []),
        ],
        env=env,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--engine", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument(
        "--without-ladder-index",
        action="store_true",
        help=f"drop {LADDER_INDEX} before filling, to compare",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(run_engine(args.residents, args.repeat, args.without_ladder_index))
        return
    with tempfile.TemporaryDirectory(prefix="meedoen-bench-") as data_dir:
        if args.engine in ("sqlite", "both"):
            child("sqlite", f"sqlite:///{Path(data_dir) / 'bench.sqlite'}", args, data_dir)
        if args.engine in ("postgres", "both") and (created := postgres_database()):
            name, url = created
            try:
                child("postgres", url, args, data_dir)
            finally:
                drop_postgres(name)


if __name__ == "__main__":
    main()
