"""Agreements, hours and proofs of participation: what a resident's path is made of.

Hours keep a wijk snapshot, so the district's hours of volunteering survive a resident
deleting their account (the link to the person is cut, the hours stay), as placements do.
"""

from typing import Any

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")
ORGANISATION = LazyTableReference("Organisation", module_path="meedoen.organisations.tables")
PLACEMENT = LazyTableReference("Placement", module_path="meedoen.placements.tables")
RESIDENT = LazyTableReference("Resident", module_path="meedoen.residents.tables")


class Agreement(Table):
    """A short action the resident and their coach agreed on: who does it, by when, done."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=24, unique=True, index=True)  # type: ignore[assignment]  # shadows Table.ref()
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, on_delete=OnDelete.cascade, index=True
    )
    text = Text()
    doer = Varchar(length=10, default="bewoner")  # bewoner | coach
    due_on = Date(null=True, default=None)
    done_at = Timestamptz(null=True, default=None)
    note = Text(default="")  # the resident's note when ticking it off
    created_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()


class PathSetting(Table):
    """What the coach chose to show a resident about their progress."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, on_delete=OnDelete.cascade, unique=True, index=True
    )
    show_step = Boolean(default=False)
    progress_words = Text(default="")  # the coach's own words; empty: the standard sentence
    updated_at = Timestamptz()


class HoursEntry(Table):
    """Hours a resident spent at a placement in one week, as they recorded them, and as the
    organisation confirmed (or corrected) them. Minutes, so half hours count exactly."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=24, unique=True, index=True)  # type: ignore[assignment]  # shadows Table.ref()
    placement: ForeignKey[Any] = ForeignKey(
        references=PLACEMENT, on_delete=OnDelete.cascade, index=True
    )
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, null=True, on_delete=OnDelete.set_null, index=True
    )
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, null=True, on_delete=OnDelete.set_null, index=True
    )
    week_of = Date(index=True)  # the Monday of the week
    minutes = Integer()
    status = Varchar(length=12, default="wacht", index=True)  # wacht | bevestigd
    confirmed_minutes = Integer(null=True, default=None)
    confirmed_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    confirmed_at = Timestamptz(null=True, default=None)
    wijk = Varchar(length=60, default="")
    created_at = Timestamptz()


class Proof(Table):
    """A proof of participation (bewijs van meedoen) for one placement.

    ``open_key`` holds the placement's id while the proof is asked for or valid, and is
    emptied (NULL) when it is withdrawn: the unique index lets one live proof per
    placement exist, however many requests arrive at once. Its content is a snapshot,
    so a later change to the placement does not change what was issued.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=24, unique=True, index=True)  # type: ignore[assignment]  # shadows Table.ref()
    placement: ForeignKey[Any] = ForeignKey(
        references=PLACEMENT, null=True, on_delete=OnDelete.set_null, index=True
    )
    open_key = Integer(null=True, default=None, unique=True)
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, null=True, on_delete=OnDelete.set_null, index=True
    )
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, null=True, on_delete=OnDelete.set_null, index=True
    )
    status = Varchar(length=12, default="gevraagd", index=True)
    # gevraagd | uitgegeven | ingetrokken | vervallen (the resident deleted their account)
    content = JSON(default="{}")
    wijk = Varchar(length=60, default="")
    requested_at = Timestamptz()
    issued_at = Timestamptz(null=True, default=None)
    issued_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    withdrawn_at = Timestamptz(null=True, default=None)
