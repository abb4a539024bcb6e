from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-11-24T20:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Invitations to join an organisation"


class Organisation(Table, tablename="organisation", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


def _params(**overrides):  # type: ignore[no-untyped-def]
    params = {
        "default": "",
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    }
    params.update(overrides)
    return params


async def forwards():  # type: ignore[no-untyped-def]
    manager = MigrationManager(migration_id=ID, app_name="organisations", description=DESCRIPTION)
    manager.add_table(class_name="Invitation", tablename="invitation", schema=None, columns=None)

    def column(name, column_class, **params):  # type: ignore[no-untyped-def]
        manager.add_column(
            table_class_name="Invitation",
            tablename="invitation",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=_params(**params),
            schema=None,
        )

    column(
        "organisation",
        ForeignKey,
        references=Organisation,
        on_delete=OnDelete.cascade,
        on_update=OnUpdate.cascade,
        target_column=None,
        default=None,
        null=True,
        index=True,
    )
    column("email", Varchar, length=254, index=True)
    column("token_hash", Varchar, length=64, unique=True, index=True)
    column("invited_by", Integer, default=None, null=True)
    column("created_at", Timestamptz, default=TimestamptzNow())
    column("expires_at", Timestamptz, default=TimestamptzNow())
    column("used_at", Timestamptz, default=None, null=True)
    return manager
