"""Only administrators and coaches see the dashboard; only administrators manage goals;
the open data is for everyone."""

import pytest

PAGES = ("/doelen", "/doelen/export/trend.csv", "/doelen/export/dashboard.xlsx")


async def test_visitors_who_are_not_signed_in_are_sent_to_sign_in(history, client):
    for path in (*PAGES, "/beheer/doelen", "/beheer/doelen/nieuw"):
        response = await client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/inloggen")


@pytest.mark.parametrize("role", ["resident", "organisation"])
async def test_residents_and_organisations_may_not_see_the_figures(
    history, client, signed_in_as, role
):
    await signed_in_as(role)
    for path in (*PAGES, "/beheer/doelen"):
        assert (await client.get(path)).status_code == 403, path


async def test_coaches_see_the_dashboard_but_do_not_manage_goals(history, client, signed_in_as):
    await signed_in_as("coach")
    for path in PAGES:
        assert (await client.get(path)).status_code == 200, path
    assert (await client.get("/beheer/doelen")).status_code == 403
    assert "Doelen beheren" not in (await client.get("/doelen")).text


async def test_administrators_see_everything(history, client, signed_in_as):
    await signed_in_as("admin")
    for path in (*PAGES, "/beheer/doelen", "/beheer/doelen/nieuw"):
        assert (await client.get(path)).status_code == 200, path


async def test_the_open_data_needs_no_account(history, client):
    assert (await client.get("/doelen/open-data.csv")).status_code == 200
    assert (await client.get("/doelen/open-data.json")).status_code == 200


async def test_the_dashboard_shows_no_individuals(history, client, signed_in_as):
    from meedoen.residents.tables import Resident

    await signed_in_as("admin")
    page = (await client.get("/doelen?van=2024-12&tot=2026-11")).text
    names = {
        r["first_name"]
        for r in await Resident.select(Resident.first_name).run()
        if len(r["first_name"]) > 3
    }
    assert not [name for name in names if f">{name}<" in page or f" {name} " in page]
    assert "res-0" not in page
