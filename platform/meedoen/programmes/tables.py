"""Programmes: a techniek-programma, a zomerschool or a jongerenwerk traject that groups
meetings and kansen of several organisations for one target group, with its own goal.

An organisation owns a programme; an administrator publishes it. Other organisations ask
to join and the owner (or an administrator) accepts; members attach their own meetings
and kansen. Nothing here is about a person: the reach is counted from the owning
domains (events, responses, placements) when it is shown.
"""

from typing import Any

from piccolo.columns import Date, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Another domain's table, referred to by name (see docs/architecture.md).
ORGANISATION = LazyTableReference("Organisation", module_path="meedoen.organisations.tables")


class Programme(Table):
    """A programme with its own page and goal.

    ``status``: concept → ter_goedkeuring (the owner asks) → gepubliceerd (an
    administrator approves) → beeindigd. ``goal_measure`` says what ``goal_target``
    counts: young people reached, meetings held, stages or jobs.
    """

    id: Serial
    ref = Varchar(length=80, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    name = Varchar(length=120)
    summary = Text(default="")
    target_group = Varchar(length=200, default="")
    age_min = Integer(null=True, default=None)
    age_max = Integer(null=True, default=None)
    starts_on = Date(null=True, default=None)
    ends_on = Date(null=True, default=None)
    goal_target = Integer(default=0)
    goal_measure = Varchar(length=20, default="jongeren")
    owner: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    status = Varchar(length=16, default="concept", index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ProgrammeMember(Table, tablename="programme_member"):
    """An organisation taking part in a programme: ``aangevraagd`` until the owner or an
    administrator accepts (``geaccepteerd``). ``member_key`` (programme id and
    organisation id) makes one row per organisation, so a repeated request is refused by
    the database. The owner is a member from the start."""

    id: Serial
    programme = ForeignKey(references=Programme, on_delete=OnDelete.cascade, index=True)
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    member_key = Varchar(length=40, unique=True)
    status = Varchar(length=12, default="aangevraagd", index=True)
    created_at = Timestamptz()
    decided_at = Timestamptz(null=True, default=None)


class ProgrammeItem(Table, tablename="programme_item"):
    """A meeting (``activiteit``) or kans of a member organisation attached to a
    programme, by the item's ref. ``item_key`` (programme, kind, ref) holds one row per
    item."""

    id: Serial
    programme = ForeignKey(references=Programme, on_delete=OnDelete.cascade, index=True)
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    kind = Varchar(length=12)
    item_ref = Varchar(length=40, index=True)
    item_key = Varchar(length=80, unique=True)
    created_at = Timestamptz()
