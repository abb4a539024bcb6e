"""The menu per person, as people see it: on a 360 px phone the header and menu take at
most a quarter of the first screen, and the "Menu" button opens the list with or without
JavaScript; on a 1280 px screen the same list is a bar. Screenshots go to
test-artifacts/screenshots/menu-<role>-<width>-<js>/.
"""

from __future__ import annotations

import pytest

from support.auth import make_account
from support.browser_journeys import VARIANTS, Variant, journey, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]

START = {"resident": "/mijn", "organisation": "/organisatie", "coach": "/coach", "admin": "/beheer"}
LINKS = {
    "anonymous": ["Kansen zoeken", "Voor organisaties", "Inloggen"],
    "resident": ["Kansen zoeken", "Mijn Meedoen", "Meldingen", "Uitloggen"],
    "organisation": ["Kansen zoeken", "Mijn organisatie", "Meldingen", "Uitloggen"],
    "coach": ["Mijn caseload", "Kansen zoeken", "Doelen", "Uitloggen"],
    "admin": ["Beheer", "Doelen", "Kansen zoeken", "Uitloggen"],
}


@pytest.mark.parametrize("role", sorted(LINKS))
async def test_the_menu_fits_a_quarter_of_the_phone_and_opens(
    browser, live_server, clean_database, variant: Variant, role
):
    async with journey(browser, f"menu-{role}", variant) as trip:
        page = trip.page
        if role == "anonymous":
            await page.goto(f"{live_server}/kansen")
        else:
            account = await make_account(role, display_name="Fatima")
            await sign_in(page, live_server, account.email, START[role])

        nav = page.locator("nav.meedoen-nav")
        menu = nav.locator("details.meedoen-mainmenu")
        names = LINKS[role]
        if variant.is_phone:
            header = await page.locator("header.meedoen-header").bounding_box()
            assert header["y"] + header["height"] <= variant.height / 4, (
                f"header and menu take {header['height']:.0f} of {variant.height} px"
            )
            await trip.snap("closed", full_page=False)
            # Searching stays one tap away; everything else waits behind "Menu".
            assert await nav.locator(".meedoen-nav__shortcut").is_visible()
            for name in names:
                assert not await menu.get_by_text(name, exact=True).is_visible(), name
            await menu.get_by_text("Menu", exact=True).click()
            assert not await nav.locator(".meedoen-nav__shortcut").is_visible()
        else:
            assert not await nav.locator(".meedoen-nav__shortcut").is_visible()
        for name in names:
            assert await menu.get_by_text(name, exact=True).is_visible(), name
        await trip.snap("open", full_page=False)
        # Every link leads somewhere this person may go.
        first = menu.get_by_role("link", name=names[0], exact=True)
        await first.click()
        await page.wait_for_load_state()
        assert "Dit mag je niet bekijken" not in await page.content()
