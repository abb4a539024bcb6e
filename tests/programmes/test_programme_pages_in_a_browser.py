"""The programme pages in a real Chromium at 360 px and 1280 px, with and without
JavaScript: axe finds no WCAG 2.1 AA violations, the owner accepts a company by a plain
form, and a screenshot is kept of the public page (test-artifacts/screenshots)."""

from __future__ import annotations

import pytest

from programmes.conftest import a_programme_with_results
from quality.test_accessibility import AXE, axe_violations, describe
from support.auth import DEFAULT_PASSWORD
from support.browser import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make install"),
]


@pytest.mark.parametrize("width, javascript", [(360, True), (1280, True), (360, False)])
async def test_programme_pages_are_accessible_and_work_without_javascript(
    browser, live_server, database, width, javascript
):
    owner, _, waiting, programme = await a_programme_with_results()
    ref = programme["ref"]
    label = f"{width}-{'js' if javascript else 'nojs'}"
    context = await browser.new_context(
        locale="nl-NL", viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    page = await context.new_page()
    problems: list[str] = []

    async def check(name: str) -> None:
        # axe runs as a script, so only where the page may run one.
        if javascript:
            violations = await axe_violations(page)
            if violations:
                problems.append(describe(f"{name} @{label}", violations))

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for path in ("/programmas", f"/programmas/{ref}"):
            await page.goto(f"{live_server}{path}")
            await check(path)
        await page.screenshot(path=str(SCREENSHOTS / f"programme-{label}.png"), full_page=True)
        if javascript:
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
            assert not overflow, f"the programme page scrolls sideways at {width} px"
        assert "Kijken in de lasserij" in await page.locator("main").inner_text()

        await page.goto(f"{live_server}/inloggen")
        await page.get_by_label("E-mailadres").fill(owner.email)
        await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        await page.locator("main form button[type=submit]").first.click()
        await page.wait_for_load_state()
        await page.goto(f"{live_server}/organisatie/programmas/{ref}")
        await check("manage")
        await page.screenshot(
            path=str(SCREENSHOTS / f"programme-manage-{label}.png"), full_page=True
        )
        await page.get_by_role("button", name="Accepteren").first.click()
        await page.wait_for_load_state()
        assert "De organisatie doet nu mee." in await page.locator("main").inner_text()
    finally:
        await context.close()
    assert waiting.email
    assert not problems, "\n".join(problems)
