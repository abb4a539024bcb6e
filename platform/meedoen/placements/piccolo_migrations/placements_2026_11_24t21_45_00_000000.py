"""One index on ladder records by resident and date.

The goals dashboard reads each resident's records in date order (window functions
partitioned by resident, ordered by ``recorded_on``); coaches' timelines do the same for
one resident. Piccolo's auto migrations cannot express an index over two columns, so
this one is raw SQL that SQLite and PostgreSQL both understand.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-24T21:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Ladder records by resident and date"

INDEX = "ladder_record_resident_recorded_on"


async def _run(sql: str) -> None:
    engine = engine_finder()
    assert engine is not None
    await engine.run_ddl(sql)


async def forwards():  # type: ignore[no-untyped-def]
    manager = MigrationManager(migration_id=ID, app_name="placements", description=DESCRIPTION)

    async def create_index() -> None:
        await _run(f"CREATE INDEX IF NOT EXISTS {INDEX} ON ladder_record (resident, recorded_on)")

    async def drop_index() -> None:
        await _run(f"DROP INDEX IF EXISTS {INDEX}")

    manager.add_raw(create_index)
    manager.add_raw_backwards(drop_index)
    return manager
