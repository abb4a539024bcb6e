"""Placements move through voorgesteld → kennismaking → gestart → afgerond | gestopt; each
step is recorded, wrong steps are refused with a clear message, and no save is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from coaching.conftest import a_placement, a_resident_of
from meedoen.placements.service import (
    PlacementConflict,
    PlacementDetails,
    PlacementError,
    StatusChange,
    change_status,
    events_of,
    get_placement,
    start_placement_from_response,
    update_details,
)
from meedoen.placements.tables import Placement, PlacementEvent


async def test_a_placement_moves_through_the_pipeline_and_each_step_is_recorded(coach):
    resident = await a_resident_of(coach, wijk="Pathmos", birth_year=1988)
    placement = await a_placement(coach, resident)

    placement = await change_status(
        placement.ref, StatusChange("kennismaking"), 1, actor_id=coach.account_id
    )
    placement = await change_status(
        placement.ref, StatusChange("gestart"), 2, actor_id=coach.account_id
    )
    placement = await change_status(
        placement.ref,
        StatusChange(
            "afgerond",
            next_step_kind="leerwerkplek",
            outcome_note="Door naar de leerwerkplek in de keuken.",
        ),
        3,
        actor_id=coach.account_id,
    )

    assert placement.status == "afgerond"
    assert placement.next_step_kind == "leerwerkplek"
    assert placement.version == 4
    assert (placement.wijk, placement.birth_year) == ("Pathmos", 1988)
    events = await events_of(placement.id)
    assert [(e["from_status"], e["to_status"]) for e in reversed(events)] == [
        ("", "voorgesteld"),
        ("voorgesteld", "kennismaking"),
        ("kennismaking", "gestart"),
        ("gestart", "afgerond"),
    ]
    assert {e["actor_name"] for e in events} == {"Coach Fatima"}


@pytest.mark.parametrize(
    ("steps", "wrong", "says"),
    [
        ([], "afgerond", "Van voorgesteld naar afgerond kan niet. Wel kan: kennismaking, gestopt."),
        ([], "gestart", "Van voorgesteld naar gestart kan niet."),
        (["kennismaking"], "voorgesteld", "Van kennismaking naar voorgesteld kan niet."),
        (["kennismaking", "gestart", "afgerond"], "gestart", "de status kan niet meer veranderen"),
        ([], "verzonnen", "Deze status bestaat niet."),
    ],
)
async def test_a_wrong_step_is_refused_with_a_clear_message(coach, steps, wrong, says):
    placement = await a_placement(coach, await a_resident_of(coach))
    for number, step in enumerate(steps, start=1):
        extra = {"next_step_kind": "geen"} if step == "afgerond" else {}
        placement = await change_status(
            placement.ref, StatusChange(step, **extra), number, actor_id=None
        )

    with pytest.raises(PlacementError) as refused:
        await change_status(placement.ref, StatusChange(wrong), placement.version, actor_id=None)

    assert says in refused.value.message
    unchanged = await get_placement(placement.ref)
    assert unchanged is not None and unchanged.version == placement.version


async def test_stopping_needs_a_reason_from_the_list_and_text_for_anders(coach):
    placement = await a_placement(coach, await a_resident_of(coach))

    with pytest.raises(PlacementError, match="waarom"):
        await change_status(
            placement.ref, StatusChange("gestopt", stop_reason="verveling"), 1, actor_id=None
        )
    with pytest.raises(PlacementError, match="waarom"):
        await change_status(
            placement.ref, StatusChange("gestopt", stop_reason="anders"), 1, actor_id=None
        )
    stopped = await change_status(
        placement.ref,
        StatusChange("gestopt", stop_reason="gezondheid", stop_text="Rugklachten."),
        1,
        actor_id=None,
    )

    assert (stopped.status, stopped.stop_reason, stopped.stop_text) == (
        "gestopt",
        "gezondheid",
        "Rugklachten.",
    )


async def test_finishing_needs_a_next_step(coach):
    placement = await a_placement(coach, await a_resident_of(coach))
    placement = await change_status(placement.ref, StatusChange("kennismaking"), 1, actor_id=None)
    placement = await change_status(placement.ref, StatusChange("gestart"), 2, actor_id=None)

    with pytest.raises(PlacementError, match="vervolgstap"):
        await change_status(placement.ref, StatusChange("afgerond"), 3, actor_id=None)


async def test_two_saves_from_the_same_version_the_second_gets_a_conflict_and_the_first_stays(
    coach, other_coach
):
    placement = await a_placement(coach, await a_resident_of(coach), hours_per_week=8)
    read_by_both = placement.version
    first = PlacementDetails(
        kind="vrijwilligerswerk",
        description="Gastvrouw, ook op zaterdag",
        start_date=placement.start_date,
        planned_end_date=placement.planned_end_date,
        hours_per_week=12,
    )
    second = PlacementDetails(
        kind="stage",
        description="Gastvrouw in het buurthuis",
        start_date=placement.start_date,
        planned_end_date=placement.planned_end_date,
        hours_per_week=4,
    )

    await update_details(placement.ref, first, read_by_both, actor_id=coach.account_id)
    with pytest.raises(PlacementConflict) as conflict:
        await update_details(placement.ref, second, read_by_both, actor_id=other_coach.account_id)

    stored = await Placement.objects().get(Placement.ref == placement.ref)
    assert (stored.hours_per_week, stored.kind, stored.description) == (
        12,
        "vrijwilligerswerk",
        "Gastvrouw, ook op zaterdag",
    )
    assert stored.version == read_by_both + 1
    differences = {label: (yours, current) for label, yours, current in conflict.value.differences}
    assert differences["Uren per week"] == ("4", "12")
    assert differences["Soort"] == ("stage", "vrijwilligerswerk")
    assert conflict.value.last_change is not None
    assert conflict.value.last_change["actor_name"] == "Coach Fatima"
    assert await PlacementEvent.count().where(PlacementEvent.placement == stored.id) == 2


async def test_a_status_change_from_a_stale_version_is_a_conflict_too(coach):
    placement = await a_placement(coach, await a_resident_of(coach))
    await change_status(placement.ref, StatusChange("kennismaking"), 1, actor_id=None)

    with pytest.raises(PlacementConflict) as conflict:
        await change_status(
            placement.ref, StatusChange("gestopt", stop_reason="motivatie"), 1, actor_id=None
        )

    assert conflict.value.current["status"] == "kennismaking"
    assert ("Status", "gestopt", "kennismaking") in conflict.value.differences


async def test_after_a_conflict_a_retry_with_the_current_version_saves(coach):
    placement = await a_placement(coach, await a_resident_of(coach))
    details = PlacementDetails(kind="stage", hours_per_week=6)
    await update_details(placement.ref, details, 1, actor_id=None)

    with pytest.raises(PlacementConflict) as conflict:
        await update_details(
            placement.ref, PlacementDetails(kind="stage", hours_per_week=10), 1, actor_id=None
        )
    retried = await update_details(
        placement.ref,
        PlacementDetails(kind="stage", hours_per_week=10),
        conflict.value.current["version"],
        actor_id=None,
    )

    assert (retried.hours_per_week, retried.version) == (10, 3)


async def test_marking_a_response_placed_starts_the_placement_through_every_step(coach, corpus):
    from meedoen.opportunities.tables import Opportunity

    resident = await a_resident_of(coach)
    opportunity = await Opportunity.objects().where(Opportunity.status == "open").first()
    assert opportunity is not None

    started = await start_placement_from_response(
        resident_id=resident.id,
        opportunity_id=opportunity.id,
        actor_id=None,
        start_date=dt.date(2026, 3, 1),
    )

    assert started.status == "gestart"
    assert started.coach == coach.account_id
    assert started.start_date == dt.date(2026, 3, 1)
    again = await start_placement_from_response(
        resident_id=resident.id, opportunity_id=opportunity.id, actor_id=None
    )
    assert again.ref == started.ref


async def test_an_existing_proposal_is_moved_on_when_the_response_is_marked_placed(coach, corpus):
    from meedoen.opportunities.tables import Opportunity
    from meedoen.placements.service import PlacementDetails, create_placement

    resident = await a_resident_of(coach)
    opportunity = await Opportunity.objects().where(Opportunity.status == "open").first()
    proposal = await create_placement(
        resident,
        PlacementDetails(kind=opportunity.kind),
        coach_id=coach.account_id,
        actor_id=None,
        opportunity=opportunity,
    )

    started = await start_placement_from_response(
        resident_id=resident.id, opportunity_id=opportunity.id, actor_id=None
    )

    assert started.ref == proposal.ref
    events = await events_of(started.id)
    assert [e["to_status"] for e in reversed(events)] == ["voorgesteld", "kennismaking", "gestart"]
