"""The job seeker's journey with nothing but a keyboard: from the home page through the
skip link to a search, a result, signing in and responding.

At every focus stop: the focus is visible (the element's outline or shadow changes and
shows), it lies in the viewport, and Tab moves forward through the document (Shift+Tab
backward). Every page has no positive tabindex, starts with the skip link, and Tabbing
through all of it leaves the page and comes back to the start: no keyboard trap.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest

from organisations.conftest import posting_of
from support.auth import DEFAULT_PASSWORD, make_account
from support.browser_journeys import Variant, journey, until_searchable

pytestmark = pytest.mark.browser

# Installed on each page: remembers how every focusable element looks unfocused, and
# describes the focused one compared with that.
PROBE = """
() => {
  if (window.__keyboardProbe) return;
  const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const looks = new WeakMap();
  const pick = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor].join('|');
  };
  window.__keyboardProbe = {
    last: null,
    remember() {
      for (const el of document.querySelectorAll(FOCUSABLE)) {
        if (el !== document.activeElement) looks.set(el, pick(el));
      }
    },
    positiveTabindex() {
      return [...document.querySelectorAll('[tabindex]')]
        .filter((el) => el.tabIndex > 0).map((el) => el.outerHTML.slice(0, 80));
    },
    tabbable() {
      return [...document.querySelectorAll(FOCUSABLE)].filter((el) =>
        el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0);
    },
    describe(backwards) {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) {
        this.last = null;
        return null;
      }
      const s = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      let order = 'first';
      if (this.last && this.last.isConnected && this.last !== el) {
        const position = this.last.compareDocumentPosition(el);
        const wanted = backwards ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING;
        order = (position & wanted) ? 'ok' : 'wrong';
        // Past the last stop the focus may go round to the first without leaving the page.
        const ends = this.tabbable();
        const [start, end] = backwards ? [ends[ends.length - 1], ends[0]] : [ends[0], ends[ends.length - 1]];
        if (order === 'wrong' && el === start && this.last === end) order = 'wrapped';
      }
      this.last = el;
      const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText)
        || el.innerText || el.value || '';
      return {
        what: `<${el.tagName.toLowerCase()}> ${label.trim().replace(/\\s+/g, ' ').slice(0, 60)}`,
        name: label.trim(),
        id: el.id,
        changed: looks.has(el) ? looks.get(el) !== pick(el) : true,
        indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1)
          || s.boxShadow !== 'none',
        inView: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight
          && rect.right > 0 && rect.left < innerWidth,
        order,
      };
    },
  };
}
"""


@dataclass
class KeyboardUser:
    """Presses keys, and checks every place the focus lands."""

    page: Any
    stops: int = 0
    problems: list[str] = field(default_factory=list)

    async def press(self, key: str) -> None:
        """Enter, Space and the like (which may load another page)."""
        await self.page.keyboard.press(key)

    async def tab(self, backwards: bool = False) -> dict[str, Any] | None:
        """Tab (or Shift+Tab) and check where the focus lands; None when it left the page."""
        await self.page.evaluate(f"() => {{ ({PROBE})(); window.__keyboardProbe.remember(); }}")
        await self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stop = await self.page.evaluate(
            "backwards => window.__keyboardProbe.describe(backwards)", backwards
        )
        if stop is not None:
            self.check(stop)
        return stop  # type: ignore[no-any-return]

    def check(self, stop: dict[str, Any]) -> None:
        self.stops += 1
        where = f"{self.page.url}: {stop['what']}"
        if not (stop["changed"] and stop["indicator"]):
            self.problems.append(f"{where}: no visible focus indicator")
        if not stop["inView"]:
            self.problems.append(f"{where}: focused but not in view")
        if stop["order"] == "wrong":
            self.problems.append(f"{where}: focus went against the document order")

    async def tab_to(self, name: str | re.Pattern[str], limit: int = 150) -> dict[str, Any]:
        """Tab forward until an element with this (accessible) name has focus."""
        for _ in range(limit):
            stop = await self.tab()
            if stop is not None and (
                re.search(name, stop["name"])
                if isinstance(name, re.Pattern)
                else stop["name"] == name
            ):
                return stop
        raise AssertionError(f"{self.page.url}: Tab never reached {name!r}")

    async def type(self, text: str) -> None:
        await self.page.keyboard.type(text)

    async def check_page(self) -> None:
        """On a freshly loaded page: the skip link comes first, no positive tabindex, and
        Tabbing through everything leaves the page and comes back (no trap)."""
        await self.page.evaluate(PROBE)
        positive = await self.page.evaluate("window.__keyboardProbe.positiveTabindex()")
        assert not positive, f"{self.page.url}: positive tabindex on {positive}"
        limit = 2 * await self.page.evaluate("window.__keyboardProbe.tabbable().length") + 5
        first = await self.tab()
        assert first is not None and first["name"] == "Naar de inhoud", (
            f"{self.page.url}: the first Tab stop is {first and first['what']}, not the skip link"
        )
        left_the_page = False
        for _ in range(limit):
            stop = await self.tab()
            if stop is None:
                left_the_page = True
            elif left_the_page or stop["order"] == "wrapped":
                assert stop["name"] == "Naar de inhoud", f"came back at {stop['what']}"
                return
        raise AssertionError(f"{self.page.url}: focus is trapped: {limit} Tabs never cycled")

    async def skip_to_content(self) -> None:
        """From the skip link (focused), Enter moves the focus to the main content."""
        await self.page.keyboard.press("Enter")
        focused = await self.page.evaluate("document.activeElement.id")
        assert focused == "inhoud", f"the skip link moved the focus to #{focused}"
        await self.page.evaluate("window.__keyboardProbe.last = document.activeElement")


async def test_a_job_seeker_can_do_everything_with_the_keyboard(
    live_server, browser, database, runtime, figures
):
    word = f"toetsenbord{uuid.uuid4().hex[:6]}"
    title = f"Stage in de fietsenwerkplaats {word}"
    business = await make_account("organisation")
    ref = await posting_of(business, title=title, kind="stage")
    seeker = await make_account("resident", display_name="Sem")
    await until_searchable(runtime, word, ref)

    async with journey(browser, "keyboard", Variant(1280, 800, javascript=True)) as trip:
        page = trip.page
        keys = KeyboardUser(page)

        # Home: skip the menus, search.
        await page.goto(f"{live_server}/")
        await keys.check_page()
        await trip.snap("home-skip-link", full_page=False)
        await keys.skip_to_content()
        await keys.tab_to("Wat wil je doen?")
        await keys.type(word)
        await keys.press("Enter")
        await page.wait_for_url(re.compile(rf"/kansen\?q={word}"))

        # Results: open the one found.
        await keys.check_page()
        await keys.skip_to_content()
        await keys.tab_to(re.compile(re.escape(title)))
        await trip.snap("result-focused", full_page=False)
        await keys.press("Enter")
        await page.wait_for_url(re.compile(rf"/kansen/{ref}$"))

        # The opportunity: respond, which asks to sign in first.
        await keys.check_page()
        await keys.skip_to_content()
        await keys.tab_to("Ik wil meedoen")
        await keys.press("Enter")
        await page.wait_for_url(re.compile(r"/inloggen\?next="))
        await keys.check_page()
        await keys.skip_to_content()
        await keys.tab_to("E-mailadres")
        await keys.type(seeker.email)
        await keys.tab_to("Wachtwoord")
        await keys.type(DEFAULT_PASSWORD)
        await keys.press("Enter")
        await page.wait_for_url(re.compile(rf"/kansen/{ref}/reageren$"))

        # The response form: a message, also share the phone number (Space), send.
        await keys.check_page()
        await keys.skip_to_content()
        await keys.tab_to(re.compile(r"^Je bericht aan de organisatie"))
        await keys.type("Ik sleutel graag aan fietsen.")
        await keys.tab_to(re.compile(r"^Mijn telefoonnummer"))
        await keys.press("Space")
        assert await page.evaluate("document.activeElement.checked")
        await keys.tab_to(re.compile(r"^Je telefoonnummer"))
        await keys.type("0612345678")
        await keys.tab_to("Verstuur mijn reactie")
        await keys.tab(backwards=True)
        await keys.tab()
        await trip.snap("submit-focused", full_page=False)
        await keys.press("Enter")
        await page.wait_for_url(re.compile(r"/mijn/reacties/"))
        assert "Ik sleutel graag aan fietsen." in await page.locator("main").inner_text()
        await keys.check_page()
        await trip.snap("response-sent")

    figures.keyboard_stops += keys.stops
    assert not keys.problems, "\n".join(keys.problems)


async def test_the_keyboard_checks_do_find_problems(browser):
    context = await browser.new_context()
    page = await context.new_page()
    await page.set_content(
        "<style>button:focus { outline: none; box-shadow: none }</style>"
        '<a href="#inhoud">Naar de inhoud</a> <a href="#" tabindex="2">Springt voor</a>'
        '<button>Geen focusrand</button> <a href="#">Laatste</a> <main id="inhoud" tabindex="-1"></main>'
    )
    keys = KeyboardUser(page)
    with pytest.raises(AssertionError, match="positive tabindex"):
        await keys.check_page()
    for _ in range(3):
        await keys.tab()
    await page.set_content(
        '<a href="#">Naar de inhoud</a> <input id="val">'
        "<script>document.getElementById('val').addEventListener('keydown', e => {"
        " if (e.key === 'Tab') e.preventDefault(); });</script>"
    )
    with pytest.raises(AssertionError, match="trapped"):
        await keys.check_page()
    await context.close()

    assert any("went against the document order" in p for p in keys.problems), keys.problems
    assert any("Geen focusrand: no visible focus indicator" in p for p in keys.problems), (
        keys.problems
    )
