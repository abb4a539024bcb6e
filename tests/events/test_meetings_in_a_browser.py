"""The meeting journeys in a real Chromium, on a 360 px phone and a 1280 px desktop, with
and without JavaScript: a resident finds a fair, signs up, lands on the waiting list and
is promoted; an organisation applies for a stand, records a contact by code and follows
it up (the mail reaches the visitor through the test SMTP server); the organiser checks
visitors in at the door and adds a walk-in. Steps a journey is not about are set up
through the services."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.async_api import expect

from events.conftest import a_meeting, guest, organiser_account, slot
from quality.test_journeys import finish
from support.auth import make_account
from support.browser_journeys import VARIANTS, journey, main_text, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]
BASE, SECRET = "http://testserver.local", "x"


async def found_in_the_index(runtime, indexed, word: str, ref: str) -> None:  # type: ignore[no-untyped-def]
    """Apply the outbox (the live test server runs no worker), then the meeting is found."""
    from meedoen.events.search import MeetingSearch, find_meetings

    await indexed()
    found = await find_meetings(runtime.search_gateway(), MeetingSearch(q=word))
    assert not found.degraded
    assert ref in {item["ref"] for item in found.items}


async def test_a_resident_signs_up_for_a_full_fair_and_is_promoted(
    live_server,
    browser,
    database,
    runtime,
    indexed,
    checks,
    figures,
    variant,
    mailbox,
):
    from meedoen.events.meetings import meeting_by_ref
    from meedoen.events.signups import cancel, sign_up, signup_by_ref

    word = f"fietsbeurs{uuid.uuid4().hex[:6]}"
    _, organisation = await organiser_account()
    fair = await a_meeting(organisation, title=f"Doen-beurs {word}", slots=(slot(capacity=1),))
    taken = await sign_up(fair, None, guest("eerste"), base_url=BASE, secret_key=SECRET)
    await found_in_the_index(runtime, indexed, word, fair.ref)
    resident = await make_account("resident", display_name=f"Noor{variant.label.replace('-', '')}")

    async with journey(browser, "meeting-resident", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, resident.email, "/activiteiten")
        await page.get_by_label("Wat zoek je?").fill(word)
        await page.get_by_role("button", name="Zoeken", exact=True).click()
        card = page.locator(".meedoen-card__link", has_text=word)
        await card.wait_for()
        await trip.snap("found")
        await card.click()
        await page.wait_for_url(re.compile(rf"/activiteiten/{fair.ref}$"))
        assert "vol, wel wachtlijst" in await main_text(page)
        await trip.snap("fair")
        await page.get_by_role("button", name="Ik kom").click()
        await page.wait_for_url(re.compile(r"/activiteiten/aanmelding/"))
        assert "Je staat op de wachtlijst, op plaats 1" in await main_text(page)
        await trip.snap("waiting-list")
        mine = page.url

        # The one person before them cancels: they move up, with a mail.
        await cancel(
            await meeting_by_ref(fair.ref),
            await signup_by_ref(taken.ref),
            base_url=BASE,
            secret_key=SECRET,
        )
        mail = await mailbox.wait_for(resident.email, "plek vrij")
        assert word in mail.text and word not in mail.subject  # the title, never the subject
        await page.goto(mine)
        assert "Je bent aangemeld." in await main_text(page)
        assert await page.locator(".meedoen-visitor-code").count() == 1
        await trip.snap("promoted")
    finish(trip, figures)


async def test_an_organisation_applies_for_a_stand_records_a_contact_and_follows_it_up(
    live_server,
    browser,
    database,
    checks,
    figures,
    variant,
    mailbox,
):
    from meedoen.events.signups import sign_up
    from meedoen.events.stands import decide, stand_of
    from meedoen.opportunities.service import OpportunityInput, save_opportunity

    organiser, organisation = await organiser_account()
    fair = await a_meeting(
        organisation, title=f"Doen-beurs stands {variant.label}", slots=(slot(days_ahead=0.05),)
    )
    holder, stand_org = await organiser_account()
    await save_opportunity(
        stand_org["id"],
        OpportunityInput(
            kind="vrijwilligerswerk",
            title="Gastvrouw in de tuin",
            description="Help in de tuin.",
            sector="groen",
            wijk="Pathmos",
            postcode="7513 AB",
            status="open",
        ),
    )
    visitor = guest("bezoeker")
    signed = await sign_up(fair, None, visitor, base_url=BASE, secret_key=SECRET)

    async with journey(browser, "meeting-stand", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, holder.email, "/organisatie/activiteiten")
        await page.get_by_role("link", name=fair.meeting["title"]).click()
        await page.get_by_label("Wat laten jullie zien op de beurs?").fill(
            "Vrijwilligerswerk in de tuin."
        )
        await trip.snap("apply")
        await page.get_by_role("button", name="Stand aanvragen").click()
        assert "Je aanvraag is verstuurd" in await main_text(page)
        await trip.snap("applied")

        # The organiser accepts it (their own journey is the check-in).
        stand = await stand_of(fair.meeting["id"], stand_org["id"])
        await decide(fair, stand["id"], organiser.id, accept=True, number="7")
        await page.reload()
        assert "Je staat op stand 7." in await main_text(page)
        await page.get_by_label("Code van de bezoeker").fill(
            signed.visitor_code[:3] + "-" + signed.visitor_code[3:]
        )
        await page.get_by_label("Korte notitie").fill("Wil graag buiten werken.")
        await page.get_by_label("De bezoeker wil dat we contact opnemen").check()
        await trip.snap("record-contact")
        await page.get_by_role("button", name="Vastleggen").click()
        assert "Vastgelegd: jullie spraken met Gast bezoeker." in await main_text(page)
        await trip.snap("contact-recorded")

        await page.get_by_role("link", name="Gast bezoeker").click()
        await page.get_by_label("Uitgenodigd om te reageren op een kans").check()
        await page.get_by_label("Welke kans?").select_option(label="Gastvrouw in de tuin")
        await trip.snap("follow-up")
        await page.get_by_role("button", name="Versturen").click()
        await page.wait_for_url(re.compile(r"/organisatie/contacten$"))
        await trip.snap("contacts")
    mail = await mailbox.wait_for(visitor.email, "Bericht van een organisatie")
    assert stand_org["name"] in mail.text and stand_org["name"] not in mail.subject
    assert "Gastvrouw in de tuin" in mail.text and "/reageren" in mail.text
    finish(trip, figures)


async def test_the_organiser_checks_visitors_in_at_the_door(
    live_server,
    browser,
    database,
    checks,
    figures,
    variant,
):
    from meedoen.events.signups import sign_up
    from meedoen.events.tables import SignUp

    organiser, organisation = await organiser_account()
    fair = await a_meeting(
        organisation,
        title=f"Open dag {variant.label}",
        kind="open_dag",
        slots=(slot(days_ahead=0.05, capacity=40),),
    )
    for name in ("Fatma", "Joost", "Ilse"):
        await sign_up(fair, None, guest(name), base_url=BASE, secret_key=SECRET)

    async with journey(browser, "meeting-check-in", variant, checks) as trip:
        page = trip.page
        await sign_in(
            page, live_server, organiser.email, f"/organisatie/activiteiten/{fair.ref}/inchecken"
        )
        assert "0 van 3 aanwezig" in await main_text(page)
        await trip.snap("door")
        await page.get_by_label("Zoek op naam of code").fill("joost")
        if not variant.javascript:
            await page.get_by_role("button", name="Zoeken", exact=True).click()
        # With JavaScript the list narrows as one types; without, after "Zoeken".
        await expect(page.locator(".meedoen-check-in__row")).to_have_count(1)
        await page.get_by_role("button", name=re.compile(r"Aanwezig\s*:\s*Gast Joost")).click()
        await page.get_by_text("1 van 3 aanwezig").wait_for()
        await trip.snap("ticked")
        await page.get_by_label("Naam (of naam van de groep)").fill("Walk-in Wim")
        await page.get_by_role("button", name="Toevoegen en aanwezig").click()
        await page.get_by_text("2 van 4 aanwezig").wait_for()
        await trip.snap("walk-in")
    present = await SignUp.count().where(
        (SignUp.meeting == fair.meeting["id"]) & SignUp.checked_in_at.is_not_null()
    )
    assert present == 2
    finish(trip, figures)
