"""Responses in the caseload: what waits for the coach, and what stays between resident and
organisation."""

from __future__ import annotations

import datetime as dt

from coaching.conftest import a_resident_of, as_user
from meedoen.coaching.caseload import ATTENTION_RESPONSE, CaseloadQuery, caseload
from meedoen.placements.service import start_placement_from_response
from meedoen.responses.for_coaches import (
    WAITING_ON_INVITATION,
    WAITING_ON_ORGANISATION,
    responses_for_coach,
)
from meedoen.responses.service import NewResponse, create_response, set_status, withdraw
from meedoen.responses.tables import Response
from residents.conftest import an_opportunity


async def a_response_of(resident, opportunity, days_ago: int = 0, message: str = "Graag!"):  # type: ignore[no-untyped-def]
    response = await create_response(
        NewResponse(
            opportunity_id=opportunity.id,
            resident_id=resident.id,
            message=message,
            shared=("first_name",),
        )
    )
    if days_ago:
        sent = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        await Response.update({Response.created_at: sent}).where(Response.id == response.id)
    return response


def attention_of(entries, resident):  # type: ignore[no-untyped-def]
    return next(e.attention for e in entries if e.resident_ref == resident.ref)


async def test_a_response_unanswered_for_a_week_needs_the_coachs_attention(coach):
    waiting = await a_resident_of(coach, first_name="Wacht")
    recent = await a_resident_of(coach, first_name="Vers")
    await a_response_of(waiting, await an_opportunity(), days_ago=8)
    await a_response_of(recent, await an_opportunity(), days_ago=2)

    entries = await caseload(coach.account_id)
    flagged = await caseload(coach.account_id, CaseloadQuery(attention=True))

    assert ATTENTION_RESPONSE in attention_of(entries, waiting)
    assert ATTENTION_RESPONSE not in attention_of(entries, recent)
    assert waiting.ref in [e.resident_ref for e in flagged]
    [view] = await responses_for_coach([waiting.id])
    assert view.waiting_reason == WAITING_ON_ORGANISATION


async def test_an_invitation_waits_until_a_placement_follows_it(coach):
    resident = await a_resident_of(coach)
    opportunity = await an_opportunity()
    response = await a_response_of(resident, opportunity)

    await set_status(response.id, "uitgenodigd")
    [invited] = await responses_for_coach([resident.id])
    assert invited.waiting_reason == WAITING_ON_INVITATION
    assert ATTENTION_RESPONSE in attention_of(await caseload(coach.account_id), resident)

    await start_placement_from_response(
        resident_id=resident.id, opportunity_id=opportunity.id, actor_id=None
    )
    [placed] = await responses_for_coach([resident.id])
    assert placed.waiting_reason is None
    assert ATTENTION_RESPONSE not in attention_of(await caseload(coach.account_id), resident)


async def test_answered_and_withdrawn_responses_do_not_wait(coach):
    resident = await a_resident_of(coach)
    answered = await a_response_of(resident, await an_opportunity(), days_ago=20)
    withdrawn = await a_response_of(resident, await an_opportunity(), days_ago=20)
    await set_status(answered.id, "in_contact")
    await withdraw(withdrawn.id)

    views = await responses_for_coach([resident.id])

    assert [v.ref for v in views] == [answered.ref]
    assert views[0].waiting_reason is None
    assert ATTENTION_RESPONSE not in attention_of(await caseload(coach.account_id), resident)


async def test_the_file_shows_the_responses_but_never_what_the_resident_wrote(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("coach")
    resident = await a_resident_of(as_user(account))
    opportunity = await an_opportunity(title="Koken bij De Zwering")
    await a_response_of(resident, opportunity, days_ago=9, message="Mijn eigen verhaal 7731")

    page = (await client.get(f"/coach/bewoners/{resident.ref}")).text

    assert "Koken bij De Zwering" in page
    assert "De organisatie heeft na een week nog niet gereageerd" in page
    assert "Mijn eigen verhaal 7731" not in page


async def test_another_coach_sees_nothing_of_the_responses(client, clean_database, signed_in_as):
    owner = await signed_in_as("coach")
    resident = await a_resident_of(as_user(owner))
    await a_response_of(resident, await an_opportunity(title="Fietsenmaker gezocht"), days_ago=9)

    await signed_in_as("coach")  # another coach, without this resident in the caseload
    answer = await client.get(f"/coach/bewoners/{resident.ref}")

    assert answer.status_code in (403, 404)
    assert "Fietsenmaker gezocht" not in answer.text
