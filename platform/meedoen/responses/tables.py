"""A resident's response ("Ik wil meedoen") to an opportunity, and the conversation on it."""

from typing import Any

from piccolo.columns import Array, Boolean, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")
OPPORTUNITY = LazyTableReference("Opportunity", module_path="meedoen.opportunities.tables")
RESIDENT = LazyTableReference("Resident", module_path="meedoen.residents.tables")


class Response(Table):
    """What the resident sent and chose to share, and the status the organisation set.

    ``shared`` lists what the resident chose to share (e.g. ``first_name``, ``email``,
    ``phone``, ``profile``, ``cv``); the organisation sees only those parts. When the
    resident deletes their account the personal parts are erased and the resident link
    is cut, the row stays for anonymous counts. At most one response per opportunity
    and resident is not withdrawn: a partial unique index holds that (see migrations).
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    opportunity: ForeignKey[Any] = ForeignKey(
        references=OPPORTUNITY, on_delete=OnDelete.cascade, index=True
    )
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, null=True, on_delete=OnDelete.set_null, index=True
    )
    message = Text(default="")
    shared = Array(base_column=Varchar(length=20))
    contact_email = Varchar(length=254, default="")
    contact_phone = Varchar(length=30, default="")
    # What the resident shared (first name, profile) as it was when they responded, as
    # JSON: the organisation sees this, never the live profile; emptied on withdrawal.
    snapshot = Text(default="")
    status = Varchar(length=14, default="nieuw", index=True)
    status_changed_at = Timestamptz()
    created_at = Timestamptz()
    updated_at = Timestamptz()


class GuardianConsent(Table):
    """A response (or meeting sign-up) of a resident under 16, waiting for a parent's or
    guardian's yes.

    The organisation sees nothing of it: only the confirmation creates the ``Response``
    (``response``). Only the SHA-256 of the mailed link is stored; the link expires.
    Deleting the resident deletes what waits.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    opportunity: ForeignKey[Any] = ForeignKey(
        references=OPPORTUNITY, null=True, on_delete=OnDelete.cascade, index=True
    )
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, on_delete=OnDelete.cascade, index=True
    )
    message = Text(default="")
    shared = Array(base_column=Varchar(length=20))
    contact_email = Varchar(length=254, default="")
    contact_phone = Varchar(length=30, default="")
    guardian_email = Varchar(length=254)
    token_hash = Varchar(length=64, unique=True, index=True)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    confirmed_at = Timestamptz(null=True, default=None)
    response = ForeignKey(references=Response, null=True, on_delete=OnDelete.set_null)
    # A sign-up for a meeting waits here the same way (``meeting_ref`` set, no
    # ``opportunity``): the meetings domain makes the sign-up only once confirmed.
    meeting_ref = Varchar(length=40, default="")
    slot_id = Integer(null=True, default=None)
    with_coach = Boolean(default=False)
    # A coach who signs up a resident of their caseload: who, and the resident's consent
    # as the coach wrote it down; both go to the sign-up once the parent said yes.
    signed_up_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    consent_note = Text(default="")


class ResponseMessage(Table):
    """A reply in the conversation about a response (organisation or resident)."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    response = ForeignKey(references=Response, on_delete=OnDelete.cascade, index=True)
    author: ForeignKey[Any] = ForeignKey(references=ACCOUNT, null=True, on_delete=OnDelete.set_null)
    author_side = Varchar(length=12)
    text = Text()
    created_at = Timestamptz()


class Proposal(Table):
    """An organisation suggests one of its opportunities to a findable resident.

    The resident decides: they respond as to any opportunity, or let it be. One proposal
    per opportunity and resident; deleting the resident deletes their proposals.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    opportunity: ForeignKey[Any] = ForeignKey(
        references=OPPORTUNITY, on_delete=OnDelete.cascade, index=True
    )
    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, on_delete=OnDelete.cascade, index=True
    )
    proposed_by: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, null=True, on_delete=OnDelete.set_null
    )
    message = Text(default="")
    created_at = Timestamptz(index=True)
