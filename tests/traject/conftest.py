"""Helpers for the traject specifications: a resident with an account, a coach and an
organisation where they have been placed for some weeks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coaching.conftest import an_account
from meedoen.accounts.current_user import CurrentUser
from meedoen.opportunities.tables import Opportunity
from meedoen.placements.service import PlacementDetails, create_placement
from meedoen.placements.tables import CaseloadLink
from organisations.conftest import a_resident, organisation_of, posting_of
from support.auth import make_account

SKILLS = ["klantvriendelijk", "samenwerken", "nauwkeurig"]


@dataclass
class Placed:
    resident_account: Any
    resident: Any
    coach: CurrentUser
    member: Any
    other_member: Any
    organisation: dict[str, Any]
    placement: Any


async def in_caseload(resident_id: int, coach: CurrentUser) -> None:
    now = dt.datetime.now(dt.UTC)
    await CaseloadLink(
        resident=resident_id,
        coach=coach.account_id,
        consent_recorded_at=now,
        consent_note="Mondeling toestemming gegeven.",
        started_at=now,
    ).save()


async def a_placed_resident(
    first_name: str = "Zoë",
    *,
    weeks_ago: int = 5,
    coach_name: str = "Coach Fatima",
    coach: CurrentUser | None = None,
) -> Placed:
    """A resident with an account and a coach (``coach``, else a new one who never signs
    in), placed ``weeks_ago`` at a posting (with skills) of an organisation; another
    organisation's member for the refusals."""
    member = await make_account("organisation", display_name="Lid Buurthuis")
    other_member = await make_account("organisation", display_name="Lid Anders")
    posting_ref = await posting_of(
        member, title="Gastvrouw in het buurthuis", kind="vrijwilligerswerk", skills=SKILLS
    )
    opportunity = await Opportunity.objects().where(Opportunity.ref == posting_ref).first()
    resident_account, resident = await a_resident(first_name)
    coach = coach or await an_account("coach", coach_name)
    await in_caseload(resident.id, coach)
    placement = await create_placement(
        resident,
        PlacementDetails(
            kind="vrijwilligerswerk",
            start_date=dt.date.today() - dt.timedelta(weeks=weeks_ago),
            hours_per_week=6,
        ),
        coach_id=coach.account_id,
        actor_id=coach.account_id,
        opportunity=opportunity,
        status="gestart",
    )
    return Placed(
        resident_account=resident_account,
        resident=resident,
        coach=coach,
        member=member,
        other_member=other_member,
        organisation=await organisation_of(member),
        placement=placement,
    )
