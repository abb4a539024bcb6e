"""Responses as a coach sees them: which of a caseload's responses wait for someone.

A coach does not read the conversation between resident and organisation (that stays
between the two); the coach sees which opportunity, its status, and whether it waits:
an organisation that has not answered within a week can be chased, and an invitation
is the moment to help the resident prepare.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meedoen.i18n import N_
from meedoen.placements.service import placed_pairs
from meedoen.responses.tables import Response

UNANSWERED_AFTER = dt.timedelta(days=7)
WAITING_ON_ORGANISATION = N_("De organisatie heeft na een week nog niet gereageerd")
WAITING_ON_INVITATION = N_("Uitgenodigd: help met voorbereiden")


@dataclass(frozen=True)
class CoachResponseView:
    """One response of a resident in the caseload, without its message or contact data."""

    resident_id: int
    ref: str
    opportunity_ref: str
    opportunity_title: str
    organisation_name: str
    status: str
    created_at: dt.datetime
    waiting_reason: str | None
    """Dutch msgid when the response waits for action, else ``None``."""


async def responses_for_coach(
    resident_ids: list[int], now: dt.datetime | None = None
) -> list[CoachResponseView]:
    """The residents' responses that are not withdrawn, newest first."""
    if not resident_ids:
        return []
    now = now or dt.datetime.now(dt.UTC)
    rows = await (
        Response.select(
            Response.resident,
            Response.ref,
            Response.opportunity,
            Response.opportunity.ref.as_alias("opportunity_ref"),
            Response.opportunity.title.as_alias("opportunity_title"),
            Response.opportunity._.organisation._.name.as_alias("organisation_name"),
            Response.status,
            Response.created_at,
        )
        .where(Response.resident.is_in(resident_ids) & (Response.status != "ingetrokken"))
        .order_by(Response.created_at, ascending=False)
        .run()
    )
    placed = await placed_pairs(resident_ids)
    return [
        CoachResponseView(
            resident_id=row["resident"],
            ref=row["ref"],
            opportunity_ref=row["opportunity_ref"],
            opportunity_title=row["opportunity_title"],
            organisation_name=row["organisation_name"],
            status=row["status"],
            created_at=row["created_at"],
            waiting_reason=_waiting_reason(
                row, (row["resident"], row["opportunity"]) in placed, now
            ),
        )
        for row in rows
    ]


async def residents_with_waiting_response(resident_ids: list[int]) -> set[int]:
    """Of these residents, those with at least one response that waits for action."""
    views = await responses_for_coach(resident_ids)
    return {view.resident_id for view in views if view.waiting_reason}


def _waiting_reason(row: dict, has_placement: bool, now: dt.datetime) -> str | None:
    if has_placement:  # the coach is already working on it through the placement
        return None
    if row["status"] == "uitgenodigd":
        return WAITING_ON_INVITATION
    created = row["created_at"]
    if created.tzinfo is None:  # SQLite hands back naive UTC timestamps
        created = created.replace(tzinfo=dt.UTC)
    if row["status"] == "nieuw" and now - created > UNANSWERED_AFTER:
        return WAITING_ON_ORGANISATION
    return None
