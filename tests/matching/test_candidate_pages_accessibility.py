"""The candidate journey in a real Chromium: an organisation reads its candidates, has a
proposal refused and sends one, a coach reads the candidates, the resident finds the
proposal on her page. At phone and desktop width, with and without JavaScript; axe-core
finds no WCAG 2.1 A/AA violation on any of these pages, and each is saved as a screenshot."""

from __future__ import annotations

import pytest

from matching.conftest import account_of, candidates_url
from quality.test_accessibility import AXE, axe_violations, describe
from support.browser_journeys import VARIANTS, journey, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make install"),
]
PROPOSE = "Kans voorstellen aan Fenna"
MESSAGE = "Bericht aan Fenna (niet verplicht)"


async def no_axe_violations(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    violations = await axe_violations(page)
    return [describe(label, violations)] if violations else []


@pytest.mark.parametrize("variant", VARIANTS)
async def test_candidates_are_read_and_a_kans_is_proposed(browser, live_server, district, variant):  # type: ignore[no-untyped-def]
    # axe runs where JavaScript does; without it the same server-rendered HTML is shown.
    check = no_axe_violations if variant.javascript else None
    async with journey(browser, "candidates", variant, check) as trip:
        member = trip.page
        await sign_in(member, live_server, district["member"].email, candidates_url(district))
        await trip.snap("organisation-candidates")
        await member.get_by_label(MESSAGE).fill("x" * 501)
        await member.get_by_role("button", name=PROPOSE).click()
        await member.get_by_text("Je bericht is te lang").first.wait_for()
        await trip.snap("proposal-refused")
        await member.get_by_label(MESSAGE).fill("Kom je proeven?")
        await member.get_by_role("button", name=PROPOSE).click()
        await member.get_by_text("Je hebt deze kans aan Fenna voorgesteld.").wait_for()
        await trip.snap("proposal-sent")

        coach = await trip.another_person()
        coach_candidates = f"/coach/kansen/{district['posting']}/kandidaten"
        await sign_in(coach, live_server, district["coach"].email, coach_candidates)
        assert await coach.get_by_role("link", name="Coby").count() == 1
        await trip.snap("coach-candidates", coach)

        fenna = await trip.another_person()
        await sign_in(fenna, live_server, (await account_of(district["fenna"])).email, "/mijn")
        assert await fenna.get_by_text("Kom je proeven?").count() == 1
        await trip.snap("resident-proposal", fenna)

    assert not trip.problems, "\n".join(trip.problems)
