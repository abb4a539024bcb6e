"""A coach's caseload: intake with consent, filters, sorting, needs attention, transfer."""

from __future__ import annotations

import datetime as dt

import pytest

from coaching.conftest import a_placement, a_resident_of, an_account
from meedoen.audit.tables import AuditEvent
from meedoen.coaching.caseload import (
    ATTENTION_ENDING,
    ATTENTION_NO_CONTACT,
    CaseloadQuery,
    IntakeError,
    TransferError,
    caseload,
    record_contact,
    transfer,
)
from meedoen.placements.caseload import active_coach_ids
from meedoen.placements.service import StatusChange, change_status
from meedoen.placements.tables import CaseloadLink
from meedoen.residents.tables import Resident


def refs(entries):  # type: ignore[no-untyped-def]
    return [e.resident_ref for e in entries]


async def test_an_intake_creates_a_resident_without_account_in_the_coachs_caseload(coach):
    resident = await a_resident_of(
        coach, first_name="Gerrit", rung=2, motivation="Komt weinig buiten."
    )

    stored = await Resident.objects().get(Resident.ref == resident.ref)
    assert stored.account is None
    assert stored.visibility == "coach"
    assert stored.ladder_rung == 2
    link = await CaseloadLink.objects().get(CaseloadLink.resident == stored.id)
    assert link.coach == coach.account_id
    assert link.consent_recorded_at is not None
    assert link.consent_note == "Mondeling toestemming gegeven bij de intake."
    assert link.last_contact_on == dt.date.today()
    assert await AuditEvent.exists().where(AuditEvent.action == "caseload.intake")


async def test_without_consent_nobody_is_taken_into_the_caseload(coach):
    with pytest.raises(IntakeError) as refused:
        await a_resident_of(coach, consent=False)

    assert "consent" in refused.value.problems
    assert await Resident.count() == 0


async def test_an_organisation_member_cannot_take_residents_in(clean_database):
    member = await an_account("organisation")

    with pytest.raises(Exception) as refused:
        await a_resident_of(member)

    assert getattr(refused.value, "status_code", None) == 403


async def test_the_caseload_lists_only_the_coachs_own_residents(coach, other_coach):
    mine = await a_resident_of(coach, first_name="Sanne")
    await a_resident_of(other_coach, first_name="Ahmed")

    assert refs(await caseload(coach.account_id)) == [mine.ref]


async def test_the_caseload_filters_on_wijk_rung_status_and_contact(coach):
    today = dt.date.today()
    anna = await a_resident_of(coach, first_name="Anna", wijk="Pathmos", rung=3, motivation="x")
    bert = await a_resident_of(coach, first_name="Bert", wijk="Stadsveld", rung=3, motivation="x")
    cees = await a_resident_of(coach, first_name="Cees", wijk="Stadsveld", rung=5, motivation="x")
    await a_placement(coach, bert)
    await record_contact(coach, cees, today - dt.timedelta(weeks=7))

    async def listed(**params: str) -> list[str]:
        return refs(await caseload(coach.account_id, CaseloadQuery.from_params(params)))

    assert await listed(wijk="Stadsveld") == [bert.ref, cees.ref]
    assert await listed(trede="3") == [anna.ref, bert.ref]
    assert await listed(status="voorgesteld") == [bert.ref]
    assert await listed(status="zonder") == [anna.ref, cees.ref]
    assert await listed(contact="lang_geleden") == [cees.ref]
    assert await listed(contact="recent", wijk="Stadsveld") == [bert.ref]
    assert await listed(wijk="Atlantis", trede="9") == [anna.ref, bert.ref, cees.ref]


async def test_the_caseload_sorts_as_the_url_says(coach):
    today = dt.date.today()
    anna = await a_resident_of(coach, first_name="Anna", rung=4, motivation="x")
    bert = await a_resident_of(coach, first_name="bert", rung=2, motivation="x")
    cees = await a_resident_of(coach, first_name="Cees", rung=6, motivation="x")
    await record_contact(coach, anna, today - dt.timedelta(days=3))
    await record_contact(coach, cees, today - dt.timedelta(days=30))

    async def order(sort: str) -> list[str]:
        return refs(await caseload(coach.account_id, CaseloadQuery.from_params({"sorteer": sort})))

    assert await order("naam") == [anna.ref, bert.ref, cees.ref]
    assert await order("trede") == [bert.ref, anna.ref, cees.ref]
    assert await order("-trede") == [cees.ref, anna.ref, bert.ref]
    assert await order("contact") == [cees.ref, anna.ref, bert.ref]
    assert await order("-contact") == [bert.ref, anna.ref, cees.ref]
    assert CaseloadQuery.from_params({"sorteer": "-trede", "trede": "4"}).as_params() == {
        "sorteer": "-trede",
        "trede": "4",
    }


async def test_needs_attention_after_six_weeks_without_contact_or_a_placement_ending_soon(coach):
    today = dt.date.today()
    quiet = await a_resident_of(coach, first_name="Stil")
    ending = await a_resident_of(coach, first_name="Eindigt")
    fine = await a_resident_of(coach, first_name="Prima")
    await record_contact(coach, quiet, today - dt.timedelta(days=43))
    placement = await a_placement(coach, ending, planned_end_date=today + dt.timedelta(days=10))
    placement = await change_status(placement.ref, StatusChange("kennismaking"), 1, actor_id=None)
    await change_status(placement.ref, StatusChange("gestart"), 2, actor_id=None)
    await a_placement(coach, fine, planned_end_date=today + dt.timedelta(days=10))  # not started

    entries = {e.resident_ref: e for e in await caseload(coach.account_id)}
    attention = refs(await caseload(coach.account_id, CaseloadQuery(attention=True)))

    assert entries[quiet.ref].attention == [ATTENTION_NO_CONTACT]
    assert entries[ending.ref].attention == [ATTENTION_ENDING]
    assert entries[fine.ref].attention == []
    assert sorted(attention) == sorted([quiet.ref, ending.ref])


async def test_a_transfer_hands_the_resident_and_open_placements_to_the_new_coach(
    coach, other_coach
):
    resident = await a_resident_of(coach)
    placement = await a_placement(coach, resident)

    name = await transfer(coach, resident, other_coach.account_id, "Verhuisd naar haar wijk.")

    assert name == "Coach Bram"
    assert await active_coach_ids(resident.id) == {other_coach.account_id}
    assert refs(await caseload(coach.account_id)) == []
    assert refs(await caseload(other_coach.account_id)) == [resident.ref]
    new_link = await CaseloadLink.objects().get(
        (CaseloadLink.coach == other_coach.account_id) & (CaseloadLink.resident == resident.id)
    )
    assert "Overgedragen door Coach Fatima" in new_link.consent_note
    assert new_link.consent_recorded_at is not None
    from meedoen.placements.tables import Placement

    moved = await Placement.objects().get(Placement.ref == placement.ref)
    assert moved.coach == other_coach.account_id


async def test_a_resident_can_only_be_transferred_to_another_coach(coach, other_coach):
    resident = await a_resident_of(coach)
    member = await an_account("organisation")

    for target in (member.account_id, coach.account_id, 999_999):
        with pytest.raises(TransferError):
            await transfer(coach, resident, target)
    assert await active_coach_ids(resident.id) == {coach.account_id}
