"""Meetings, their time slots, sign-ups, stands at a fair and the contacts made there.

Sign-ups and contacts keep a small anonymous snapshot (wijk, birth year, first visit),
so the district's meeting figures survive a resident deleting their account or a guest's
details being erased 90 days after the meeting: the link to the person is cut, the
counts stay. Several rules are held by the database itself: a slot never holds more
people than its capacity (``taken`` is raised by one conditional UPDATE, and a check
refuses anything above ``capacity``), one active sign-up per person per meeting
(``active_key``), one stand per organisation per fair (``stand_key``) and one contact
per stand and visitor (``contact_key``).
"""

from typing import Any

from piccolo.columns import (
    Array,
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

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")
OPPORTUNITY = LazyTableReference("Opportunity", module_path="meedoen.opportunities.tables")
ORGANISATION = LazyTableReference("Organisation", module_path="meedoen.organisations.tables")
RESIDENT = LazyTableReference("Resident", module_path="meedoen.residents.tables")


class Meeting(Table):
    """A Doen-beurs, open dag, bedrijfsbezoek, meeloopdag, informatiebijeenkomst or workshop.

    Public once ``status`` is ``gepubliceerd`` and its organiser is verified and not
    blocked. ``starts_at``/``ends_at`` are the first slot's start and the last slot's
    end, kept here so lists and the index need no join.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    kind = Varchar(length=30, index=True)
    title = Varchar(length=200)
    description = Text(default="")
    organiser: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    status = Varchar(length=14, default="concept", index=True)
    place_name = Varchar(length=200, default="")
    address = Varchar(length=200, default="")
    postcode = Varchar(length=10, default="")
    wijk = Varchar(length=60, default="", index=True)
    directions = Text(default="")
    accessibility = Array(base_column=Varchar(length=30))
    accessibility_note = Text(default="")
    languages = Array(base_column=Varchar(length=10))
    cost_cents = Integer(default=0)
    cost_note = Varchar(length=200, default="")
    suitable_for = Array(base_column=Varchar(length=30))
    open_entry = Boolean(default=False)
    groups_welcome = Boolean(default=False)
    has_stands = Boolean(default=False)
    floor_plan_file = Varchar(length=64, default="")
    floor_plan_alt = Text(default="")
    starts_at = Timestamptz(null=True, default=None, index=True)
    ends_at = Timestamptz(null=True, default=None, index=True)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class MeetingSlot(Table):
    """A time slot of a meeting. ``capacity`` None is open entry (no limit)."""

    id: Serial

    meeting = ForeignKey(references=Meeting, on_delete=OnDelete.cascade, index=True)
    starts_at = Timestamptz(index=True)
    ends_at = Timestamptz()
    capacity = Integer(null=True, default=None)
    taken = Integer(default=0)


class SignUp(Table, tablename="meeting_signup"):
    """Someone coming to a meeting: a resident with an account (or signed up by their
    coach), a guest with only a name and a phone number or e-mail, or a group with a
    count and a contact person (no data about its members).

    ``seats`` is what the sign-up takes of the slot (a group its size; "ik kom met
    mijn coach" two). ``active_key`` is set while the sign-up is active and makes a
    second active sign-up of the same person for the same meeting impossible.
    """

    id: Serial

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    meeting = ForeignKey(references=Meeting, on_delete=OnDelete.cascade, index=True)
    slot = ForeignKey(references=MeetingSlot, on_delete=OnDelete.cascade, index=True)
    status = Varchar(length=12, default="aangemeld", index=True)
    seats = Integer(default=1)
    active_key = Varchar(length=120, null=True, default=None, unique=True)
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, null=True, on_delete=OnDelete.set_null, index=True
    )
    guest_name = Varchar(length=120, default="")
    guest_email = Varchar(length=254, default="", index=True)
    guest_phone = Varchar(length=30, default="")
    language = Varchar(length=2, default="nl")
    group_name = Varchar(length=120, default="")
    group_size = Integer(default=0)
    group_organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, null=True, on_delete=OnDelete.set_null
    )
    with_coach = Boolean(default=False)
    signed_up_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    consent_note = Text(default="")
    consent_recorded_at = Timestamptz(null=True, default=None)
    visitor_code = Varchar(length=12, default="", index=True)
    walk_in = Boolean(default=False)
    checked_in_at = Timestamptz(null=True, default=None)
    first_visit = Boolean(null=True, default=None)
    wijk = Varchar(length=60, default="")
    birth_year = Integer(null=True, default=None)
    reminded_at = Timestamptz(null=True, default=None)
    followed_up_at = Timestamptz(null=True, default=None)
    erase_after = Date(null=True, default=None, index=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    cancelled_at = Timestamptz(null=True, default=None)


class Stand(Table, tablename="meeting_stand"):
    """An organisation's stand at a fair: applied for, then accepted (with a number) or
    refused (with a reason)."""

    id: Serial

    meeting = ForeignKey(references=Meeting, on_delete=OnDelete.cascade, index=True)
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    stand_key = Varchar(length=60, unique=True)
    number_key = Varchar(length=60, null=True, default=None, unique=True)
    status = Varchar(length=12, default="aangevraagd", index=True)
    number = Varchar(length=10, default="")
    note = Text(default="")
    refusal_reason = Text(default="")
    applied_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    decided_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    decided_at = Timestamptz(null=True, default=None)


class Contact(Table, tablename="meeting_contact"):
    """ "We spraken elkaar": an organisation at a stand met a visitor.

    The organisation follows up only when the visitor agreed (``follow_up_consent``).
    ``response_on``/``placement_on`` link the contact to a response or placement at
    that organisation within 90 days, with the kind of kans as a snapshot.
    """

    id: Serial

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    meeting = ForeignKey(references=Meeting, on_delete=OnDelete.cascade, index=True)
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    signup = ForeignKey(references=SignUp, null=True, on_delete=OnDelete.set_null, index=True)
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, null=True, on_delete=OnDelete.set_null, index=True
    )
    contact_key = Varchar(length=60, null=True, default=None, unique=True)
    visitor_name = Varchar(length=120, default="")
    note = Text(default="")
    follow_up_consent = Boolean(default=False)
    recorded_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    follow_up = Varchar(length=20, default="")
    follow_up_opportunity: ForeignKey[Any] = ForeignKey(
        references=OPPORTUNITY, null=True, on_delete=OnDelete.set_null
    )
    follow_up_note = Text(default="")
    followed_up_at = Timestamptz(null=True, default=None)
    response_on = Date(null=True, default=None)
    response_kind = Varchar(length=20, default="")
    placement_on = Date(null=True, default=None)
    placement_kind = Varchar(length=20, default="")
    wijk = Varchar(length=60, default="")
    created_at = Timestamptz()
