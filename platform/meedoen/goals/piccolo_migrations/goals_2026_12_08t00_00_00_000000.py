"""Pre-aggregated dashboard facts: the tables, their backfill and the triggers.

Raw SQL (triggers and upserts are beyond Piccolo's tables) that SQLite and PostgreSQL
both run; ``meedoen.goals.aggregates`` holds it and explains the design. The backfill
counts every existing placement and ladder record, so an existing deployment's facts are
correct from the first request; the triggers keep them so from then on.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

from meedoen.goals import aggregates

ID = "2026-12-08T00:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Dashboard facts per month and ladder spans, kept current by triggers"


async def _run(statements: list[str]) -> None:
    engine = engine_finder()
    assert engine is not None
    for statement in statements:
        await engine.run_ddl(statement)


def _postgres() -> bool:
    return isinstance(engine_finder(), PostgresEngine)


async def forwards():  # type: ignore[no-untyped-def]
    manager = MigrationManager(migration_id=ID, app_name="goals", description=DESCRIPTION)

    async def create() -> None:
        postgres = _postgres()
        await _run(aggregates.create_tables_sql())
        await _run(aggregates.rebuild_sql(postgres))
        await _run(aggregates.triggers_sql(postgres))

    async def drop() -> None:
        await _run(aggregates.drop_sql(_postgres()))

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
