"""Screenshots of the signed-in pages for docs/, at 360 and 1280 px.

Against a running demo instance (`make run`, or `meedoen serve --demo --port N`), with the
project's Playwright driving Debian's Chromium (/usr/bin/chromium), as the browser tests do:

    .venv/bin/python scripts/screenshots.py                      # http://127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8731 --out docs

Each page is signed in as its demo account (README, "Demo accounts") and saved as
``<name>-360.png`` and ``<name>-1280.png``: the top of the page, at most MAX_HEIGHT css
pixels of it, so the files stay small enough for the repository (< 300 KB each).

With --review the same is done at 360 px for the pages of the December 2026 review
(../shared/review/2026-12/README.md), named after its screenshots, to set beside them;
those go to test-artifacts/screenshots/review-after/ by default and are not committed.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser, async_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
WIDTHS = {360: 740, 1280: 800}  # width -> the height of the first screen
MAX_HEIGHT = {360: 1600, 1280: 1200}


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    email: str
    password: str


SHOTS = (
    Shot("mijn", "/mijn", "bewoner@meedoen-west.example", "demo-bewoner-west"),
    Shot("organisatie", "/organisatie", "wijkgilde@meedoen-west.example", "demo-wijkgilde-west"),
    Shot("coach-caseload", "/coach", "coach@meedoen-west.example", "demo-coach-west"),
    Shot("doelen", "/doelen", "beheer@meedoen-west.example", "demo-beheer-west"),
    Shot("inzicht", "/beheer/inzicht", "beheer@meedoen-west.example", "demo-beheer-west"),
    Shot("programma", "/programmas/twente-goes-techno", "", ""),  # the public page
)

RESIDENT = ("bewoner@meedoen-west.example", "demo-bewoner-west")
ANONYMOUS = ("", "")
REVIEW = (
    Shot("01-resident-menu", "/mijn", *RESIDENT),
    Shot("03-responses", "/mijn/reacties", *RESIDENT),
    Shot("04-data-overview", "/mijn/gegevens/overzicht", *RESIDENT),
    Shot("08a-subnav-and-voor-jou", "/mijn", *RESIDENT),
    Shot("10-phone-filters", "/kansen?q=ouderen&kind=vrijwilligerswerk&wijk=Stadsveld", *ANONYMOUS),
    Shot("10b-phone-filter-panel", "/kansen?q=ouderen&kind=vrijwilligerswerk#filters", *ANONYMOUS),
    Shot("11-english-kans", "/taal/en?next=/kansen%3Fq%3Dwandelmaatje", *ANONYMOUS),
)


async def take(browser: Browser, base_url: str, shot: Shot, width: int, out: Path) -> Path:
    context = await browser.new_context(
        locale="nl-NL", viewport={"width": width, "height": WIDTHS[width]}
    )
    try:
        page = await context.new_page()
        if shot.email:
            await page.goto(f"{base_url}/inloggen")
            await page.get_by_label("E-mailadres").fill(shot.email)
            await page.get_by_label("Wachtwoord").fill(shot.password)
            await page.get_by_role("button", name="Inloggen").click()
            await page.wait_for_load_state("networkidle")
        await page.goto(f"{base_url}{shot.path}")
        await page.wait_for_load_state("networkidle")
        if shot.name.startswith("01-"):
            await page.get_by_text("Menu", exact=True).first.click()
        if shot.name.startswith("11-"):
            await page.locator(".meedoen-card__link").first.click()
            await page.wait_for_load_state("networkidle")
        height = await page.evaluate("document.documentElement.scrollHeight")
        path = out / f"{shot.name}-{width}.png"
        await page.screenshot(
            path=str(path),
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT[width])},
        )
        return path
    finally:
        await context.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--out", type=Path, help="docs/, or with --review a folder under test-artifacts/"
    )
    parser.add_argument("--only", help="take only the shot with this name")
    parser.add_argument("--review", action="store_true", help="the review's pages, at 360 px")
    args = parser.parse_args()
    shots, widths = (REVIEW, (360,)) if args.review else (SHOTS, tuple(WIDTHS))
    default = Path("test-artifacts/screenshots/review-after") if args.review else Path("docs")
    out: Path = args.out or default
    out.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            for shot in shots:
                if args.only and shot.name != args.only:
                    continue
                for width in widths:
                    path = await take(browser, args.base_url.rstrip("/"), shot, width, out)
                    print(f"{path}  {path.stat().st_size // 1024} KB")
        finally:
            await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
