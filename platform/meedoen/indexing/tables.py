from piccolo.columns import BigSerial, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class OutboxEvent(Table):
    """A change that the search index must follow.

    Written in the same transaction as the change itself, so the index can never
    miss one; a worker drains the table and deletes what it has applied. A change that
    keeps failing by itself is parked (``parked_at``) with its error, for an administrator.
    """

    id = BigSerial(primary_key=True)
    entity = Varchar(length=20, index=True)
    ref = Varchar(length=40)  # type: ignore[assignment]  # shadows the unused Table.ref()
    action = Varchar(length=10)
    created_at = Timestamptz()
    attempts = Integer(default=0)
    last_error = Text(default="")
    claimed_by = Varchar(length=36, default="")
    claimed_until = Timestamptz(null=True, default=None, index=True)
    # Set when the change kept failing on its own: no worker takes it again until an
    # administrator asks for a retry (``/beheer/zoekindex``); ``last_error`` says why.
    parked_at = Timestamptz(null=True, default=None)
    # Part of bulk work (an import, a rebuild): workers take single changes first, so a
    # posting someone just published is not queued behind 100,000 others.
    bulk = Boolean(default=False)
