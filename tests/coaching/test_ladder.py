"""The participatieladder: each recorded rung updates where the resident stands now, and
the path is drawn as a timeline (an SVG with the same data as a table beside it)."""

from __future__ import annotations

import datetime as dt

import pytest

from coaching.conftest import a_resident_of
from meedoen.placements.ladder import (
    LadderError,
    RungEntry,
    ladder_path,
    record_rung,
    timeline_chart,
    timeline_description,
)
from meedoen.residents.tables import Resident

DAY = dt.date(2026, 1, 5)


async def current_rung(resident: Resident) -> int | None:
    row = await Resident.select(Resident.ladder_rung).where(Resident.id == resident.id).first()
    return row["ladder_rung"] if row else None


async def test_recording_a_rung_updates_the_current_rung_and_the_path(coach):
    resident = await a_resident_of(coach)

    await record_rung(
        resident,
        RungEntry(3, DAY, "intake", "Doet mee aan de taalcafé."),
        actor_id=coach.account_id,
    )
    await record_rung(
        resident,
        RungEntry(4, DAY + dt.timedelta(days=90), "review", "Vrijwilliger in het buurthuis."),
        actor_id=coach.account_id,
    )

    assert await current_rung(resident) == 4
    path = await ladder_path(resident.id)
    assert [(r["rung"], r["recorded_on"], r["occasion"]) for r in path] == [
        (3, DAY, "intake"),
        (4, DAY + dt.timedelta(days=90), "review"),
    ]
    assert path[0]["recorded_by_name"] == "Coach Fatima"


async def test_an_older_assessment_recorded_later_does_not_change_the_current_rung(coach):
    resident = await a_resident_of(coach)
    await record_rung(
        resident, RungEntry(4, DAY, "review", "Werkt als vrijwilliger."), actor_id=None
    )

    await record_rung(
        resident,
        RungEntry(2, DAY - dt.timedelta(days=200), "intake", "Nagekomen intake."),
        actor_id=None,
    )

    assert await current_rung(resident) == 4
    assert [r["rung"] for r in await ladder_path(resident.id)] == [2, 4]


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (RungEntry(7, DAY, "review", "x"), "rung"),
        (RungEntry(None, DAY, "review", "x"), "rung"),
        (RungEntry(3, None, "review", "x"), "recorded_on"),
        (RungEntry(3, dt.date.today() + dt.timedelta(days=1), "review", "x"), "recorded_on"),
        (RungEntry(3, DAY, "gok", "x"), "occasion"),
        (RungEntry(3, DAY, "review", "  "), "motivation"),
        (RungEntry(3, DAY, "review", "x" * 501), "motivation"),
    ],
)
async def test_a_rung_needs_a_valid_rung_date_occasion_and_motivation(coach, entry, field):
    resident = await a_resident_of(coach)

    with pytest.raises(LadderError) as refused:
        await record_rung(resident, entry, actor_id=None)

    assert field in refused.value.problems
    assert await ladder_path(resident.id) == []


def test_the_timeline_places_later_dates_to_the_right_and_higher_rungs_higher():
    path = [
        {"rung": 2, "recorded_on": DAY},
        {"rung": 3, "recorded_on": DAY + dt.timedelta(days=30)},
        {"rung": 4, "recorded_on": DAY + dt.timedelta(days=120)},
    ]

    chart = timeline_chart(path)

    xs = [p.x for p in chart.points]
    ys = [p.y for p in chart.points]
    assert xs == sorted(xs) and xs[0] == chart.left and xs[-1] == chart.right
    assert ys == sorted(ys, reverse=True)
    # Dates in words, and anchored inwards so the chart's edges cut nothing off.
    assert [(label, anchor) for label, _, anchor in chart.date_ticks] == [
        ("5 jan 2026", "start"),
        ("5 mei 2026", "end"),
    ]
    assert len(chart.polyline.split()) == 3
    assert "trede 2 op 5 januari 2026" in timeline_description(path)


def test_two_rungs_on_one_day_both_stay_visible():
    chart = timeline_chart([{"rung": 2, "recorded_on": DAY}, {"rung": 3, "recorded_on": DAY}])

    assert chart.points[0].x != chart.points[1].x
