"""Goals the district sets itself: a measure computed from recorded data, a target, a period."""

from typing import Any

from piccolo.columns import Date, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")


class Goal(Table):
    """A participation goal. The value is never typed in: ``measure`` names how it is
    counted (see ``meedoen.goals.measures``), optionally narrowed by ``measure_kind``
    (a placement kind) and ``wijk``."""

    name = Varchar(length=120)
    measure = Varchar(length=40)
    measure_kind = Varchar(length=20, default="")
    wijk = Varchar(length=60, default="")
    period_start = Date()
    period_end = Date()
    target = Integer()
    created_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()
