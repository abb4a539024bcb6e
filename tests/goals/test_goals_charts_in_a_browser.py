"""The goals dashboard's charts read well on a phone and a wide screen.

The review found labels cut off, chart text of about 11 px (5 px on a phone) and the
figure "82 %" written across the time marker. Here, in every chart a person can see:
text at least 14 px, no two texts and no text and marker on top of each other, nothing
outside the chart's box, and no sideways scrolling of the page.
"""

from __future__ import annotations

import re

import pytest

from support.auth import DEFAULT_PASSWORD, make_account

pytestmark = pytest.mark.browser

PROBLEMS = """() => {
  const problems = [];
  const visible = [...document.querySelectorAll('#doelen-cijfers svg.meedoen-chart')]
    .filter(svg => svg.getBoundingClientRect().width > 0);
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                         && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const svg of visible) {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    const marks = [...svg.querySelectorAll('line[stroke-width="3"]')];
    const rects = texts.map(t => t.getBoundingClientRect());
    texts.forEach((text, i) => {
      const r = rects[i];
      const label = `${svg.id}: "${text.textContent.trim()}"`;
      const size = parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a;
      if (size < 14) problems.push(`${label} is ${size.toFixed(1)} px`);
      if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`${label} is cut off`);
      rects.slice(i + 1).forEach((other, j) => {
        if (overlap(r, other)) problems.push(`${label} overlaps "${texts[i + 1 + j].textContent.trim()}"`);
      });
      marks.forEach(mark => {
        if (overlap(r, mark.getBoundingClientRect())) problems.push(`${label} crosses the time marker`);
      });
    });
  }
  return {charts: visible.length, problems};
}"""


@pytest.mark.parametrize("width", [360, 1280])
async def test_every_chart_is_readable_with_nothing_cut_or_overlapping(
    history, live_server, browser, screenshot, width
):
    admin = await make_account("admin")
    context = await browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
    try:
        page = await context.new_page()
        await page.goto(f"{live_server}/inloggen?next=/doelen")
        await page.get_by_label("E-mailadres").fill(admin.email)
        await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        await page.get_by_role("button", name="Inloggen").click()
        await page.wait_for_url(re.compile(r"/doelen$"))

        found = await page.evaluate(PROBLEMS)
        page_width = await page.evaluate("document.documentElement.scrollWidth")
        await screenshot(page, f"goals-charts-{width}")

        assert found["charts"] >= 6
        assert found["problems"] == [], "\n".join(found["problems"])
        assert page_width <= width
    finally:
        await context.close()
