"""A new business's path in a real browser: it signs up, an administrator verifies it, a
resident responds to its stage and the business marks the response with the htmx status
widget. Posting a stage that residents then find is the business's journey in
tests/quality/test_journeys.py."""

from __future__ import annotations

import re
import uuid

import pytest

from meedoen.accounts.tables import Account
from meedoen.mail.tables import OutgoingMail
from meedoen.organisations.tables import Organisation
from organisations.conftest import a_resident, a_response, posting_of
from support.auth import DEFAULT_PASSWORD, make_account

pytestmark = pytest.mark.browser


async def sign_in(page, live_server: str, email: str, next_page: str) -> None:  # type: ignore[no-untyped-def]
    await page.goto(f"{live_server}/inloggen?next={next_page}")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(re.escape(next_page) + "$"))


async def mail_link(address: str, path_start: str) -> str:
    """The link in the mail the server queued while answering the request the page has
    already followed (the live test server sends no mail, so it waits in the outbox)."""
    mail = await OutgoingMail.select().where(OutgoingMail.to_address == address).first()
    assert mail, f"no mail to {address}"
    return re.search(re.escape(path_start) + r"\S+", mail["text_body"]).group(0)  # type: ignore[union-attr]


async def test_a_business_signs_up_is_verified_and_handles_a_response(
    live_server, database, browser, page, screenshot
):
    word = f"zwaluw{uuid.uuid4().hex[:6]}"
    email = f"bedrijf-{word}@meedoen-test.nl"
    title = f"Stage fietsenmaker {word}"

    # The business signs up as an organisation and confirms its address.
    await page.goto(f"{live_server}/registreren")
    await page.get_by_role("link", name="Ik meld een organisatie aan").click()
    await page.get_by_label("Je naam").fill("Henk")
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_label("Naam van de organisatie").fill(f"Fietsenmakerij {word}")
    await page.get_by_label("Soort organisatie").select_option("bedrijf")
    await page.get_by_label("KvK-nummer").fill("1234 5678")
    await page.get_by_label("Sector").select_option("metaal en techniek")
    await page.get_by_label("Wijk").select_option("Pathmos")
    await page.get_by_label("Postcode").fill("7513 AB")
    await page.get_by_role("button", name="Organisatie aanmelden").click()
    await page.wait_for_url(re.compile(r"/registreren/verstuurd$"))
    await page.goto(live_server + await mail_link(email, "/e-mail-bevestigen/"))
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
        # The queue links to the organisation's page: what it entered, then the decision.
        await admin_page.get_by_role("link", name=f"Fietsenmakerij {word}").click()
        assert "12345678" in await admin_page.locator("main").inner_text()
        await admin_page.get_by_role("button", name="Goedkeuren").click()
        await admin_page.get_by_text(f"Fietsenmakerij {word} is goedgekeurd.").wait_for()
    finally:
        await admin_context.close()

    # It has a stage (posting one is the business's journey), and a resident responds
    # (through the service: the resident pages have their own tests).
    account = await Account.objects().get(Account.email == email)
    ref = await posting_of(account, title=title)
    _, resident = await a_resident("Zoë")
    response = await a_response(ref, resident, shared=("first_name", "email"))

    # The business opens the response and marks it, the widget swapping in place.
    await sign_in(page, live_server, email, "/organisatie/reacties")
    await page.get_by_role("link", name=re.compile("Zoë")).click()
    await page.wait_for_url(re.compile(rf"/organisatie/reacties/{response.ref}$"))
    assert "zoe@example.nl" in await page.locator("main").inner_text()
    widget = page.locator("#status")
    await widget.get_by_label("Status van deze reactie").select_option("uitgenodigd")
    await widget.get_by_role("button", name="Status opslaan").click()
    await page.locator("#status").get_by_text("De status is nu: uitgenodigd.").wait_for()
    assert page.url.endswith(response.ref), "htmx swapped the widget without leaving the page"
    await screenshot(page, "organisation-response-marked")
