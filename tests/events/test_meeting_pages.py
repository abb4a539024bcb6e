"""Finding meetings: /activiteiten through the real index (and the database when search is
down), a meeting's page with schema.org Event, the iCalendar files, the JSON API and the
next meetings on other pages."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar

from events.conftest import a_meeting, organiser_account, slot


async def test_search_filters_and_views_find_a_published_fair(client, database, indexed):
    _, organisation = await organiser_account()
    fair = await a_meeting(organisation, title="Doen-beurs Techniek Pathmos", wijk="Pathmos")
    other = await a_meeting(
        organisation, kind="workshop", title="Workshop solliciteren", wijk="Boekelo"
    )
    concept = await a_meeting(organisation, title="Geheime Techniekbeurs", status="concept")
    await indexed()

    found = await client.get("/activiteiten", params={"q": "techniek"})
    assert found.status_code == 200
    assert fair.meeting["title"] in found.text
    assert concept.meeting["title"] not in found.text
    filtered = await client.get("/activiteiten", params={"kind": "workshop", "wijk": "Boekelo"})
    assert other.meeting["title"] in filtered.text and fair.meeting["title"] not in filtered.text
    for view in ("week", "maand"):
        page = await client.get(
            "/activiteiten",
            params={"weergave": view, "van": (dt.date.today() + dt.timedelta(days=7)).isoformat()},
        )
        assert page.status_code == 200 and fair.meeting["title"] in page.text, view
    fragment = await client.get(
        "/activiteiten", params={"q": "techniek"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.text and fair.meeting["title"] in fragment.text


async def test_the_database_answers_when_search_is_down(database):
    from meedoen.events.search import MeetingSearch, find_meetings
    from meedoen.search.gateway import SearchGateway

    class Down:  # a search connection that cannot connect
        reader = None

        @staticmethod
        def index_name(base: str) -> str:
            return base

        @staticmethod
        async def ready() -> bool:
            return False

    _, organisation = await organiser_account()
    fair = await a_meeting(organisation, title="Doen-beurs Ruwenbos", wijk="Ruwenbos")
    results = await find_meetings(
        SearchGateway(Down()), MeetingSearch(q="ruwenbos", wijk=("Ruwenbos",))
    )
    assert results.degraded
    assert fair.ref in [item["ref"] for item in results.items]


async def test_a_meeting_page_carries_schema_org_event(client, database):
    _, organisation = await organiser_account()
    fair = await a_meeting(
        organisation, title="Doen-beurs </script> Stadsveld", slots=(slot(capacity=40),)
    )
    page = await client.get(f"/activiteiten/{fair.ref}")
    assert page.status_code == 200
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.S)
    assert block, "no JSON-LD"
    event = json.loads(block.group(1))
    assert event["@type"] == "Event"
    assert event["name"] == "Doen-beurs </script> Stadsveld"
    assert event["location"]["address"]["postalCode"] == "7545 AA"
    assert event["maximumAttendeeCapacity"] == 40
    assert event["organizer"]["name"] == organisation["name"]


async def test_ics_files_parse_in_a_calendar_library(client, database):
    _, organisation = await organiser_account()
    fair = await a_meeting(
        organisation, title="Doen-beurs met twee tijden", slots=(slot(7), slot(8))
    )
    await a_meeting(organisation, title="Tweede activiteit")

    one = await client.get(f"/activiteiten/{fair.ref}/agenda.ics")
    assert one.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(one.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    assert str(events[0]["SUMMARY"]).startswith("Doen-beurs met twee tijden")
    assert events[0].decoded("DTSTART") < events[1].decoded("DTSTART")
    assert "Wijkcentrum Stadsveld" in str(events[0]["LOCATION"])

    for path in ("/activiteiten.ics", f"/organisaties/{organisation['ref']}/activiteiten.ics"):
        feed = icalendar.Calendar.from_ical((await client.get(path)).content)
        titles = [str(e["SUMMARY"]) for e in feed.walk("VEVENT")]
        assert any(t.startswith("Tweede activiteit") for t in titles), path
    assert (await client.get("/organisaties/bestaat-niet/activiteiten.ics")).status_code == 404


async def test_the_json_api_lists_and_shows_meetings(client, database, indexed):
    _, organisation = await organiser_account()
    fair = await a_meeting(organisation, title="Doen-beurs API")
    await indexed()
    listed = (await client.get("/api/v1/meetings", params={"q": "api"})).json()
    assert fair.ref in [item["ref"] for item in listed["items"]]
    detail = (await client.get(f"/api/v1/meetings/{fair.ref}")).json()
    assert detail["slots"][0]["capacity"] == 30
    assert (await client.get("/api/v1/meetings/act-bestaat-niet")).status_code == 404
    schema = (await client.get("/api/schema/openapi.json")).json()
    assert "/api/v1/meetings" in schema["paths"]
    # The widest days a date field takes: 0001-01-01 in Amsterdam is before the first
    # moment in UTC, and a year after 9999-12-31 does not exist.
    widest = {"q": "api", "van": "0001-01-01", "tot": "9999-12-31"}
    assert fair.ref in [
        i["ref"] for i in (await client.get("/api/v1/meetings", params=widest)).json()["items"]
    ]
    assert (await client.get("/activiteiten", params=widest)).status_code == 200
    # The API's typed parameters go straight into the search: an end before the start is
    # left out (as on the page), a kind outside the vocabulary is refused.
    backwards = {"q": "api", "van": "2027-03-14", "tot": "2027-03-01", "kind": "doen_beurs"}
    answer = await client.get("/api/v1/meetings", params=backwards)
    assert answer.status_code == 200
    assert (await client.get("/api/v1/meetings", params={"kind": "feestje"})).status_code == 400
    from meedoen.events.search import MeetingSearch

    assert MeetingSearch(start=dt.date(1, 1, 1), end=dt.date(9999, 12, 31)).window()


async def test_next_meetings_show_on_home_kansen_and_the_organisation(client, database):
    from meedoen.opportunities.service import OpportunityInput, save_opportunity

    _, organisation = await organiser_account()
    fair = await a_meeting(
        organisation, title="Doen-beurs op de voorpagina", slots=(slot(days_ahead=0.2),)
    )
    kans = await save_opportunity(
        organisation["id"],
        OpportunityInput(
            kind="vrijwilligerswerk",
            title="Gastvrouw",
            description="x",
            sector="zorg",
            wijk="Pathmos",
            postcode="7513 AB",
            status="open",
        ),
    )
    for path in ("/", "/kansen", f"/organisaties/{organisation['ref']}", f"/kansen/{kans}"):
        page = await client.get(path)
        assert fair.meeting["title"] in page.text, path


async def test_the_stand_list_is_searchable_by_what_a_visitor_wants_to_do(client, database):
    from meedoen.events.stands import apply_for_stand, decide, stand_of
    from meedoen.opportunities.service import OpportunityInput, save_opportunity

    organiser, organisation = await organiser_account()
    fair = await a_meeting(organisation, title="Doen-beurs met stands")
    for title in ("Hulp bij tuinonderhoud", "Medewerker kantine"):
        holder, stand_org = await organiser_account()
        await save_opportunity(
            stand_org["id"],
            OpportunityInput(
                kind="vrijwilligerswerk",
                title=title,
                description="x",
                sector="groen",
                wijk="Pathmos",
                postcode="7513 AB",
                status="open",
            ),
        )
        await apply_for_stand(fair, stand_org, holder.id, "")
        stand = await stand_of(fair.meeting["id"], stand_org["id"])
        await decide(fair, stand["id"], organiser.id, accept=True, number=str(len(title)))

    everything = await client.get(f"/activiteiten/{fair.ref}")
    garden = await client.get(f"/activiteiten/{fair.ref}", params={"stand": "gardening"})
    assert "Hulp bij tuinonderhoud" in everything.text and "Medewerker kantine" in everything.text
    assert "Hulp bij tuinonderhoud" in garden.text  # English synonym of tuinonderhoud
    assert "Medewerker kantine" not in garden.text
