"""The insight view in a real Chromium, at a phone's and a desktop's width, with the demo
district's figures: no axe violations, the filters work with and without JavaScript."""

from __future__ import annotations

import pytest

from quality.test_accessibility import AXE, axe_violations, describe
from support.auth import DEFAULT_PASSWORD, make_account

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make install"),
]


@pytest.fixture
async def demo_figures(corpus):  # type: ignore[no-untyped-def]
    from meedoen.demo.history import seed_history
    from meedoen.demo.insight import seed_company_visits, seed_search_demand
    from meedoen.demo.meetings import seed_meetings
    from meedoen.insight.tables import SearchDemand

    await SearchDemand.delete(force=True)  # counts other tests left
    await seed_history()
    await seed_meetings()
    await seed_search_demand()
    await seed_company_visits()


async def sign_in_as_admin(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    admin = await make_account("admin")
    await page.goto(f"{live_server}/inloggen")
    await page.get_by_label("E-mailadres").fill(admin.email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.locator("main form button[type=submit]").first.click()
    await page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("width", [360, 1280])
async def test_an_administrator_reads_the_insight_view_on_any_screen(
    browser, live_server, demo_figures, screenshot, width, javascript
):
    context = await browser.new_context(
        locale="nl-NL", viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    page = await context.new_page()
    try:
        await sign_in_as_admin(page, live_server)
        await page.goto(f"{live_server}/beheer/inzicht")
        assert await page.locator("#tabel-stages_sector").is_visible()
        assert await page.locator("#tabel-zoekvragen").get_by_text("heftruck certificaat").count()

        await page.get_by_label("Wijk", exact=True).select_option("Stadsveld")
        await page.get_by_role("button", name="Toon cijfers").click()
        await page.wait_for_load_state()
        await page.locator("#inzicht-cijfers", has_text="Wijk: Stadsveld.").wait_for()
        assert "wijk=Stadsveld" in page.url

        await screenshot(page, f"inzicht-{width}-{'js' if javascript else 'zonder-js'}")
        if javascript:
            violations = await axe_violations(page)
            assert not violations, describe(f"/beheer/inzicht @{width}", violations)
    finally:
        await context.close()
