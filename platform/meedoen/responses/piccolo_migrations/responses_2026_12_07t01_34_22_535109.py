from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class RawResponse(Table, tablename="response"):
    """Only for raw SQL in this migration (the real table may change later)."""


# Duplicates from before the index (two open responses of one resident to one kans, which
# a race could store): the later ones count as withdrawn, the first one stays.
CLOSE_DUPLICATES = """
UPDATE response SET status = 'ingetrokken'
WHERE status <> 'ingetrokken' AND resident IS NOT NULL AND EXISTS (
    SELECT 1 FROM response AS earlier
    WHERE earlier.opportunity = response.opportunity
      AND earlier.resident = response.resident
      AND earlier.status <> 'ingetrokken'
      AND earlier.id < response.id
)
"""
# Both engines have partial indexes; NULL residents (deleted accounts) never clash.
ONE_OPEN_RESPONSE = """
CREATE UNIQUE INDEX IF NOT EXISTS response_one_open_per_resident
ON response (opportunity, resident) WHERE status <> 'ingetrokken'
"""
# Existing responses get the profile as it is now: the best there is. Withdrawn ones none.
OPEN_WITH_PROFILE = """
SELECT response.id, resident.first_name, resident.wijk, resident.skills,
       resident.hours_per_week, resident.summary
FROM response JOIN resident ON resident.id = response.resident
WHERE response.status <> 'ingetrokken'
"""


async def fill_snapshots() -> None:
    import json

    for row in await RawResponse.raw(OPEN_WITH_PROFILE).run():
        skills = row["skills"]
        if isinstance(skills, str):  # SQLite keeps arrays as JSON text
            skills = json.loads(skills or "[]")
        snapshot = {
            "first_name": row["first_name"] or "",
            "profile": {
                "wijk": row["wijk"] or "",
                "skills": list(skills or []),
                "hours_per_week": row["hours_per_week"],
                "summary": row["summary"] or "",
            },
        }
        await RawResponse.raw(
            "UPDATE response SET snapshot = {} WHERE id = {}", json.dumps(snapshot), row["id"]
        ).run()


async def add_unique_index() -> None:
    await RawResponse.raw(CLOSE_DUPLICATES).run()
    await RawResponse.raw(ONE_OPEN_RESPONSE).run()

ID = "2026-12-07T01:34:22:535109"
VERSION = "1.38.0"
DESCRIPTION = "Responses: a snapshot of what was shared; one open response per opportunity and resident"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="responses", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Response",
        tablename="response",
        column_name="snapshot",
        db_column_name="snapshot",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_raw(fill_snapshots)
    manager.add_raw(add_unique_index)

    return manager
