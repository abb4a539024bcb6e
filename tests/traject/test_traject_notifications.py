"""Who hears what: the organisation when a proof is asked, the resident when it is ready,
and an organisation's members once a month when hours have waited for them."""

from __future__ import annotations

import datetime as dt

from meedoen.notifications.tables import Notification
from meedoen.traject import hours, proofs
from traject.conftest import a_placed_resident


async def kinds_for(account_id: int) -> list[str]:
    rows = await Notification.select(Notification.kind).where(Notification.account == account_id)
    return [row["kind"] for row in rows]


async def test_the_organisation_hears_of_a_request_and_the_resident_of_the_proof(
    clean_database, settings
):
    placed = await a_placed_resident()
    proof = await proofs.ask_for_proof(placed.resident, placed.placement.ref, settings)
    assert await kinds_for(placed.member.id) == ["proof_requested"]
    assert await kinds_for(placed.other_member.id) == []

    asked = await proofs.asked_proof(proof.ref, frozenset({placed.organisation["id"]}))
    assert asked is not None
    assert await proofs.issue_proof(
        asked, ["samenwerken"], "Zoë hielp mee.", actor_id=placed.member.id, settings=settings
    )
    assert await kinds_for(placed.resident_account.id) == ["proof_issued"]


async def test_waiting_hours_bring_one_reminder_a_month(clean_database, settings):
    placed = await a_placed_resident()
    now = dt.datetime.now(dt.UTC)
    fresh = await hours.record_hours(
        placed.resident, hours.HoursInput(placed.placement.ref, now.date(), "2")
    )
    assert await hours.remind_organisations(settings, now) == 0  # a week has not passed
    await hours.record_hours(
        placed.resident,
        hours.HoursInput(placed.placement.ref, now.date() - dt.timedelta(days=14), "3"),
    )
    assert await hours.remind_organisations(settings, now) == 1
    assert await hours.remind_organisations(settings, now + dt.timedelta(days=1)) == 0
    assert await kinds_for(placed.member.id) == ["hours_waiting"]
    assert await kinds_for(placed.other_member.id) == []
    assert fresh.status == "wacht"
