"""Pytest plugin: a real Chromium driven by Playwright (tests marked ``browser``).

Uses Debian's Chromium at /usr/bin/chromium. Without it the browser tests are skipped
with the reason, except on CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Artefacts of a run (screenshots, figures) go to TEST_ARTIFACTS_DIR, by default the
# repository's test-artifacts/ folder that scripts/test.sh also writes its reports to.
ARTIFACTS = Path(
    os.environ.get("TEST_ARTIFACTS_DIR") or Path(__file__).resolve().parents[2] / "test-artifacts"
)
SCREENSHOTS = ARTIFACTS / "screenshots"


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Any]:
    _require_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        await chromium.close()


@pytest.fixture
async def page(browser: Any) -> AsyncIterator[Any]:
    """A fresh page with JavaScript on, in Dutch."""
    context = await browser.new_context(locale="nl-NL")
    page = await context.new_page()
    yield page
    await context.close()


@pytest.fixture
async def page_without_javascript(browser: Any) -> AsyncIterator[Any]:
    context = await browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = await context.new_page()
    yield page
    await context.close()


@pytest.fixture
def screenshot() -> Any:
    """Call with a page and a name to save ``test-artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    async def take(page: Any, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        await page.screenshot(path=str(path), full_page=True)
        return path

    return take
