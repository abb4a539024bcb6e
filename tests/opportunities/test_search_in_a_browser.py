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
    assert "Magazijn" in await results.first.inner_text()
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
