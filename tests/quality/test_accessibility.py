"""axe-core finds no WCAG 2.1 A/AA violations on any page or key state, in a real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.auth import DEFAULT_PASSWORD, make_account
from support.pages import page_paths

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make install"),
]


async def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    # Evaluated through the DevTools protocol, so the page's CSP does not block it.
    await page.evaluate(AXE.read_text(encoding="utf-8"))
    result = await page.evaluate(
        "opts => axe.run(document, opts)", {"runOnly": {"type": "tag", "values": WCAG_AA}}
    )
    return result["violations"]


def describe(path: str, violations: list[dict]) -> str:
    return "\n".join(
        f"{path}: {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in violations
    )


async def check(page, url: str, label: str, problems: list[str], figures=None) -> None:  # type: ignore[no-untyped-def]
    violations = await axe_violations(page)
    if figures is not None:
        figures.axe(violations)
    if violations:
        problems.append(describe(label, violations))


@pytest.mark.parametrize("width", [360, 1280])
async def test_public_pages_and_their_key_states_have_no_violations(
    app, browser, live_server, corpus, indexed, width, figures
):
    await indexed()  # the search pages with their results, not the database fallback
    context = await browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = await context.new_page()
    problems: list[str] = []
    paths = page_paths(app, {"ref": "opp-0001", "language": "nl"})
    paths += [
        "/kansen?q=magazijn",
        "/kansen?q=xyzzyx-niets",
        "/kansen?kind=stage&wijk=Boekelo",
        "/bestaat-niet",
    ]
    try:
        for path in paths:
            await page.goto(f"{live_server}{path}")
            await check(page, path, f"{path} @{width}", problems, figures)
        # Forms with their errors shown.
        for path in ("/inloggen", "/registreren?soort=organisatie", "/wachtwoord-vergeten"):
            await page.goto(f"{live_server}{path}")
            await page.locator("main form button[type=submit]").first.click()
            await page.wait_for_load_state()
            await check(page, path, f"{path} with errors @{width}", problems, figures)
    finally:
        await context.close()

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "role, pages",
    [
        ("coach", ["/coach", "/coach/intake", "/doelen"]),
        (
            "admin",
            [
                "/doelen",
                "/beheer/doelen",
                "/beheer/doelen/nieuw",
                "/beheer/bewaartermijnen",
                "/beheer/limieten",
                "/beheer/inzicht",
                "/beheer/mail",
            ],
        ),
        (
            "resident",
            [
                "/meldingen",
                "/meldingen/instellingen",
                "/mijn/gegevens/overzicht",
                "/mijn/talentscan",
                "/mijn/talentscan/vraag/1",
                "/mijn/talentscan/past-bij-jou",
            ],
        ),
        ("organisation", ["/meldingen", "/meldingen/instellingen", "/meldingen/leden"]),
    ],
)
async def test_signed_in_pages_have_no_violations(
    browser, live_server, corpus, role, pages, figures
):
    account = await make_account(role)
    context = await browser.new_context(locale="nl-NL")
    page = await context.new_page()
    problems: list[str] = []
    try:
        await page.goto(f"{live_server}/inloggen")
        await page.get_by_label("E-mailadres").fill(account.email)
        await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        await page.locator("main form button[type=submit]").first.click()
        await page.wait_for_load_state()
        for path in pages:
            response = await page.goto(f"{live_server}{path}")
            assert response is not None and response.status == 200, path
            await check(page, path, f"{path} as {role}", problems, figures)
    finally:
        await context.close()

    assert not problems, "\n".join(problems)


async def test_axe_does_report_a_violation(browser):
    context = await browser.new_context()
    page = await context.new_page()
    await page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')

    violations = await axe_violations(page)
    await context.close()

    assert {v["id"] for v in violations} >= {"image-alt", "label"}
