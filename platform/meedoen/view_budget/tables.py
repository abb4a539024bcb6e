from piccolo.columns import Date, Integer, Serial, Timestamptz, Varchar
from piccolo.table import Table


class ResidentSighting(Table):
    """That an account saw a resident's data on a day, counted once per day.

    ``key`` is ``<account id>:<resident ref>:<day>``; its unique index makes "seen
    before today?" and "count it" one statement. Rows of earlier days are purged, and a
    deleted resident's rows go with them.
    """

    id: Serial

    key = Varchar(length=80, unique=True)
    account_id = Integer(index=True)
    resident_ref = Varchar(length=40, index=True)
    day = Date(index=True)
    seen_at = Timestamptz()


class BudgetAlert(Table):
    """An account came near (or past) its daily budget: shown to administrators."""

    id: Serial

    key = Varchar(length=40, unique=True)  # <account id>:<day>
    account_id = Integer(index=True)
    day = Date(index=True)
    seen = Integer(default=0)
    """Distinct residents seen that day when the alert was last raised."""
    refused = Integer(default=0)
    """Views refused that day because the budget was spent."""
    updated_at = Timestamptz()
