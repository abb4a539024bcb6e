"""A new resident finds a kans, taps "Ik wil meedoen", is told why she must sign in, makes
an account, confirms her address from the mail (through the test SMTP server) and, after
signing in, lands on that kans's response form: on a phone and a desktop, with and
without JavaScript. Screenshots: test-artifacts/screenshots/return-to-<width>-<js>/."""

from __future__ import annotations

import re
import uuid

import pytest

from residents.conftest import an_opportunity
from support.auth import DEFAULT_PASSWORD
from support.browser_journeys import VARIANTS, Variant, journey

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]


async def test_register_confirm_and_land_on_the_response_form(
    browser, live_server, clean_database, mailbox, variant: Variant
):
    kans = await an_opportunity(title="Koken in de Pathmoskamer")
    email = f"fatima-{uuid.uuid4().hex[:6]}@meedoen-test.nl"
    async with journey(browser, "return-to", variant) as trip:
        page = trip.page
        await page.goto(f"{live_server}/kansen/{kans.ref}")
        await page.get_by_role("link", name="Ik wil meedoen").first.click()
        await page.wait_for_url(re.compile(r"/inloggen\?next="))
        assert "Log in om te reageren op deze kans" in await page.locator("main").inner_text()
        await trip.snap("sign-in-says-why")

        await page.get_by_role("link", name="Maak een account").click()
        await page.wait_for_url(re.compile(r"/registreren\?next="))
        # Coming from a kans, she gets the resident's form straight away.
        assert "Account maken als bewoner" in await page.locator("h1").inner_text()
        await page.get_by_label("Je naam").fill("Fatima")
        await page.get_by_label("E-mailadres").fill(email)
        await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        await page.get_by_role("button", name="Account maken").click()
        await page.wait_for_url(re.compile(r"/registreren/verstuurd"))
        assert "verder waar je was" in await page.locator("main").inner_text()
        await trip.snap("check-your-mail")

        mail = await mailbox.wait_for(email)
        await page.goto(live_server + mail.link("/e-mail-bevestigen/"))
        await page.wait_for_url(re.compile(r"/inloggen\?next="))
        await page.get_by_label("E-mailadres").fill(email)
        await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        await page.get_by_role("button", name="Inloggen").click()

        await page.wait_for_url(re.compile(rf"/kansen/{kans.ref}/reageren$"))
        assert "Koken in de Pathmoskamer" in await page.locator("main").inner_text()
        assert await page.get_by_label("Je bericht aan de organisatie").is_visible()
        await trip.snap("response-form")
