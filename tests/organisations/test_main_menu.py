"""The main menu shows each person only what they can use, and says where they are.

Anonymous visitors, residents, organisation members, coaches and administrators each get
their own menu; following any link in it never ends in "Dit mag je niet bekijken". The
sub-menus of Mijn Meedoen, Organisatie, Coach and Beheer mark the page you are on.
"""

from __future__ import annotations

import re

import pytest

from support.auth import make_account, sign_in

MENUS = {
    "anonymous": ["/kansen", "/activiteiten", "/organisatie", "/inloggen", "/registreren"],
    "resident": ["/kansen", "/activiteiten", "/mijn", "/meldingen", "/account"],
    "organisation": ["/kansen", "/activiteiten", "/organisatie", "/meldingen", "/account"],
    "coach": ["/coach", "/kansen", "/activiteiten", "/doelen", "/account"],
    "admin": ["/beheer", "/doelen", "/kansen", "/account"],
}


def menu(html: str) -> str:
    found = re.search(r'<nav class="meedoen-nav".*?</nav>', html, re.S)
    assert found, "the page has a main menu"
    return found.group(0)


def links(html: str) -> list[str]:
    return re.findall(r'<a class="meedoen-nav__link[^"]*" href="([^"]+)"', menu(html))


def current(html: str, nav_class: str = "meedoen-nav") -> list[tuple[str, str]]:
    found = re.search(rf'<nav class="{nav_class}".*?</nav>', html, re.S)
    assert found, f"the page has a {nav_class}"
    return re.findall(r'href="([^"]+)"\s+aria-current="(page|true)"', found.group(0))


@pytest.mark.parametrize("role", sorted(MENUS))
async def test_each_role_sees_its_own_menu_and_every_link_opens(client, clean_database, role):
    if role != "anonymous":
        account = await make_account(role)
        assert (
            await sign_in(client, account.email, "een-lang-wachtwoord-voor-tests")
        ).status_code == 303

    home = (await client.get("/")).text

    assert links(home) == MENUS[role]
    for href in MENUS[role]:
        page = await client.get(href)
        assert page.status_code != 403, f"{role}: {href} says 'Dit mag je niet bekijken'"
        assert "Dit mag je niet bekijken" not in page.text
        if role != "anonymous":
            assert page.status_code == 200, f"{role}: {href} gave {page.status_code}"


async def test_nobody_but_coaches_and_administrators_sees_doelen_or_beheer(client, clean_database):
    for role in ("resident", "organisation"):
        account = await make_account(role)
        await sign_in(client, account.email, "een-lang-wachtwoord-voor-tests")
        home = menu((await client.get("/")).text)
        assert 'href="/doelen"' not in home and 'href="/beheer"' not in home
        assert 'href="/coach"' not in home


async def test_an_administrator_finds_beheer_and_sees_where_she_is(
    client, clean_database, signed_in_as
):
    await signed_in_as("admin")

    beheer = (await client.get("/beheer")).text
    audit = (await client.get("/beheer/audit")).text

    assert ("/beheer", "page") in current(beheer)
    assert ("/beheer/audit", "page") in current(audit, "meedoen-subnav")
    assert ("/beheer", "true") in current(audit)  # still inside Beheer


async def test_a_residents_sub_menu_marks_the_page_and_the_section(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")

    responses = (await client.get("/mijn/reacties")).text
    profile = (await client.get("/mijn")).text

    assert current(responses, "meedoen-subnav") == [("/mijn/reacties", "page")]
    assert current(profile, "meedoen-subnav") == [("/mijn", "page")]
    # The sub-menu is the NL Design System nav list, not a bulleted list.
    assert 'class="utrecht-nav-list meedoen-subnav__list"' in responses


@pytest.mark.parametrize(
    ("role", "page", "marked"),
    [
        ("organisation", "/organisatie/reacties", "/organisatie/reacties"),
        ("coach", "/coach/intake", "/coach/intake"),
        ("admin", "/beheer/doelen", "/beheer/doelen"),
    ],
)
async def test_every_part_has_a_sub_menu_with_you_are_here(
    client, clean_database, signed_in_as, role, page, marked
):
    await signed_in_as(role)

    html = (await client.get(page)).text

    assert current(html, "meedoen-subnav") == [(marked, "page")]


async def test_the_phone_menu_opens_without_javascript(client):
    html = (await client.get("/")).text

    assert re.search(r'<details class="meedoen-mainmenu">\s*<summary', menu(html))
