"""The goals dashboard's tables (and charts) on a phone, on a wide screen and on paper.

At 360 px the tables (the goals table is eight columns wide) scrolled sideways. Now each
row is a block of "heading: value" lines on a phone, a normal table at 1280 px and in
print; the column headings stay in the table for screen readers.
"""

from __future__ import annotations

import re

import pytest

from quality.test_accessibility import AXE, axe_violations, describe
from support.auth import DEFAULT_PASSWORD, make_account
from support.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

# Per table of the dashboard: how it is displayed, whether it (or its region) is wider
# than it shows, and which cells have more content than they show.
TABLES = """() => [...document.querySelectorAll('#doelen-cijfers table')].map(table => {
  const region = table.closest('[role=region]');
  const cells = [...table.querySelectorAll('tbody td, tbody th')];
  return {
    id: table.id,
    display: getComputedStyle(table).display,
    scrolls: region.scrollWidth > region.clientWidth + 1 || table.scrollWidth > table.clientWidth + 1,
    right: table.getBoundingClientRect().right,
    cut: cells.filter(cell => cell.scrollHeight > cell.clientHeight + 1
                           || cell.scrollWidth > cell.clientWidth + 1)
              .map(cell => cell.textContent.trim()),
    unlabelled: cells.filter(cell => cell.tagName === 'TD' && !cell.dataset.label).length,
  };
})"""


async def dashboard(browser, live_server: str, width: int):  # type: ignore[no-untyped-def]
    admin = await make_account("admin")
    context = await browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
    page = await context.new_page()
    await page.goto(f"{live_server}/inloggen?next=/doelen")
    await page.get_by_label("E-mailadres").fill(admin.email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(r"/doelen$"))
    return context, page


async def test_on_a_phone_every_goals_table_is_a_block_per_row_without_sideways_scroll(
    history, live_server, browser, screenshot
):
    context, page = await dashboard(browser, live_server, 360)
    try:
        tables = await page.evaluate(TABLES)
        page_width = await page.evaluate("document.documentElement.scrollWidth")
        await screenshot(page, "goals-tables-360")

        assert len(tables) >= 8 and "tabel-doelen" in {t["id"] for t in tables}
        for table in tables:
            assert table["display"] == "block", table["id"]
            assert not table["scrolls"], f"{table['id']} scrolls sideways"
            assert table["right"] <= 360, table["id"]
            assert table["cut"] == [], f"{table['id']}: {table['cut']}"
            assert table["unlabelled"] == 0, table["id"]
        assert page_width <= 360
        # The column headings are out of sight but still the table's headings.
        goals = page.locator("#tabel-doelen")
        assert await goals.get_by_role("columnheader").count() == 8
        assert (await goals.locator("thead").bounding_box())["width"] <= 1
        label = await goals.locator("tbody td").first.evaluate(
            "cell => getComputedStyle(cell, '::before').content"
        )
        assert label.strip('"') == await goals.locator("thead th").nth(1).inner_text()
        if AXE.exists():
            violations = await axe_violations(page)
            assert violations == [], describe("/doelen at 360 px", violations)
    finally:
        await context.close()


async def test_on_a_wide_screen_and_in_print_the_goals_tables_are_tables(
    history, live_server, browser, screenshot
):
    context, page = await dashboard(browser, live_server, 1280)
    try:
        tables = await page.evaluate(TABLES)
        await screenshot(page, "goals-tables-1280")
        for table in tables:
            assert table["display"] == "table", table["id"]
            assert table["cut"] == [], f"{table['id']}: {table['cut']}"
        assert await page.locator("#tabel-doelen thead").is_visible()

        # On A4 with its margins the page is about 680 px wide.
        await page.emulate_media(media="print")
        await page.set_viewport_size({"width": 680, "height": 1000})
        printed = await page.evaluate(TABLES)
        await screenshot(page, "goals-print")
        await page.pdf(path=str(SCREENSHOTS / "goals-print.pdf"), format="A4")
        for table in printed:
            assert table["display"] == "table", table["id"]
            assert not table["scrolls"], f"{table['id']} is wider than the paper"
            assert table["cut"] == [], f"{table['id']}: {table['cut']}"
        # On paper the wide layout of each bar chart (an A4 page is narrower than 48em).
        shown = await page.evaluate(
            """() => [...document.querySelectorAll('svg.meedoen-chart--wide, svg.meedoen-chart--narrow')]
                .filter(svg => svg.getBoundingClientRect().width > 0)
                .map(svg => svg.classList.contains('meedoen-chart--wide'))"""
        )
        assert shown and all(shown)
        assert not await page.locator(".meedoen-header").is_visible()
        assert not await page.locator(".meedoen-goals-filters").is_visible()
    finally:
        await context.close()
