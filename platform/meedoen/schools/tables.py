"""The stage- and talentcoördinatoren of schools (organisations of type onderwijs).

A school's owner appoints members as coördinator; a coördinator signs up classes for
company visits and taster days (as a group: a count and the teacher, never pupils' data)
and sees which companies offer places for the levels of the school's programme.
"""

from typing import Any

from piccolo.columns import Array, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")
ORGANISATION = LazyTableReference("Organisation", module_path="meedoen.organisations.tables")


class Coordinator(Table, tablename="school_coordinator"):
    """A member of a school appointed stage- or talentcoördinator.

    ``coordinator_key`` (school id and account id) makes one appointment per member.
    ``levels`` are the education levels of the programme they coordinate.
    """

    id: Serial

    account: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, on_delete=OnDelete.cascade, index=True
    )
    school: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    coordinator_key = Varchar(length=40, unique=True)
    role = Varchar(length=20)
    levels = Array(base_column=Varchar(length=10))
    created_at = Timestamptz()
