"""Residents' public refs that count up (res-001, res-002 …) get a random one.

A ref that counts up tells anyone who sees one how many others there are and how to
name them. Residents made in the app already get ``res-`` plus 12 random hex digits;
this gives every older, counting ref one too, and keeps what points at it by ref true:
audit events about the resident, and the search index (through the outbox: the old
document is deleted, the new one written). Everything else points at the row's id.

The demo corpus keeps its own ids when it is imported again (demo data, not people);
a database migrated from zero has no rows here, so this changes nothing there.
"""

import datetime as dt
import re
import secrets

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T02:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Residents: random public refs instead of counting ones"

COUNTING = re.compile(r"^res-[0-9]+$")


async def rekey_counting_refs() -> None:
    engine = engine_finder()
    assert engine is not None
    rows = await engine.run_ddl("SELECT id, ref FROM resident")
    counting = [row for row in rows or [] if COUNTING.match(row["ref"] or "")]
    now = dt.datetime.now(dt.UTC)
    for row in counting:
        old, new = row["ref"], f"res-{secrets.token_hex(6)}"
        await _run(engine, "UPDATE resident SET ref = {} WHERE id = {}", new, row["id"])
        await _run(
            engine,
            "UPDATE audit_event SET subject_ref = {} "
            "WHERE subject_type = 'resident' AND subject_ref = {}",
            new,
            old,
        )
        for ref, action in ((old, "delete"), (new, "upsert")):
            await _run(
                engine,
                "INSERT INTO outbox_event (entity, ref, action, created_at, attempts, "
                "last_error, claimed_by) VALUES ('resident', {}, {}, {}, 0, '', '')",
                ref,
                action,
                now,
            )


async def _run(engine, sql: str, *values) -> None:  # type: ignore[no-untyped-def]
    from piccolo.querystring import QueryString

    await engine.run_querystring(QueryString(sql, *values))


async def forwards():  # type: ignore[no-untyped-def]
    manager = MigrationManager(migration_id=ID, app_name="residents", description=DESCRIPTION)
    manager.add_raw(rekey_counting_refs)
    return manager
