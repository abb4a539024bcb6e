"""A resident's whole path on a 360 px phone: register, profile, find, respond, see the
status change, save a search and get the alert for a new matching opportunity."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import uuid

import pytest

from meedoen.accounts.tables import Account
from meedoen.alerts.service import send_due_alerts
from meedoen.alerts.tables import SentAlertItem
from meedoen.mail.tables import OutgoingMail
from meedoen.opportunities.service import find_opportunities
from meedoen.responses.service import set_status
from meedoen.responses.tables import Response
from meedoen.search.query import OpportunitySearch
from residents.conftest import an_opportunity
from support.auth import DEFAULT_PASSWORD

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


async def mails_to(address: str, subject_contains: str) -> bool:
    """Whether a mail was queued; the live server's own sender may already have sent it
    (it logs mails, having no SMTP server), so the outbox is checked, not the mailbox.
    What the mails say is specified in test_alerts and test_responding."""
    rows = await OutgoingMail.select(OutgoingMail.subject).where(OutgoingMail.to_address == address)
    return any(subject_contains in row["subject"] for row in rows)


async def until_found(runtime, q: str, ref: str) -> None:  # type: ignore[no-untyped-def]
    """The live server's worker may be the one indexing it: wait until search finds it."""
    for _ in range(100):
        findings = await find_opportunities(runtime, OpportunitySearch(q=q))
        if ref in {hit.ref for hit in findings.results.items}:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{ref} never appeared in the search index")


async def fits_the_screen(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


async def test_a_resident_finds_responds_and_gets_an_alert_on_a_phone(
    live_server, browser, clean_database, runtime, indexed, screenshot
):
    context = await browser.new_context(locale="nl-NL", viewport=PHONE)
    page = await context.new_page()
    email = f"bewoner-{uuid.uuid4().hex[:8]}@meedoen-test.nl"
    opportunity = await an_opportunity(title="Zeepkistenrace in de Boswinkel")
    await indexed()
    await until_found(runtime, "zeepkistenrace", opportunity.ref)

    # Register; the e-mail link is clicked for them (the live server has its own mail).
    await page.goto(f"{live_server}/registreren")
    await page.get_by_label("Ik woon in Enschede West").check()
    await page.get_by_label("Je naam").fill("Noor de Vries")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Account maken").click()
    await page.wait_for_url(re.compile(r"/registreren/verstuurd$"))
    await Account.update({Account.email_verified_at: dt.datetime.now(dt.UTC)}).where(
        Account.email == email
    )
    await page.goto(f"{live_server}/inloggen?next=/mijn")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(r"/mijn$"))

    # Profile.
    await page.get_by_label("In welke wijk woon je?").select_option("Boswinkel")
    await page.get_by_label("Wat kun je?").fill("koken, timmeren")
    await page.get_by_label("Vrijwilligerswerk").check()
    await page.get_by_label(re.compile("^Ik en mijn coach")).check()
    await page.get_by_role("button", name="Profiel opslaan").click()
    await page.get_by_text("Je profiel is opgeslagen.").wait_for()
    assert await fits_the_screen(page), "the profile page scrolls sideways at 360 px"
    await screenshot(page, "resident-profile-360")

    # Find and respond.
    await page.goto(f"{live_server}/kansen?q=zeepkistenrace")
    await page.get_by_role("link", name="Zeepkistenrace in de Boswinkel").first.click()
    await page.get_by_role("link", name="Ik wil meedoen").first.click()
    await page.get_by_label("Je bericht aan de organisatie").fill("Ik timmer graag mee!")
    assert await fits_the_screen(page), "the response form scrolls sideways at 360 px"
    await page.get_by_role("button", name="Verstuur mijn reactie").click()
    await page.get_by_text("Je reactie is verstuurd.").wait_for()
    assert await mails_to(email, "Zeepkistenrace")

    # The organisation invites them; the resident sees it.
    response = await Response.objects().get(Response.opportunity == opportunity.id)
    await set_status(response.id, "uitgenodigd")
    await page.goto(f"{live_server}/mijn/reacties")
    assert "Uitgenodigd" in await page.locator("main").inner_text()

    # Save the search, and hear about a new matching opportunity.
    await page.goto(f"{live_server}/kansen?q=zeepkistenrace")
    await page.get_by_label("Elke dag").check()
    await page.get_by_role("button", name="Bewaar deze zoekopdracht").click()
    await page.wait_for_url(re.compile(r"/mijn/zoekopdrachten$"))
    assert "zeepkistenrace" in await page.locator("main").inner_text()
    new = await an_opportunity(title="Zeepkistenrace: de bouwdag")
    await indexed()
    await until_found(runtime, "zeepkistenrace", new.ref)
    await send_due_alerts(runtime, dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1))
    assert await mails_to(email, "1 nieuwe kans")
    mentioned = {row["opportunity_ref"] for row in await SentAlertItem.select()}
    assert mentioned == {new.ref}
    await context.close()
