"""Active search in a real browser: typing updates the results and the address.

Searching without JavaScript is part of the job seeker's journey (tests/quality/test_journeys.py).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
async def searchable(corpus, indexed):
    await indexed()


async def test_typing_updates_the_results_and_the_address(
    live_server, searchable, page, screenshot
):
    await page.goto(f"{live_server}/kansen")
    first_result = await page.locator(".meedoen-card__link").first.inner_text()

    await page.get_by_label("Wat wil je doen?").press_sequentially("magazijn", delay=40)

    await page.wait_for_url(re.compile(r"/kansen\?q=magazijn"))
    results = page.locator("#resultaten .meedoen-card__link")
    await results.first.wait_for()
    assert "magazijn" in (await results.first.inner_text()).lower()
    assert await results.first.inner_text() != first_result
    assert "magazijn" in (await page.locator("#resultaat-melding").inner_text())
    await screenshot(page, "kansen-active-search")

    # A filter updates the results and the address as well; its count stays visible.
    await page.get_by_label(re.compile(r"^Betaald werk")).check()
    await page.wait_for_url(re.compile(r"kind=betaald_werk"))
    await page.wait_for_function(
        "document.querySelector('#resultaten').textContent.includes('Betaald werk: ')"
        " || document.querySelector('#resultaten .meedoen-kansen__chip') !== null"
    )
    assert await page.locator("#resultaten .meedoen-kansen__chip").count() == 1

    # The pushed address loads the same page from scratch.
    await page.reload()
    assert await page.get_by_label("Wat wil je doen?").input_value() == "magazijn"
    assert await page.get_by_label(re.compile(r"^Betaald werk")).is_checked()


PHONE = {"width": 360, "height": 740}
COUNT = re.compile(r"\((\d+)\)")


async def phone_page(browser, javascript: bool):  # type: ignore[no-untyped-def]
    context = await browser.new_context(
        locale="nl-NL", viewport=PHONE, java_script_enabled=javascript
    )
    return context, await context.new_page()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
async def test_on_a_phone_the_results_come_first_and_the_filters_open_over_them(
    live_server, searchable, browser, screenshot, javascript
):
    context, page = await phone_page(browser, javascript)
    suffix = "js" if javascript else "nojs"
    try:
        await page.goto(f"{live_server}/kansen?q=magazijn")

        # Right after the search box: the results (no wall of checkboxes), with the
        # save-search box just above them.
        first_card = await page.locator("#resultaten .meedoen-card").first.bounding_box()
        assert first_card is not None and first_card["y"] < PHONE["height"]
        assert not await page.get_by_label(re.compile(r"^Betaald werk")).is_visible()
        save = await page.locator("#bewaar-zoekopdracht").bounding_box()
        heading = await page.locator("#resultaten-titel").bounding_box()
        assert save is not None and heading is not None and save["y"] < heading["y"]
        await screenshot(page, f"kansen-phone-results-first-{suffix}")

        # "Filters" opens a panel over the whole screen.
        await page.get_by_role("link", name=re.compile(r"^Filters")).click()
        panel = page.locator("#filters")
        await panel.wait_for(state="visible")
        box = await panel.bounding_box()
        assert box is not None and box["y"] <= 1 and box["height"] >= PHONE["height"] - 2
        choice = page.get_by_label(re.compile(r"^Betaald werk"))
        expected = int(COUNT.search(await choice.locator("xpath=..").inner_text()).group(1))
        await choice.check()
        show = page.locator(".meedoen-filters__show")
        if javascript:
            # The button's count follows the choice before anyone taps it.
            await page.wait_for_function(
                "n => document.querySelector('#toon-aantal').textContent.includes('Toon ' + n + ' ')",
                arg=expected,
            )
        await screenshot(page, f"kansen-phone-filter-panel-{suffix}")
        await show.click()

        # Back to the results, which are now the chosen ones.
        await page.wait_for_url(re.compile(r"kind=betaald_werk"))
        await page.locator("#resultaten .meedoen-kansen__chip").first.wait_for()
        assert not await panel.is_visible()
        title = await page.locator("#resultaten-titel").inner_text()
        assert title.startswith(f"{expected} kans"), title
        assert await show.inner_text() == f"Toon {expected} kans" + ("en" if expected != 1 else "")
        await screenshot(page, f"kansen-phone-after-filter-{suffix}")
    finally:
        await context.close()


async def test_on_a_phone_escape_and_sluiten_close_the_filter_panel(
    live_server, searchable, browser
):
    context, page = await phone_page(browser, javascript=True)
    try:
        await page.goto(f"{live_server}/kansen")
        panel = page.locator("#filters")
        for close in ("escape", "link"):
            await page.get_by_role("link", name=re.compile(r"^Filters")).click()
            await panel.wait_for(state="visible")
            if close == "escape":
                await page.keyboard.press("Escape")
            else:
                await page.get_by_role("link", name=re.compile(r"^Sluiten")).click()
            await panel.wait_for(state="hidden")
    finally:
        await context.close()


async def test_a_busy_search_while_typing_says_to_try_again_where_you_typed(
    live_server, searchable, browser
):
    """The server answers 503 with Retry-After when searches are at their limit (tested
    over HTTP in tests/opportunities/test_search_under_load.py); here the browser's part: the resident
    reads "try again in a moment" above the search form, not "something went wrong".
    The busy answer is made by intercepting the results request, because one live
    server cannot be held at its limit for one request only."""
    context = await browser.new_context(locale="nl-NL")
    page = await context.new_page()
    try:
        await page.goto(f"{live_server}/kansen")

        async def busy(route):  # type: ignore[no-untyped-def]
            if route.request.headers.get("hx-request") == "true":
                await route.fulfill(status=503, headers={"Retry-After": "2"}, body="")
            else:
                await route.continue_()

        await page.route(re.compile(r"/kansen\?"), busy)
        await page.get_by_label("Wat wil je doen?").press_sequentially("zorg", delay=40)
        error = page.locator(".meedoen-htmx-error")
        await error.wait_for()
        assert "Het is nu heel druk" in await error.inner_text()
        assert "Dat is niet gelukt" not in await error.inner_text()
        assert await error.evaluate("e => e.nextElementSibling.matches('form')")

        # Once the server answers again, the next keystroke's results replace the message.
        await page.unroute(re.compile(r"/kansen\?"), busy)
        await page.get_by_label("Wat wil je doen?").press_sequentially("en", delay=40)
        await page.wait_for_url(re.compile(r"/kansen\?q=zorgen"))
        await error.wait_for(state="detached")
    finally:
        await context.close()
