"""A new business's whole path in a real browser: it signs up, an administrator verifies
it, it posts a stage that residents then find in search, a resident responds and the
business marks the response with the htmx status widget."""

from __future__ import annotations

import asyncio
import re
import uuid

import pytest

from meedoen.mail.tables import OutgoingMail
from meedoen.organisations.tables import Organisation
from organisations.conftest import a_resident, a_response
from support.auth import DEFAULT_PASSWORD, make_account

pytestmark = pytest.mark.browser


async def sign_in(page, live_server: str, email: str, next_page: str) -> None:  # type: ignore[no-untyped-def]
    await page.goto(f"{live_server}/inloggen?next={next_page}")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(re.escape(next_page) + "$"))


async def wait_for_mail_link(address: str, path_start: str) -> str:
    for _ in range(50):
        mail = await OutgoingMail.select().where(OutgoingMail.to_address == address).first()
        if mail:
            return re.search(re.escape(path_start) + r"\S+", mail["text_body"]).group(0)  # type: ignore[union-attr]
        await asyncio.sleep(0.1)
    raise AssertionError(f"no mail to {address}")


async def test_a_business_signs_up_posts_a_stage_and_handles_a_response(
    live_server, database, indexed, browser, page, screenshot
):
    word = f"zwaluw{uuid.uuid4().hex[:6]}"
    email = f"bedrijf-{word}@meedoen-test.nl"
    title = f"Stage fietsenmaker {word}"

    # The business signs up as an organisation and confirms its address.
    await page.goto(f"{live_server}/registreren")
    await page.get_by_label("Ik meld een organisatie aan").check()
    await page.get_by_label("Je naam").fill("Henk")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_label("Naam van de organisatie").fill(f"Fietsenmakerij {word}")
    await page.get_by_label("Soort organisatie").select_option("bedrijf")
    await page.get_by_label("Sector").select_option("metaal en techniek")
    await page.get_by_label("Wijk").select_option("Pathmos")
    await page.get_by_label("Postcode").fill("7513 AB")
    await page.get_by_role("button", name="Account maken").click()
    await page.wait_for_url(re.compile(r"/registreren/verstuurd$"))
    await page.goto(live_server + await wait_for_mail_link(email, "/e-mail-bevestigen/"))
    organisation = (
        await Organisation.select().where(Organisation.name == f"Fietsenmakerij {word}").first()
    )
    assert organisation is not None and not organisation["verified"]

    # An administrator verifies it.
    admin = await make_account("admin")
    admin_context = await browser.new_context(locale="nl-NL")
    admin_page = await admin_context.new_page()
    try:
        await sign_in(admin_page, live_server, admin.email, "/beheer")
        await admin_page.get_by_test_id(f"verify-{organisation['ref']}").click()
        await admin_page.get_by_text("De organisatie is gecontroleerd").wait_for()
    finally:
        await admin_context.close()

    # It posts a stage and publishes it.
    await sign_in(page, live_server, email, "/organisatie")
    await page.get_by_role("link", name="Nieuwe kans").click()
    await page.get_by_label("Titel").fill(title)
    await page.get_by_label("Soort kans").select_option("stage")
    await page.get_by_label("Wat ga je doen?").fill("Je repareert fietsen met ons team.")
    await page.get_by_label("Sector").select_option("metaal en techniek")
    await page.get_by_label("Wijk").select_option("Pathmos")
    await page.get_by_role("button", name="Opslaan en publiceren").click()
    await page.wait_for_url(re.compile(r"/voorbeeld$"))
    ref = page.url.split("/")[-2]

    # The in-process worker puts it in the search index.
    search = await browser.new_context(locale="nl-NL")
    visitor = await search.new_page()
    try:
        for _ in range(60):
            await visitor.goto(f"{live_server}/kansen?q={word}")
            if title in await visitor.locator("main").inner_text():
                break
            await asyncio.sleep(0.5)
        else:
            raise AssertionError("the stage did not show up in search")
    finally:
        await search.close()

    # A resident responds (through the service: the resident pages have their own tests).
    _, resident = await a_resident("Zoë")
    response = await a_response(ref, resident, shared=("first_name", "email"))

    # The business opens the response and marks it, the widget swapping in place.
    await page.goto(f"{live_server}/organisatie/reacties")
    await page.get_by_role("link", name=re.compile("Zoë")).click()
    await page.wait_for_url(re.compile(rf"/organisatie/reacties/{response.ref}$"))
    assert "zoe@example.nl" in await page.locator("main").inner_text()
    widget = page.locator("#status")
    await widget.get_by_label("Status van deze reactie").select_option("uitgenodigd")
    await widget.get_by_role("button", name="Status opslaan").click()
    await page.locator("#status").get_by_text("De status is nu: uitgenodigd.").wait_for()
    assert page.url.endswith(response.ref), "htmx swapped the widget without leaving the page"
    await screenshot(page, "organisation-response-marked")
