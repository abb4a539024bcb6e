from typing import Any

from piccolo.columns import ForeignKey, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")


class AuditEvent(Table):
    """Who did or looked at what, when: sign-ins, role changes, views of personal data.

    Kept apart from the data it describes, so deleting a resident does not erase
    the record that someone looked at their file.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    actor: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null, index=True
    )
    actor_label = Varchar(length=254, default="")
    action = Varchar(length=40, index=True)
    subject_type = Varchar(length=30, default="")
    subject_ref = Varchar(length=40, default="", index=True)
    details = Text(default="")
    at = Timestamptz(index=True)
