"""The caseload on a phone: the list comes first and no cell is cut off; a resident's
ladder chart has text of 14 px or more and its table of rungs does not scroll sideways.

Five filters stood above the list at 360 px, and Utrecht's one-line block-size on table
cells cut wrapped text off. With and without JavaScript; on a wide screen the filters
stay open beside nothing, above the table.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from coaching.conftest import a_resident_of, as_user
from meedoen.placements import ladder
from support.auth import DEFAULT_PASSWORD, make_account

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}


async def caseload(page, live_server: str, coach) -> None:  # type: ignore[no-untyped-def]
    await page.goto(f"{live_server}/inloggen?next=/coach")
    await page.get_by_label("E-mailadres").fill(coach.email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(r"/coach$"))


async def a_coach_with_residents():  # type: ignore[no-untyped-def]
    coach = await make_account("coach", display_name="Coach Fatima")
    for name in ("Sanne", "Mohammed-Abdelkarim"):
        await a_resident_of(as_user(coach), first_name=name)
    return coach


async def nothing_is_cut_off(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Cells of the list whose content is taller or wider than the cell shows (the column
    headings are hidden on a phone, for screen readers only)."""
    return await page.evaluate(
        """() => [...document.querySelectorAll('#caseload tbody td, #caseload tbody th')]
            .filter(cell => cell.scrollHeight > cell.clientHeight + 1
                         || cell.scrollWidth > cell.clientWidth + 1)
            .map(cell => cell.textContent.trim())"""
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
async def test_on_a_phone_the_caseload_list_comes_before_the_filters(
    live_server, browser, screenshot, javascript
):
    coach = await a_coach_with_residents()
    context = await browser.new_context(
        locale="nl-NL", viewport=PHONE, java_script_enabled=javascript
    )
    try:
        page = await context.new_page()
        await caseload(page, live_server, coach)

        first_resident = page.get_by_role("link", name="Mohammed-Abdelkarim")
        assert await first_resident.is_visible()
        assert not await page.get_by_label("Wijk").is_visible()
        summary = page.get_by_text("Filteren en sorteren")
        assert (await summary.bounding_box())["y"] < (await first_resident.bounding_box())["y"]
        assert (await first_resident.bounding_box())["y"] < PHONE["height"]
        assert await nothing_is_cut_off(page) == []
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]

        await summary.click()
        await page.get_by_label("Wijk").select_option("Stadsveld")
        if not javascript:
            await page.get_by_role("button", name="Filteren").click()
        await page.wait_for_url(re.compile(r"wijk=Stadsveld"))
        await page.get_by_text("(1 filter aan)").wait_for()
        await screenshot(page, f"coach-caseload-phone-{'js' if javascript else 'no-js'}")
    finally:
        await context.close()


async def test_on_a_wide_screen_the_filters_are_open_above_the_table(
    live_server, browser, screenshot
):
    coach = await a_coach_with_residents()
    context = await browser.new_context(locale="nl-NL", viewport=WIDE)
    try:
        page = await context.new_page()
        await caseload(page, live_server, coach)

        assert await page.get_by_label("Wijk").is_visible()
        assert await page.get_by_role(
            "columnheader", name=re.compile("^Laatste contact")
        ).is_visible()
        assert await nothing_is_cut_off(page) == []
        await screenshot(page, "coach-caseload-wide")
    finally:
        await context.close()


LADDER_TEXT = """() => {
  const svg = [...document.querySelectorAll('svg.meedoen-ladder-chart__svg')]
    .find(svg => svg.getBoundingClientRect().width > 0);
  const box = svg.getBoundingClientRect();
  return {
    variant: svg.getAttribute('class'),
    texts: [...svg.querySelectorAll('text')].map(text => {
      const r = text.getBoundingClientRect();
      return {
        text: text.textContent.trim(),
        px: parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a,
        inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1,
      };
    }),
  };
}"""


async def test_on_a_phone_the_ladder_chart_text_is_at_least_14_px(live_server, browser, screenshot):
    coach = await make_account("coach", display_name="Coach Fatima")
    resident = await a_resident_of(as_user(coach), rung=2, motivation="Komt weinig buiten.")
    earlier = dt.date.today() - dt.timedelta(days=60)
    before = ladder.RungEntry(1, earlier, "review", "Kwam niet buiten.")
    await ladder.record_rung(resident, before, actor_id=as_user(coach).account_id)
    for viewport, variant in ((PHONE, "narrow"), (WIDE, "wide")):
        context = await browser.new_context(locale="nl-NL", viewport=viewport)
        try:
            page = await context.new_page()
            await caseload(page, live_server, coach)
            await page.goto(f"{live_server}/coach/bewoners/{resident.ref}")
            chart = await page.evaluate(LADDER_TEXT)
            width = await page.evaluate("document.documentElement.scrollWidth")
            await screenshot(page, f"coach-ladder-chart-{variant}")

            assert chart["variant"].endswith(f"--{variant}")
            assert len(chart["texts"]) == 8  # six rungs and two dates
            if variant == "narrow":
                assert [t for t in chart["texts"] if t["px"] < 14] == []
            assert [t for t in chart["texts"] if not t["inside"]] == []
            assert width <= viewport["width"]
            # The recorded rungs under it: a block per rung on a phone, nothing scrolls.
            rungs = await page.evaluate(
                """() => { const region = document.querySelector('#treden').closest('[role=region]');
                           return region.scrollWidth <= region.clientWidth + 1; }"""
            )
            assert rungs, "the table of rungs scrolls sideways"
        finally:
            await context.close()
