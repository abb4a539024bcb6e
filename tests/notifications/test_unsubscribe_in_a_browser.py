"""A resident reads the mail that she is invited and stops that kind of mail with one
click from it, on a phone, without signing in; other kinds keep coming."""

from __future__ import annotations

import httpx
import pytest

from meedoen.notifications import service
from notifications.test_notifications import a_resident_who_responded
from residents.test_resident_in_a_browser import assert_accessible, fits_the_screen
from support.auth import DEFAULT_PASSWORD, post_form, sign_in

pytestmark = pytest.mark.browser


async def test_the_invitation_mail_reads_well_and_its_link_stops_that_kind_only(
    live_server, browser, clean_database, mailbox, screenshot
):
    member, resident, response = await a_resident_who_responded()
    async with httpx.AsyncClient(base_url=live_server) as organisation:
        await sign_in(organisation, member.email, DEFAULT_PASSWORD)
        page = f"/organisatie/reacties/{response.ref}"
        marked = await post_form(
            organisation, page, {"status": "uitgenodigd"}, action=f"{page}/status"
        )
        assert marked.status_code == 303

    mail = await mailbox.wait_for(resident.email, "uitgenodigd")
    link = str(mail.message["List-Unsubscribe"]).strip("<>")
    assert mail.subject == "Je bent uitgenodigd voor een gesprek"
    assert link in mail.text, "the link is in the mail itself, not only in a header"

    context = await browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740})
    try:
        phone = await context.new_page()
        await phone.goto(link)
        assert (await service.preferences(resident.id, "resident"))["response_invited"] == "direct"
        assert await fits_the_screen(phone)
        await assert_accessible(phone, "notification unsubscribe")
        await phone.get_by_role("button", name="Afmelden").click()
        await phone.get_by_text("Je bent afgemeld.").wait_for()
        assert await phone.get_by_role("button", name="Afmelden").count() == 0
        await screenshot(phone, "notification-unsubscribed-360")
    finally:
        await context.close()

    chosen = await service.preferences(resident.id, "resident")
    assert chosen["response_invited"] == "off"
    assert chosen["response_placed"] == "direct"
