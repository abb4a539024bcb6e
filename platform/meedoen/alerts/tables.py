"""Saved searches and what their alerts already sent."""

from typing import Any

from piccolo.columns import ForeignKey, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ACCOUNT = LazyTableReference("Account", module_path="meedoen.accounts.tables")


class SavedSearch(Table):
    """A search from ``/kansen`` that a resident wants to hear about by e-mail.

    ``query`` is the search as URL query pairs (``q=koken&wijk=Pathmos``), parsed again
    when the alert runs, so a vocabulary change never breaks a stored search.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    account: ForeignKey[Any] = ForeignKey(
        references=ACCOUNT, on_delete=OnDelete.cascade, index=True
    )
    query = Text(default="")
    frequency = Varchar(length=10, default="weekly")
    created_at = Timestamptz()
    next_due_at = Timestamptz(index=True)
    last_sent_at = Timestamptz(null=True, default=None)


class SentAlertItem(Table):
    """An opportunity an alert already mentioned: never mention it again."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    saved_search = ForeignKey(references=SavedSearch, on_delete=OnDelete.cascade, index=True)
    opportunity_ref = Varchar(length=40, index=True)
    sent_at = Timestamptz()
