"""A coach's path in a real browser: intake, rung, a proposal from the match list, a
second rung, and the timeline. Taking a placement through its pipeline to the end is the
coach's journey in tests/quality/test_journeys.py."""

from __future__ import annotations

import re

import pytest

from support.auth import DEFAULT_PASSWORD, make_account

pytestmark = pytest.mark.browser


async def sign_in_as_coach(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    coach = await make_account("coach", display_name="Coach Fatima")
    await page.goto(f"{live_server}/inloggen?next=/coach")
    await page.get_by_label("E-mailadres").fill(coach.email)
    await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_url(re.compile(r"/coach$"))


async def test_a_coach_guides_a_resident_from_intake_to_a_leerwerkplek(
    live_server, corpus, indexed, page, screenshot
):
    await indexed()
    await sign_in_as_coach(page, live_server)

    # Intake: the resident enters the caseload at rung 3, with consent.
    await page.get_by_role("link", name="Bewoner inschrijven na intake").click()
    await page.get_by_label("Voornaam").fill("Marieke")
    await page.get_by_label("Wijk").select_option("Stadsveld")
    await page.get_by_label("Vrijwilligerswerk").check()
    await page.get_by_role("combobox", name=re.compile(r"^Trede")).select_option("3")
    await page.get_by_label("Waarom deze trede?").fill("Gaat naar het taalcafé in de wijk.")
    await page.get_by_label(re.compile(r"^De bewoner geeft toestemming")).check()
    await page.get_by_role("button", name="Inschrijven").click()
    await page.wait_for_url(re.compile(r"/coach/bewoners/"))
    file_url = page.url
    assert "Marieke staat nu in je caseload." in await page.locator("main").inner_text()

    # Proposal: a volunteering place from the match list.
    await page.get_by_role("link", name="Matchlijst en voorstellen").click()
    volunteering = (
        page.locator(".meedoen-coaching__matches > li").filter(has_text="Vrijwilligerswerk").first
    )
    await volunteering.get_by_role("button", name=re.compile("voorstellen$")).click()
    await page.wait_for_url(re.compile(r"/coach/plaatsingen/"))
    assert "Voorgesteld" in await page.locator("#status").inner_text()
    assert "Vrijwilligerswerk" in await page.locator(".meedoen-coaching__facts").inner_text()

    # A review: rung 4, and the timeline shows both rungs.
    await page.goto(file_url)
    await page.get_by_role("combobox", name=re.compile(r"^Trede")).select_option("4")
    await page.get_by_label("Evaluatie").check()
    await (
        page.locator("#ladder")
        .get_by_label("Waarom deze trede?")
        .fill("Vrijwilliger in het buurthuis, nu door naar een leerwerkplek.")
    )
    await page.get_by_role("button", name="Trede vastleggen").click()
    await page.wait_for_url(re.compile(r"#ladder$"))
    chart = page.get_by_role("img", name="Participatieladder van Marieke")
    assert await chart.locator("circle").count() == 2
    rungs = await page.locator(
        "#treden tbody td.utrecht-table__cell--numeric-data"
    ).all_inner_texts()
    assert rungs == ["3", "4"]
    await screenshot(page, "coaching-ladder-timeline")
