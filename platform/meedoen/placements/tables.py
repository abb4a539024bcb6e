"""Caseloads, the participatieladder and placements.

Placements and ladder records keep a small anonymous snapshot (wijk, birth year) of the
resident, so the district's participation statistics survive a resident deleting their
account: the link to the person is cut (set to null), the counts stay.
"""

from typing import Any

from piccolo.columns import Date, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")
OPPORTUNITY = LazyTableReference("Opportunity", module_path="meedoen.opportunities.tables")
ORGANISATION = LazyTableReference("Organisation", module_path="meedoen.organisations.tables")
RESIDENT = LazyTableReference("Resident", module_path="meedoen.residents.tables")


class CaseloadLink(Table):
    """A resident in a coach's caseload, with the resident's recorded consent."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, on_delete=OnDelete.cascade, index=True
    )
    coach: ForeignKey[Any] = ForeignKey(references=ACCOUNT, on_delete=OnDelete.cascade, index=True)
    consent_recorded_at = Timestamptz()
    consent_note = Text(default="")
    started_at = Timestamptz()
    ended_at = Timestamptz(null=True, default=None)
    last_contact_on = Date(null=True, default=None)


class LadderRecord(Table):
    """A rung on the participatieladder (1 geïsoleerd … 6 betaald werk) on a date.

    Indexed on (resident, recorded_on), each resident's records in date order, by a raw
    migration: Piccolo's tables cannot declare an index over two columns.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    # No index of its own: the (resident, recorded_on) index serves lookups by resident.
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, null=True, on_delete=OnDelete.set_null
    )
    rung = Integer()
    recorded_on = Date(index=True)
    occasion = Varchar(length=10, default="review")
    motivation = Text(default="")
    recorded_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    wijk = Varchar(length=60, default="")
    birth_year = Integer(null=True, default=None)
    created_at = Timestamptz()


class Placement(Table):
    """A resident placed at an opportunity (or organisation), guided by a coach.

    ``version`` implements optimistic locking: a save names the version it read and
    fails when someone else saved in between, so no update is lost silently.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, null=True, on_delete=OnDelete.set_null, index=True
    )
    coach: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null, index=True
    )
    opportunity: ForeignKey[Any] = ForeignKey(
        references=OPPORTUNITY, null=True, on_delete=OnDelete.set_null, index=True
    )
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, null=True, on_delete=OnDelete.set_null, index=True
    )
    description = Text(default="")
    kind = Varchar(length=20, index=True)
    sector = Varchar(length=60, default="")
    start_date = Date(null=True, default=None, index=True)
    planned_end_date = Date(null=True, default=None)
    hours_per_week = Integer(null=True, default=None)
    status = Varchar(length=12, default="voorgesteld", index=True)
    status_changed_on = Date(null=True, default=None)
    stop_reason = Varchar(length=30, default="")
    stop_text = Text(default="")
    next_step_kind = Varchar(length=20, default="")
    outcome_note = Text(default="")
    wijk = Varchar(length=60, default="")
    birth_year = Integer(null=True, default=None)
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class PlacementEvent(Table):
    """One step in a placement's history: who moved it from which status to which, when."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    placement = ForeignKey(references=Placement, on_delete=OnDelete.cascade, index=True)
    actor: ForeignKey[Any] = ForeignKey(references=ACCOUNT, null=True, on_delete=OnDelete.set_null)
    at = Timestamptz()
    from_status = Varchar(length=12, default="")
    to_status = Varchar(length=12)
    note = Text(default="")


class CoachNote(Table):
    """A coach's note about a resident; never shown to organisations or the resident's
    other contacts, only to coaches of that resident."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, on_delete=OnDelete.cascade, index=True
    )
    coach: ForeignKey[Any] = ForeignKey(references=ACCOUNT, null=True, on_delete=OnDelete.set_null)
    text = Text()
    created_at = Timestamptz()
