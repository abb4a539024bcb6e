from typing import Any

from piccolo.columns import Array, Boolean, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")


class Resident(Table):
    """A resident looking for a way to take part.

    Only what matching needs is stored: a first name, no surname, address or BSN.
    Every field but the reference is optional; ``visibility`` decides who may see it.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    account: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null, index=True
    )
    first_name = Varchar(length=80, default="")
    wijk = Varchar(length=60, default="")
    birth_year = Integer(null=True, default=None)
    skills = Array(base_column=Varchar(length=60))
    interests = Array(base_column=Varchar(length=60))
    preferred_kinds = Array(base_column=Varchar(length=20))
    hours_per_week = Integer(null=True, default=None)
    days_available = Array(base_column=Varchar(length=10))
    language_level = Varchar(length=2, default="")
    has_driving_licence = Boolean(default=False)
    summary = Text(default="")
    ladder_rung = Integer(null=True, default=None)
    visibility = Varchar(length=10, default="private")
    # A random file name under data_dir/cv; the uploaded name is never kept.
    cv_file = Varchar(length=64, default="")
    cv_uploaded_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()
