from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T01:55:55:733570"
VERSION = "1.38.0"
DESCRIPTION = "Opportunities: a version for optimistic locking"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="opportunities", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Opportunity",
        tablename="opportunity",
        column_name="version",
        db_column_name="version",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": 1,
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

    return manager
