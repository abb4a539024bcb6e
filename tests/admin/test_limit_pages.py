"""Administrators see what the limits held back: accounts near their view budget
(/beheer/limieten) and parked mails (/beheer/mail), which they can still send or discard."""

from __future__ import annotations

import re

import pytest

from admin.test_authorisation_matrix import a_parked_mail
from meedoen.mail.tables import OutgoingMail
from meedoen.view_budget import service as view_budget
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account


async def an_account_over_its_budget(monkeypatch: pytest.MonkeyPatch) -> object:
    coach = await make_account("coach", display_name="Coach Scraper")
    monkeypatch.setattr(view_budget, "PER_HOUR", 2)
    with pytest.raises(view_budget.ViewBudgetSpent):
        await view_budget.admit(coach.id, ["res-a", "res-b", "res-c"])
    return coach


async def test_parked_mails_are_listed_and_can_be_sent_after_all_or_discarded(
    client, clean_database, signed_in_as
):
    first, second = await a_parked_mail(), await a_parked_mail()
    await signed_in_as("admin")

    page = await client.get("/beheer/mail")
    token = csrf_token(page.text)
    sent = await client.post(f"/beheer/mail/{first}/versturen", data={"_csrf_token": token})
    thrown = await client.post(f"/beheer/mail/{second}/weggooien", data={"_csrf_token": token})
    again = await client.post(f"/beheer/mail/{second}/weggooien", data={"_csrf_token": token})

    assert page.status_code == 200 and "iemand@example.org" in page.text
    assert "dezelfde mails op één dag" in page.text
    assert sent.status_code == thrown.status_code == 303 and again.status_code == 404
    released = await OutgoingMail.objects().get(OutgoingMail.id == first)
    assert released is not None and released.parked_at is None  # the sender takes it now
    assert not await OutgoingMail.exists().where(OutgoingMail.id == second)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
async def test_the_limit_pages_in_a_browser(
    browser, live_server, clean_database, screenshot, width, monkeypatch
):
    await an_account_over_its_budget(monkeypatch)
    await a_parked_mail()
    await a_parked_mail()
    admin = await make_account("admin")
    context = await browser.new_context(viewport={"width": width, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(f"{live_server}/inloggen")
        await page.get_by_label("E-mailadres").fill(admin.email)
        await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        await page.locator("main form button[type=submit]").first.click()
        await page.wait_for_load_state()
        await page.goto(f"{live_server}/beheer/limieten")
        assert "Coach Scraper" in await page.locator("main").inner_text()
        await screenshot(page, f"beheer-limieten-{width}")
        await page.goto(f"{live_server}/beheer/mail")
        await page.get_by_role("button", name="Toch versturen").first.click()
        await page.wait_for_url(re.compile(r"/beheer/mail$"))
        assert "alsnog verstuurd" in await page.locator("main").inner_text()
        await screenshot(page, f"beheer-mail-{width}")
        width_used = await page.evaluate("document.documentElement.scrollWidth")
        assert width_used <= width, "the page scrolls sideways"
    finally:
        await context.close()
