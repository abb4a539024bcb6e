"""A student looks for a BBL place at an erkend leerbedrijf, on a phone and on a desktop,
with and without JavaScript: the filters in the address find it, the kans says what the
student needs to know (level, route, duration, the badge)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"telefoon": 360, "desktop": 1280}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "zonder-js"])
async def test_a_student_finds_a_recognised_bbl_place(
    live_server, corpus, indexed, browser, screenshot, width, javascript
):
    await indexed()
    context = await browser.new_context(
        locale="nl-NL",
        java_script_enabled=javascript,
        viewport={"width": WIDTHS[width], "height": 800},
    )
    page = await context.new_page()
    try:
        await page.goto(f"{live_server}/kansen?route=bbl&leerbedrijf=erkend&level=mbo2")
        results = page.locator("#resultaten a.meedoen-card__link")
        titles = [t.strip() for t in await results.all_inner_texts()]
        assert titles == ["Leerbaan timmerman (bbl)"]
        await screenshot(page, f"stages-zoeken-{width}-{'js' if javascript else 'zonder-js'}")

        await results.first.click()
        await page.wait_for_url(f"{live_server}/kansen/opp-0206")
        await page.get_by_text("Erkend leerbedrijf").first.wait_for()
        facts = await page.locator("section[aria-labelledby=over-de-stage]").inner_text()
        assert "mbo niveau 2, mbo niveau 3" in facts
        assert "BBL: werken en leren" in facts
        assert "52 weken" in facts
        await screenshot(page, f"stages-kans-{width}-{'js' if javascript else 'zonder-js'}")
    finally:
        await context.close()
