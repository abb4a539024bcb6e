"""Classes and pupils at company visits per school: a school that signed up classes as a
group sees how many came and how many pupils that were, with small numbers hidden; no
pupil is on record, only a class's size."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from meedoen.events.meetings import LOCAL
from meedoen.events.tables import Meeting, MeetingSlot, SignUp
from meedoen.organisations.tables import Organisation
from support.auth import an_organisation


async def a_school(name: str):  # type: ignore[no-untyped-def]
    school = await an_organisation(name)
    await Organisation.update({Organisation.type: "onderwijs"}).where(Organisation.id == school.id)
    return school


async def a_past_visit(host: Any, days_ago: int, kind: str = "bedrijfsbezoek") -> tuple[int, int]:
    """A meeting held ``days_ago`` days ago; its id and its slot's id."""
    day = dt.date.today() - dt.timedelta(days=days_ago)
    start = dt.datetime.combine(day, dt.time(14), LOCAL).astimezone(dt.UTC)
    meeting = Meeting(
        ref=f"act-{uuid.uuid4().hex[:10]}",
        kind=kind,
        title="Kijken in de werkplaats",
        organiser=host.id,
        status="gepubliceerd",
        wijk="Bedrijventerrein Westerval",
        groups_welcome=True,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        created_at=start - dt.timedelta(days=30),
        updated_at=start,
    )
    await meeting.save()
    slot = MeetingSlot(meeting=meeting.id, starts_at=start, ends_at=meeting.ends_at, capacity=60)
    await slot.save()
    return meeting.id, slot.id


async def a_class(visit: tuple[int, int], school: Any, size: int, came: bool = True) -> None:
    meeting, slot = visit
    await SignUp(
        ref=f"sig-{uuid.uuid4().hex[:10]}",
        meeting=meeting,
        slot=slot,
        status="aangemeld",
        group_name="Klas 3",
        group_size=size,
        seats=size,
        group_organisation=school.id if school else None,
        visitor_code=uuid.uuid4().hex[:8],
        checked_in_at=dt.datetime.now(dt.UTC) if came else None,
        created_at=dt.datetime.now(dt.UTC),
        updated_at=dt.datetime.now(dt.UTC),
    ).save()


def rows_of(table: Any) -> dict[str, list[Any]]:
    return {str(row[0]): row[1:] for row in table.all_rows}


async def test_classes_and_pupils_per_school_with_small_numbers_hidden(clean_database):
    from meedoen.goals.filters import parse_filters
    from meedoen.insight import service

    host = await an_organisation("Metaalbedrijf Westerval")
    ambacht = await a_school("Praktijkschool Het Ambacht")
    kolibrie = await a_school("Kolibrie College")
    visit = await a_past_visit(host, days_ago=20)
    for size in (12, 18, 20, 24, 26):
        await a_class(visit, ambacht, size)
    await a_class(visit, kolibrie, 3)
    # Not counted: a class that did not come, one at an open day, one long ago, a team
    # of a company (not a school) and a group that no organisation signed up.
    await a_class(visit, ambacht, 30, came=False)
    await a_class(await a_past_visit(host, days_ago=20, kind="open_dag"), ambacht, 30)
    await a_class(await a_past_visit(host, days_ago=500), ambacht, 30)
    await a_class(visit, host, 10)
    await a_class(visit, None, 10)

    filters = parse_filters({}, dt.date.today())
    table = await service.table_for(filters, "bedrijfsbezoeken_scholen")

    assert table is not None
    assert table.caption == "Klassen en leerlingen bij bedrijfsbezoeken per school"
    rows = rows_of(table)
    assert list(rows) == ["Kolibrie College", "Praktijkschool Het Ambacht", "Totaal"]
    assert rows["Kolibrie College"] == ["< 5", "< 5"]  # one class of 3
    assert rows["Totaal"] == [6, 103]
    # The total would give Kolibrie's figures back: Het Ambacht's are hidden with them.
    assert rows["Praktijkschool Het Ambacht"] == ["< 5", "< 5"]


async def test_a_school_with_five_classes_shows_them_and_their_pupils(clean_database):
    from meedoen.goals.filters import parse_filters
    from meedoen.insight import service

    host = await an_organisation("Bakkerij De Korenaar")
    ambacht = await a_school("Praktijkschool Het Ambacht")
    kolibrie = await a_school("Kolibrie College")
    visit = await a_past_visit(host, days_ago=10)
    for size in (12, 18, 20, 24, 26):
        await a_class(visit, ambacht, size)
    for size in (15, 16, 17, 21, 22, 25):
        await a_class(visit, kolibrie, size)

    table = await service.table_for(parse_filters({}, dt.date.today()), "bedrijfsbezoeken_scholen")

    assert table is not None
    assert rows_of(table) == {
        "Kolibrie College": [6, 116],
        "Praktijkschool Het Ambacht": [5, 100],
        "Totaal": [11, 216],
    }
