"""The main menu leads each role to its own part of the site: administrators to Beheer,
coaches to their caseload, organisation members to their dashboard."""

from __future__ import annotations

import re

import pytest


def menu(html: str) -> str:
    found = re.search(r'<nav class="meedoen-nav".*?</nav>', html, re.S)
    assert found, "the page has a main menu"
    return found.group(0)


async def test_an_administrator_finds_beheer_in_the_menu(client, clean_database, signed_in_as):
    await signed_in_as("admin")

    home = menu((await client.get("/")).text)
    beheer = menu((await client.get("/beheer")).text)

    assert 'href="/beheer"' in home and ">Beheer</a>" in home
    assert re.search(r'href="/beheer"\s+aria-current="page"', beheer)


@pytest.mark.parametrize("role", ["resident", "organisation", "coach"])
async def test_only_administrators_see_beheer(client, clean_database, signed_in_as, role):
    await signed_in_as(role)

    assert 'href="/beheer"' not in menu((await client.get("/")).text)


async def test_coaches_and_organisations_find_their_own_pages(client, clean_database):
    home = menu((await client.get("/")).text)

    assert 'href="/coach"' in home and 'href="/organisatie"' in home
