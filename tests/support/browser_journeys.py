"""Helpers for browser journeys: one person's path through the app at a given screen width,
with or without JavaScript, saving a screenshot of each key page.

    async with journey(browser, "job-seeker", variant) as trip:
        await trip.page.goto(...)
        await trip.snap("search-results")   # test-artifacts/screenshots/job-seeker-360-js/01-search-results.png
        other = await trip.another_person()  # a second browser, same width and JavaScript setting
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from support.auth import DEFAULT_PASSWORD
from support.browser import SCREENSHOTS


@dataclass(frozen=True)
class Variant:
    """A screen width and whether JavaScript runs."""

    width: int
    height: int
    javascript: bool

    @property
    def label(self) -> str:
        return f"{self.width}-{'js' if self.javascript else 'nojs'}"

    @property
    def is_phone(self) -> bool:
        return self.width < 768


PHONE = (360, 740)
DESKTOP = (1280, 800)
# Every page is rendered on the server, so every journey also runs without JavaScript.
VARIANTS = [
    pytest.param(Variant(*size, javascript), id=Variant(*size, javascript).label)
    for size in (PHONE, DESKTOP)
    for javascript in (True, False)
]


# Called on every key page (with the page and its name); returns the problems it found.
PageCheck = Callable[[Any, str], Awaitable[list[str]]]


@dataclass
class Trip:
    """One run of a journey: its first page, the screenshots it has taken and the problems
    its page check found on them."""

    browser: Any
    variant: Variant
    folder: Path
    check: PageCheck | None = None
    page: Any = None
    contexts: list[Any] = field(default_factory=list)
    shots: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    async def another_person(self) -> Any:
        """A page in a fresh browser context (no cookies), with this trip's settings."""
        context = await self.browser.new_context(
            locale="nl-NL",
            viewport={"width": self.variant.width, "height": self.variant.height},
            java_script_enabled=self.variant.javascript,
        )
        self.contexts.append(context)
        return await context.new_page()

    async def snap(self, name: str, page: Any = None, *, full_page: bool = True) -> Path:
        """Save a screenshot as ``NN-<name>.png`` in this trip's folder; on a phone, also
        check that the page does not scroll sideways."""
        page = page or self.page
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        await page.screenshot(path=str(path), full_page=full_page)
        self.shots.append(path)
        if self.check is not None:
            self.problems += await self.check(page, f"{self.folder.name}/{path.stem}")
        if self.variant.is_phone:
            assert await fits_the_screen(page), (
                f"{name} scrolls sideways at {self.variant.width} px"
            )
        return path

    async def close(self) -> None:
        for context in self.contexts:
            await context.close()


@asynccontextmanager
async def journey(
    browser: Any, name: str, variant: Variant, check: PageCheck | None = None
) -> AsyncIterator[Trip]:
    """A trip whose screenshots go to ``<screenshots>/<name>-<width>-<js>/``, each page
    also given to ``check``; on failure the page as it was is saved too, as ``failed.png``."""
    folder = SCREENSHOTS / f"{name}-{variant.label}"
    shutil.rmtree(folder, ignore_errors=True)
    trip = Trip(browser, variant, folder, check)
    trip.page = await trip.another_person()
    try:
        yield trip
    except BaseException:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):  # the original failure is what matters
            await trip.page.screenshot(path=str(folder / "failed.png"), full_page=True)
        raise
    finally:
        await trip.close()


async def sign_in(page: Any, base_url: str, email: str, next_page: str) -> None:
    """Sign in through the form, landing on ``next_page``."""
    await page.goto(f"{base_url}/inloggen?next={next_page}")
    await sign_in_here(page, email)
    await page.wait_for_url(re.compile(re.escape(next_page) + "$"))


async def sign_in_here(page: Any, email: str) -> None:
    """Fill in and send the sign-in form the page shows."""
    await page.get_by_label("E-mailadres").fill(email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()


async def fits_the_screen(page: Any) -> bool:
    """Whether the page has no sideways scrolling (WCAG 1.4.10 reflow at 320–360 px)."""
    return bool(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


async def main_text(page: Any) -> str:
    return str(await page.locator("main").inner_text())


async def until_searchable(runtime: Any, q: str, ref: str) -> None:
    """Apply the waiting outbox changes (as the worker would), then search must find ``ref``."""
    from meedoen.app.background import search_indexer
    from meedoen.indexing.indexer import OPPORTUNITIES
    from meedoen.opportunities.service import find_opportunities
    from meedoen.search.query import OpportunitySearch
    from support.app import drain_everything

    await drain_everything(
        search_indexer(runtime.search.writer, runtime.search.index_name(OPPORTUNITIES))
    )
    findings = await find_opportunities(runtime.search_gateway(), OpportunitySearch(q=q))
    assert ref in {hit.ref for hit in findings.results.items}, f"search for {q!r} misses {ref}"
