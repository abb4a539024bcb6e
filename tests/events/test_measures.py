"""Meeting measures on the goals dashboard and in open data, with small-cell suppression,
and the demo fair with the placements that followed."""

from __future__ import annotations

import datetime as dt

from events.conftest import a_meeting, guest, organiser_account, slot
from support.auth import make_account


async def test_the_demo_fair_shows_on_the_dashboard_with_the_placements_that_followed(
    client, corpus
):
    from meedoen.demo.seed import seed_demo
    from meedoen.events.tables import Contact

    await seed_demo()
    await seed_demo()  # idempotent
    of_the_fair = Contact.meeting.ref == "act-demo-beurs-najaar"
    placements = await Contact.count().where(of_the_fair & Contact.placement_on.is_not_null())
    responses = await Contact.count().where(of_the_fair & Contact.response_on.is_not_null())
    assert placements >= 5 and responses > placements

    admin = await make_account("admin")
    from support.auth import DEFAULT_PASSWORD, sign_in

    await sign_in(client, admin.email, DEFAULT_PASSWORD)
    page = await client.get("/doelen", params={"van": "2026-01-01", "tot": "2026-12-31"})
    assert page.status_code == 200
    assert "Activiteiten en Doen-beurzen" in page.text
    assert "Doen-beurs Stadsveld najaar (2026-10-10)" in page.text
    assert "Plaatsingen na een Doen-beurs in 2026" in page.text
    table = (
        await client.get(
            "/doelen/export/activiteiten_per_activiteit.csv",
            params={"van": "2026-01-01", "tot": "2026-12-31"},
        )
    ).text
    row = next(
        line for line in table.splitlines() if line.startswith("Doen-beurs Stadsveld najaar")
    )
    cells = row.split(",")
    assert cells[1].isdigit() and int(cells[1]) >= 40, row  # unique visitors
    assert cells[-1] == str(placements), row  # placements within 90 days of a contact
    open_data = (await client.get("/doelen/open-data.json")).json()
    assert "plaatsingen_na_contact" in open_data["records"][0]


async def test_small_counts_are_hidden_and_goals_can_target_meeting_measures(client, database):
    from meedoen.events.signups import check_in, sign_up
    from meedoen.events.statistics import SECTION, register_meeting_measures
    from meedoen.goals.dashboard import fact_table
    from meedoen.goals.facts import Selection
    from meedoen.goals.measures import measure_value
    from meedoen.goals.sources import measures

    register_meeting_measures()
    _, organisation = await organiser_account()
    view = await a_meeting(
        organisation,
        wijk="Usselo",
        title="Kleine workshop",
        kind="workshop",
        slots=(slot(days_ahead=0.1),),
    )
    for n in range(3):
        made = await sign_up(view, None, guest(n, wijk="Usselo"), base_url="", secret_key="x")
        await check_in(view.meeting["id"], made.ref)
    today = dt.date.today()
    selection = Selection(today - dt.timedelta(days=1), today + dt.timedelta(days=1), wijk="Usselo")

    assert "bezoekers_activiteiten" in measures()
    assert await measure_value("bezoekers_activiteiten", selection) == 3
    assert await measure_value("eerste_bezoekers", selection) == 3
    table = await fact_table(SECTION.tables[1], selection)
    assert table.rows[0][0] == "Usselo"
    assert table.rows[0][1] == "< 5"
