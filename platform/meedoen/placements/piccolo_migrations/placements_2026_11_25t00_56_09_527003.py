from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey

ID = "2026-11-25T00:56:09:527003"
VERSION = "1.38.0"
DESCRIPTION = "Ladder records: no single-column resident index (the composite one serves)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="placements", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="LadderRecord",
        tablename="ladder_record",
        column_name="resident",
        db_column_name="resident",
        params={"index": False},
        old_params={"index": True},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    return manager
