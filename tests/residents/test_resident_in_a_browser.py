"""A resident's whole path on a 360 px phone: register, profile, find, respond, see the
status change, talk with the organisation, save a search and get the alert for a new
matching opportunity, by e-mail through a real SMTP server, and unsubscribe from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid

import pytest

from meedoen.alerts.service import send_due_alerts
from meedoen.alerts.tables import SavedSearch, SentAlertItem
from meedoen.opportunities.service import find_opportunities
from meedoen.responses.service import add_message, set_status
from meedoen.responses.tables import Response
from meedoen.search.query import OpportunitySearch
from quality.test_accessibility import AXE, axe_violations, describe
from residents.conftest import an_opportunity
from support.auth import DEFAULT_PASSWORD, make_account

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def settings_of(live_server: str, runtime):  # type: ignore[no-untyped-def]
    """The tests' settings, writing links to the live server."""
    return dataclasses.replace(runtime.settings, base_url=live_server)


async def found(runtime, q: str, ref: str) -> bool:  # type: ignore[no-untyped-def]
    findings = await find_opportunities(runtime.search_gateway(), OpportunitySearch(q=q))
    return ref in {hit.ref for hit in findings.results.items}


async def fits_the_screen(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


async def assert_accessible(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """axe-core finds no WCAG 2.1 A/AA violations (checked when axe-core is installed)."""
    if AXE.exists():
        violations = await axe_violations(page)
        assert not violations, describe(label, violations)


async def test_a_resident_finds_responds_and_gets_an_alert_on_a_phone(
    live_server, browser, clean_database, runtime, indexed, screenshot, mailbox
):
    context = await browser.new_context(locale="nl-NL", viewport=PHONE)
    page = await context.new_page()
    email = f"bewoner-{uuid.uuid4().hex[:8]}@meedoen-test.nl"
    opportunity = await an_opportunity(title="Zeepkistenrace in de Boswinkel")
    await indexed()
    assert await found(runtime, "zeepkistenrace", opportunity.ref)

    # Register, and confirm the address with the link in the e-mail.
    await page.goto(f"{live_server}/registreren")
    await page.get_by_role("link", name="Ik zoek een kans").click()
    await page.get_by_label("Je naam").fill("Noor de Vries")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Account maken").click()
    await page.wait_for_url(re.compile(r"/registreren/verstuurd$"))
    welcome = await mailbox.wait_for(email, "Bevestig je e-mailadres")
    await page.goto(f"{live_server}{welcome.link('/e-mail-bevestigen/')}")
    await page.get_by_text("Je e-mailadres is bevestigd.").wait_for()
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
    confirmation = await mailbox.wait_for(email, "Je reactie is verstuurd")
    assert "Zeepkistenrace" in confirmation.text
    assert f"{live_server}/mijn/reacties/rsp-" in confirmation.text

    # The organisation invites them and asks a question; the resident sees it and answers.
    response = await Response.objects().get(Response.opportunity == opportunity.id)
    await set_status(response.id, "uitgenodigd")
    await add_message(response.id, None, "organisation", "Kom je zaterdag om 10 uur?")
    await page.goto(f"{live_server}/mijn/reacties")
    assert "Uitgenodigd" in await page.locator("main").inner_text()
    await page.get_by_role("link", name="1 bericht van de organisatie").click()
    await page.get_by_text("Kom je zaterdag om 10 uur?").wait_for()
    await page.get_by_role("button", name="Bericht versturen").click()  # nothing typed yet
    await page.get_by_role("link", name="Schrijf eerst een bericht.").wait_for()
    await assert_accessible(page, "conversation with an error")
    await page.get_by_label("Schrijf een bericht aan de organisatie").fill("Ja, tot zaterdag!")
    await page.get_by_role("button", name="Bericht versturen").click()
    await page.get_by_text("Je bericht is verstuurd.").wait_for()  # swapped in by htmx
    assert "Ja, tot zaterdag!" in await page.locator("#gesprek").inner_text()
    assert await fits_the_screen(page), "the conversation scrolls sideways at 360 px"
    await assert_accessible(page, "conversation")
    await screenshot(page, "resident-conversation-360")

    # Save the search, and hear about a new matching opportunity by e-mail.
    # A filter from the phone's panel, then the box right above the results: it opens (a
    # <details>) to choose how often, and keeps the words and the filter on screen.
    await page.goto(f"{live_server}/kansen?q=zeepkistenrace")
    await page.get_by_role("link", name=re.compile(r"^Filters")).click()
    await page.get_by_label(re.compile(r"^Vrijwilligerswerk")).check()
    await page.locator(".meedoen-filters__show").click()
    await page.wait_for_url(re.compile(r"kind=vrijwilligerswerk"))
    await page.get_by_text("Bewaar deze zoekopdracht", exact=True).click()
    await page.get_by_label("Elke dag").check()
    await page.get_by_role("button", name="Bewaren").click()
    await page.wait_for_url(re.compile(r"/mijn/zoekopdrachten$"))
    saved = await page.locator("main").inner_text()
    assert "zeepkistenrace" in saved and "Vrijwilligerswerk" in saved, saved
    new = await an_opportunity(title="Zeepkistenrace: de bouwdag")
    await indexed()
    assert await found(runtime, "zeepkistenrace", new.ref)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1)
    await send_due_alerts(runtime.search_gateway(), settings_of(live_server, runtime), tomorrow)
    alert = await mailbox.wait_for(email, "1 nieuwe kans")
    assert "Zeepkistenrace: de bouwdag" in alert.text
    assert f"{live_server}/kansen/{new.ref}" in alert.text
    assert "Zeepkistenrace in de Boswinkel" not in alert.text  # it was there before saving
    unsubscribe = str(alert.message["List-Unsubscribe"]).strip("<>")
    assert unsubscribe.startswith(f"{live_server}/zoekopdrachten/afmelden/")
    assert unsubscribe in alert.text
    assert {row["opportunity_ref"] for row in await SentAlertItem.select()} == {new.ref}

    # Unsubscribe with the link from the e-mail.
    await page.goto(unsubscribe)
    assert await SavedSearch.count() == 1, "opening the link must not unsubscribe"
    assert await fits_the_screen(page), "the unsubscribe page scrolls sideways at 360 px"
    await assert_accessible(page, "unsubscribe")
    await page.get_by_role("button", name="Afmelden voor deze zoekopdracht").click()
    await page.get_by_text("Je bent afgemeld.").first.wait_for()
    assert await SavedSearch.count() == 0
    await context.close()


async def test_a_cv_far_over_the_upload_limit_gets_a_clear_message_on_a_phone(
    live_server, browser, clean_database
):
    account = await make_account("resident", display_name="Sem")
    context = await browser.new_context(locale="nl-NL", viewport=PHONE)
    page = await context.new_page()
    await page.goto(f"{live_server}/inloggen?next=/mijn")
    await page.get_by_label("E-mailadres").fill(account.email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(r"/mijn$"))

    await page.get_by_label("Over mij, in je eigen woorden").fill("Ik help graag in de tuin.")
    await page.get_by_label("Je cv").set_input_files(
        files=[
            {
                "name": "vakantiefilm.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n" + b"0" * (12 * 1024 * 1024),
            }
        ]
    )
    await page.get_by_role("button", name="Profiel opslaan").click()

    await page.get_by_role("heading", name="Mijn profiel").wait_for()
    main = await page.locator("main").inner_text()
    assert "Dit bestand is veel te groot" in main
    await assert_accessible(page, "profile with a far too big CV")
    assert await page.get_by_label("Over mij, in je eigen woorden").input_value() == (
        "Ik help graag in de tuin."
    )
    await context.close()
