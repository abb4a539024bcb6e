"""The database refuses a slot with more people than its capacity.

Sign-ups raise ``meeting_slot.taken`` with one conditional UPDATE, which already keeps
concurrent sign-ups within the capacity on both engines; this guard makes any other
write that would overfill a slot fail too. PostgreSQL gets a CHECK constraint; SQLite
cannot add one to an existing table, so it gets triggers with the same rule.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

ID = "2026-12-07T02:03:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "A slot never holds more people than its capacity"

RULE = "capacity IS NULL OR (taken >= 0 AND taken <= capacity)"


async def forwards():  # type: ignore[no-untyped-def]
    manager = MigrationManager(migration_id=ID, app_name="events", description=DESCRIPTION)

    async def add_guard() -> None:
        engine = engine_finder()
        assert engine is not None
        if isinstance(engine, PostgresEngine):
            await engine.run_ddl(
                f"ALTER TABLE meeting_slot ADD CONSTRAINT meeting_slot_capacity CHECK ({RULE})"
            )
            return
        for event in ("INSERT", "UPDATE"):
            await engine.run_ddl(
                f"CREATE TRIGGER IF NOT EXISTS meeting_slot_capacity_{event.lower()} "
                f"BEFORE {event} ON meeting_slot "
                "WHEN NOT (NEW.capacity IS NULL OR (NEW.taken >= 0 AND NEW.taken <= NEW.capacity)) "
                "BEGIN SELECT RAISE(ABORT, 'meeting_slot_capacity'); END"
            )

    manager.add_raw(add_guard)
    return manager
