"""The insight view: administrators see young talent in West and unmet demand, as
aggregates with small counts suppressed; nobody else sees it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from meedoen.insight import demand
from meedoen.insight.tables import SearchDemand
from meedoen.search.demand import DemandKey

PAGES = ("/beheer/inzicht", "/beheer/inzicht/export/zoekvragen.csv")


async def test_visitors_who_are_not_signed_in_are_sent_to_sign_in(database, client):
    for path in PAGES:
        response = await client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/inloggen")


@pytest.mark.parametrize("role", ["resident", "organisation", "coach"])
async def test_residents_organisations_and_coaches_may_not_see_it(
    database, client, signed_in_as, role
):
    await signed_in_as(role)
    for path in PAGES:
        assert (await client.get(path)).status_code == 403, path


async def test_a_search_made_five_times_in_a_month_is_shown_four_times_is_not(
    database, client, signed_in_as
):
    await SearchDemand.delete(force=True)
    month = dt.date.today().strftime("%Y-%m")
    await demand.add_counts(
        Counter(
            {
                DemandKey(month, "geen", "", "vijfmaalgezocht"): 5,
                DemandKey(month, "geen", "", "viermaalgezocht"): 4,
                DemandKey(month, "weinig", "kind=stage&level=mbo2", ""): 5,
            }
        )
    )
    await signed_in_as("admin")

    page = (await client.get("/beheer/inzicht")).text
    csv = (await client.get("/beheer/inzicht/export/zoekvragen.csv")).text

    assert "vijfmaalgezocht" in page and "vijfmaalgezocht" in csv
    assert "viermaalgezocht" not in page and "viermaalgezocht" not in csv
    assert "Soort kans: Stage; Niveau van je opleiding: mbo niveau 2" in page
    assert "1 tot 4 gevonden" in page


async def test_the_demo_district_shows_open_and_filled_stages_and_unmet_demand(
    clean_database, corpus, client, signed_in_as
):
    # From an empty database: meetings and company visits other tests leave behind would
    # otherwise count among the demo district's.
    from meedoen.demo.history import seed_history
    from meedoen.demo.insight import seed_company_visits, seed_search_demand
    from meedoen.demo.meetings import seed_meetings

    await seed_history()
    await seed_meetings()
    await SearchDemand.delete(force=True)
    await seed_search_demand()
    await seed_company_visits()
    await signed_in_as("admin")

    today = dt.date.today()
    page = await client.get(f"/beheer/inzicht?van={today.year - 1}-{today.month:02d}")

    assert page.status_code == 200
    text = page.text
    assert "Stages en leerwerkplekken per sector" in text and "Vervuld" in text
    assert "heftruck certificaat" in text  # searched 14 times this month
    assert "bakkerij" not in text and "jan de vries" not in text  # 3 and 1 times: hidden
    assert "Plaatsingen van bewoners jonger dan 27" in text
    assert (
        "In heel West gehouden bedrijfsbezoeken: 2. Groepen (zoals een klas) die kwamen: 1," in text
    )
    # One class came: its size would say how big that class was.
    assert "samen &lt; 5 deelnemers" in text
    assert "Klassen en leerlingen bij bedrijfsbezoeken per school" in text
    schools = await client.get(
        f"/beheer/inzicht/export/bedrijfsbezoeken_scholen.csv?van={today.year - 1}-{today.month:02d}"
    )
    # The demo school's one class: both its figures hidden.
    assert "Praktijkschool Het Ambacht;< 5;< 5" in schools.text.replace(",", ";")


async def test_an_unknown_download_is_a_clear_404(database, client, signed_in_as):
    await signed_in_as("admin")
    response = await client.get("/beheer/inzicht/export/bestaatniet.csv")
    assert response.status_code == 404
    assert "Deze download bestaat niet" in response.text


async def test_a_schools_talentcoordinator_sees_the_figures_a_stagecoordinator_does_not(
    database, client
):
    from meedoen.schools.service import Appointment, appoint
    from schools.conftest import a_coordinator, a_school
    from support.auth import DEFAULT_PASSWORD, make_account, sign_in

    stage_coordinator, _ = await a_coordinator()
    school = await a_school()
    talent = await make_account("organisation", organisation_ref=school["ref"])
    assert await appoint(school["id"], Appointment(talent.id, "talentcoordinator", ("mbo2",)))
    unverified = await a_school(verified=False)
    unverified_talent = await make_account("organisation", organisation_ref=unverified["ref"])
    assert await appoint(
        unverified["id"], Appointment(unverified_talent.id, "talentcoordinator", ("mbo2",))
    )

    await sign_in(client, talent.email, DEFAULT_PASSWORD)
    for path in PAGES:
        assert (await client.get(path)).status_code == 200, path
    assert 'href="/beheer/inzicht"' in (await client.get("/school")).text
    for account in (stage_coordinator, unverified_talent):
        await sign_in(client, account.email, DEFAULT_PASSWORD)
        for path in PAGES:
            assert (await client.get(path)).status_code == 403, path


async def test_the_period_reads_in_words_and_tables_become_blocks_on_a_phone(
    database, client, signed_in_as
):
    await signed_in_as("admin")

    page = (await client.get("/beheer/inzicht?van=2026-01&tot=2026-03")).text

    assert "Periode: 1 januari 2026 tot en met 31 maart 2026." in page
    assert page.count("meedoen-table-stack") >= 5  # every table of the view


async def test_each_csv_download_holds_the_same_table_as_the_view(database, corpus):
    from meedoen.goals.filters import parse_filters
    from meedoen.insight import service

    filters = parse_filters({}, dt.date.today())
    view = await service.insight_for(filters)

    assert len(view.tables) >= 5
    for key, shown in view.tables.items():
        alone = await service.table_for(filters, key)
        assert alone is not None, key
        assert (alone.caption, alone.headers, alone.all_rows) == (
            shown.caption,
            shown.headers,
            shown.all_rows,
        ), key
    assert await service.table_for(filters, "bestaat-niet") is None
