"""The district can set a goal for confirmed hours of participation; its value is hidden
while fewer than five people made the hours, however many hours they are."""

from __future__ import annotations

import datetime as dt

from meedoen.goals.dashboard import goal_progress
from meedoen.goals.service import create_goal
from meedoen.placements.tables import Placement
from meedoen.traject import hours
from support.auth import DEFAULT_PASSWORD, make_account, sign_in
from traject.conftest import a_placed_resident


async def confirmed_hours_in(wijk: str, week: dt.date, amount: str, name: str) -> None:
    placed = await a_placed_resident(name)
    placed.resident.wijk = wijk
    await placed.resident.save()
    await Placement.update({Placement.wijk: wijk}).where(Placement.id == placed.placement.id)
    placed.placement.wijk = wijk
    entry = await hours.record_hours(
        placed.resident, hours.HoursInput(placed.placement.ref, week, amount)
    )
    assert await hours.confirm_hours(
        entry.ref, frozenset({placed.organisation["id"]}), None, actor_id=placed.member.id
    )


async def test_a_goal_for_hours_shows_the_total_only_once_five_people_made_them(
    client, clean_database
):
    admin = await make_account("admin")
    await sign_in(client, admin.email, DEFAULT_PASSWORD)
    form = await client.get("/beheer/doelen/nieuw")
    assert 'value="uren_meedoen"' in form.text

    today = dt.date.today()
    week = today - dt.timedelta(days=today.weekday() + 7)
    goal = await create_goal(
        {
            "name": "Uren vrijwilligerswerk in Boekelo",
            "measure": "uren_meedoen",
            "measure_kind": "",
            "wijk": "Boekelo",
            "period_start": today - dt.timedelta(days=60),
            "period_end": today + dt.timedelta(days=60),
            "target": 400,
        },
        admin.id,
    )
    for n in range(4):
        await confirmed_hours_in("Boekelo", week, "20", f"Bewoner{n}")
    # 80 hours, but four people: the figure would tell what each of them did.
    hidden = await goal_progress(goal, None, today)
    assert hidden.value is None and hidden.percent_of_target is None

    await confirmed_hours_in("Boekelo", week, "20", "Bewoner4")
    await confirmed_hours_in("Pathmos", week, "7", "Elders")  # another wijk does not count
    shown = await goal_progress(goal, None, today)
    assert shown.value == 100
    assert shown.percent_of_target == 25
    page = await client.get("/doelen")
    assert "Uren vrijwilligerswerk in Boekelo" in page.text
