"""An organisation's own postings, as its pages list them, and closing expired ones.

The organisations domain shows these on its dashboard and public profile; it asks here
because the postings are this domain's rows (saving goes through ``service``).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from meedoen.opportunities.service import set_status
from meedoen.opportunities.tables import Opportunity

log = logging.getLogger(__name__)


async def postings(organisation_id: int) -> list[dict[str, Any]]:
    """Every posting of the organisation, the most recently changed first."""
    return (
        await Opportunity.select()
        .where(Opportunity.organisation == organisation_id)
        .order_by(Opportunity.updated_at, ascending=False)
        .run()
    )


async def posting_choices(organisation_id: int) -> list[tuple[str, str]]:
    """(ref, title) of the organisation's postings, for a filter: the newest first."""
    rows = (
        await Opportunity.select(Opportunity.ref, Opportunity.title)
        .where(Opportunity.organisation == organisation_id)
        .order_by(Opportunity.updated_at, ascending=False)
        .run()
    )
    return [(row["ref"], row["title"]) for row in rows]


async def posting_of(organisation_id: int, ref: str) -> dict[str, Any] | None:
    """The posting ``ref`` if it belongs to this organisation; another's is None (404)."""
    if not ref or len(ref) > 40:
        return None
    return (
        await Opportunity.select()
        .where((Opportunity.ref == ref) & (Opportunity.organisation == organisation_id))
        .first()
        .run()
    )


async def current_open_postings(organisation_id: int) -> list[dict[str, Any]]:
    """The organisation's open postings whose end date has not passed, by title."""
    today = dt.date.today()
    rows = (
        await Opportunity.select()
        .where((Opportunity.organisation == organisation_id) & (Opportunity.status == "open"))
        .order_by(Opportunity.title)
        .run()
    )
    return [r for r in rows if r["end_date"] is None or r["end_date"] >= today]


async def close_expired_postings(today: dt.date | None = None) -> int:
    """Close open postings whose end date has passed; returns how many. The scheduler
    calls this now and then; each close goes through the outbox like any other change.

    Only the status changes, each posting on its own: one that fails (or would not pass
    today's checks) is logged and the others are still closed.
    """
    today = today or dt.date.today()
    rows = (
        await Opportunity.select(Opportunity.ref)
        .where((Opportunity.status == "open") & (Opportunity.end_date < today))
        .run()
    )
    closed = 0
    for row in rows:
        try:
            closed += await set_status(row["ref"], "gesloten")
        except Exception as error:  # one bad posting must not stop the others
            log.warning("could not close %s: %s: %s", row["ref"], type(error).__name__, error)
    return closed
