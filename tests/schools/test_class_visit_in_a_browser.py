"""A stagecoördinator signs up a class for a company visit in a real Chromium, on a 360 px
phone and a 1280 px desktop, with and without JavaScript; every page is checked with axe
and the HTML validator, and a screenshot is kept of each."""

from __future__ import annotations

import re

import pytest

from quality.test_journeys import finish
from schools.conftest import a_company_visit, a_coordinator
from support.browser_journeys import VARIANTS, journey, main_text, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]


async def test_a_coordinator_signs_up_a_class_for_a_company_visit(
    live_server,
    browser,
    database,
    checks,
    figures,
    variant,
):
    from events.conftest import organiser_account
    from meedoen.opportunities.service import save_opportunity
    from organisations.conftest import a_posting

    account, _ = await a_coordinator()
    visit = await a_company_visit(capacity=30)
    _, company = await organiser_account()
    await save_opportunity(
        company["id"],
        a_posting(title="Stage lassen en monteren", education_levels=("mbo2",), status="open"),
    )
    class_name = f"3B techniek {variant.label}"

    async with journey(browser, "school-class-visit", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, account.email, "/school")
        assert "Stage lassen en monteren" in await main_text(page)
        await trip.snap("overview")
        await page.locator(f'a[href="/school/bezoeken/{visit.ref}"]').click()
        await page.wait_for_url(re.compile(rf"/school/bezoeken/{visit.ref}$"))
        await page.get_by_role("button", name="Klas aanmelden").click()  # empty: errors
        await page.wait_for_url(re.compile(rf"/school/bezoeken/{visit.ref}$"))
        assert "Vul de naam van de klas in" in await main_text(page)
        await trip.snap("errors")
        await page.get_by_label(re.compile(r"^Klas")).fill(class_name)
        await page.get_by_label(re.compile(r"^Aantal leerlingen")).fill("24")
        await page.get_by_label(re.compile(r"^Naam van de docent")).fill("Mevrouw Jansen")
        await page.get_by_role("button", name="Klas aanmelden").click()
        await page.wait_for_url(re.compile(r"/school$"))
        text = await main_text(page)
        assert class_name in text and "Mevrouw Jansen" in text
        await trip.snap("signed-up")
        await page.goto(f"{live_server}/school/coordinatoren")
        await trip.snap("coordinators")
    finish(trip, figures)
