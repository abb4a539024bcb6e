"""The demo resident's path: a coach, three agreements (one overdue), a placement at the
Wijkgilde with weeks of hours (all but the last confirmed) and a proof of participation,
so every traject page shows something real."""

from __future__ import annotations

import datetime as dt

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.service import CoachCardInput, save_coach_card
from meedoen.accounts.tables import Account
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from meedoen.placements.caseload import active_coach_id
from meedoen.placements.service import PlacementDetails, create_placement
from meedoen.placements.tables import CaseloadLink
from meedoen.residents.service import own_resident
from meedoen.traject import hours, proofs, service
from meedoen.traject.tables import Agreement

RESIDENT = "bewoner@meedoen-west.example"
COACH = "coach@meedoen-west.example"
MEMBER = "wijkgilde@meedoen-west.example"
ORGANISATION = "org-001"


async def seed_traject(today: dt.date | None = None) -> bool:
    """Add the demo resident's path unless it is there; True when something was added."""
    today = today or dt.date.today()
    accounts = {
        row["email"]: row
        for row in await Account.select().where(Account.email.is_in([RESIDENT, COACH, MEMBER]))
    }
    organisation = await Organisation.objects().where(Organisation.ref == ORGANISATION).first()
    if len(accounts) < 3 or organisation is None:
        return False
    account = accounts[RESIDENT]
    resident = await own_resident(
        CurrentUser(account["id"], RESIDENT, "resident", account["display_name"], "nl")
    )
    if await Agreement.exists().where(Agreement.resident == resident.id):
        return False
    coach_id = accounts[COACH]["id"]
    await save_coach_card(
        coach_id,
        CoachCardInput(
            team="Wijkteam West, Stadsveld",
            phone="053 481 00 00",
            availability="Maandag tot en met donderdag, van 9.00 tot 17.00 uur",
        ),
    )
    if await active_coach_id(resident.id) is None:
        now = dt.datetime.now(dt.UTC)
        await CaseloadLink(
            resident=resident.id,
            coach=coach_id,
            consent_recorded_at=now,
            consent_note="Toestemming gegeven bij de intake (demo).",
            started_at=now,
        ).save()
    opportunity = (
        await Opportunity.objects()
        .where(Opportunity.organisation == organisation.id)
        .order_by(Opportunity.id)
        .first()
    )
    start = today - dt.timedelta(weeks=8)
    placement = await create_placement(
        resident,
        PlacementDetails(kind="vrijwilligerswerk", start_date=start, hours_per_week=6),
        coach_id=coach_id,
        actor_id=coach_id,
        opportunity=opportunity,
        organisation=organisation if opportunity is None else None,
        status="gestart",
    )
    for text, doer, days in (
        ("Ik ga naar de Doen-beurs in Stadsveld", "bewoner", 10),
        ("Coach belt het Wijkgilde over een vaste dag", "coach", 3),
        ("Ik schrijf mijn uren van vorige week op", "bewoner", -5),
    ):
        await service.add_agreement(
            resident, text, doer, today + dt.timedelta(days=days), author_id=coach_id
        )
    member_id = accounts[MEMBER]["id"]
    weeks = [start + dt.timedelta(weeks=n) for n in range(1, 7)]
    for number, week in enumerate(weeks):
        entry = await hours.record_hours(
            resident, hours.HoursInput(placement.ref, week, ("6", "5,5", "6", "4")[number % 4])
        )
        if number < len(weeks) - 1:
            await hours.confirm_hours(
                entry.ref, frozenset({organisation.id}), None, actor_id=member_id
            )
    proof = await proofs.ask_for_proof(resident, placement.ref)
    asked = await proofs.asked_proof(proof.ref, frozenset({organisation.id}))
    if asked is not None:
        await proofs.issue_proof(
            asked,
            asked.skill_choices[:2],
            f"{resident.first_name} hielp elke week mee en was er altijd op tijd.",
            actor_id=member_id,
        )
    return True
