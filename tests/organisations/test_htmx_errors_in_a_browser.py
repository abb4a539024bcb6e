"""When an htmx action fails (the server refuses it, or the connection is gone), the page
says so right where the person acted, instead of silently keeping the old screen."""

from __future__ import annotations

import pytest

from organisations.conftest import a_resident, a_response, posting_of
from support.auth import make_account
from support.browser_journeys import sign_in

pytestmark = pytest.mark.browser


async def a_response_page(page, live_server):  # type: ignore[no-untyped-def]
    member = await make_account("organisation", display_name="Wijkgilde")
    posting = await posting_of(member, title="Fietsmaatje")
    _, resident = await a_resident("Zoë")
    response = await a_response(posting, resident)
    await sign_in(page, live_server, member.email, f"/organisatie/reacties/{response.ref}")


async def test_a_refused_htmx_action_says_so_where_you_acted(browser, live_server, clean_database):
    context = await browser.new_context(locale="nl-NL")
    page = await context.new_page()
    try:
        await a_response_page(page, live_server)
        # A session that ran out in another tab: the server refuses the request (403).
        await page.evaluate(
            """() => {
                document.body.setAttribute("data-hx-headers", '{"X-CSRF-Token": "verlopen"}');
                document.querySelectorAll("input[name=_csrf_token]").forEach(i => i.value = "verlopen");
            }"""
        )
        widget = page.locator("#status")
        await widget.get_by_label("Status van deze reactie").select_option("uitgenodigd")
        await widget.get_by_role("button", name="Status opslaan").click()

        error = page.locator(".meedoen-htmx-error")
        await error.wait_for()
        assert "Dat is niet gelukt" in await error.inner_text()
        # It stands right above the form the person used.
        assert await error.evaluate("e => e.nextElementSibling.matches('form')")

        await context.set_offline(True)
        await widget.get_by_role("button", name="Status opslaan").click()
        await page.get_by_text("Er is geen verbinding met Meedoen West").wait_for()
        assert await page.locator(".meedoen-htmx-error").count() == 1  # replaced, not stacked
    finally:
        await context.close()
