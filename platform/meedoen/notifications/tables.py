from typing import Any

from piccolo.columns import BigSerial, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Another domain's table, referred to by name (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")


class Notification(Table):
    """Something that changed for one person: shown in their list, mailed as they chose.

    ``params`` (JSON) fill the kind's Dutch sentences, which are translated when shown,
    so the list follows the reader's language. ``delivery`` is what the person had
    chosen when it happened: ``direct`` (mailed at once), ``daily`` (waits for the
    digest) or ``off``. ``once_key`` makes a notification that may happen only once
    (a response was read) unique under concurrency.
    """

    id = BigSerial(primary_key=True)
    ref = Varchar(length=24, unique=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    account: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, on_delete=OnDelete.cascade, index=True
    )
    kind = Varchar(length=40)
    params = Text(default="{}")
    link = Varchar(length=300, default="")
    delivery = Varchar(length=10, default="direct")
    once_key = Varchar(length=120, null=True, default=None, unique=True)
    created_at = Timestamptz()
    read_at = Timestamptz(null=True, default=None)
    mailed_at = Timestamptz(null=True, default=None, index=True)


class NotificationPreference(Table):
    """How one person wants to hear about one kind: ``direct``, ``daily`` or ``off``.

    No row means the kind's default. ``key`` ("<account id>:<kind>") keeps it to one row
    per person and kind, also when two changes arrive at once.
    """

    id = BigSerial(primary_key=True)
    key = Varchar(length=60, unique=True)
    account: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, on_delete=OnDelete.cascade, index=True
    )
    kind = Varchar(length=40)
    delivery = Varchar(length=10)
    changed_at = Timestamptz()
