"""The talent scan in a real Chromium, on a 360 px phone and a 1280 px desktop, with and
without JavaScript: a resident finds the scan on their profile, answers ten questions,
keeps some suggestions, puts them in the profile and sees a kans that fits. Screenshots go
to test-artifacts/screenshots/talentscan-<width>-<js>/; axe checks the key pages once.
"""

from __future__ import annotations

import re
import uuid

import pytest

from meedoen.residents.tables import Resident
from meedoen.talentscan.questions import QUESTIONS
from organisations.conftest import posting_of
from quality.test_journeys import checks, finish  # noqa: F401 - a fixture
from support.auth import make_account
from support.browser_journeys import (
    VARIANTS,
    Variant,
    journey,
    main_text,
    sign_in,
    until_searchable,
)

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]

# The labels a resident who likes cooking and older people clicks, question by question.
ANSWERS = {
    "handen": ["Koken of bakken"],
    "mensen": ["Met oudere mensen"],
    "plek": ["In een keuken of café"],
    "anderen": ["Je hebt veel geduld"],
    "samen": ["Samen met anderen"],
    "computer": [],
    "talen": ["Nederlands"],
    "bewegen": ["Weet ik niet"],
    "regelen": [],
    "buurt": ["Boodschappen of koffie voor de buren"],
}


async def test_a_resident_discovers_their_talents_and_sees_kansen(
    live_server,
    browser,
    clean_database,  # the kans must fit best: no other test's cooking kansen beside it
    runtime,
    checks,  # noqa: F811 - the fixture imported above
    figures,
    variant: Variant,
):
    word = f"stamppot{uuid.uuid4().hex[:6]}"
    title = f"Koken met ouderen {word}"
    business = await make_account("organisation")
    ref = await posting_of(business, title=title, skills=["koken", "omgaan met ouderen"])
    await until_searchable(runtime, word, ref)
    resident = await make_account("resident", display_name=f"Ayla-{variant.label}")

    async with journey(browser, "talentscan", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, resident.email, "/mijn")
        await page.get_by_role("link", name="Doe de talentscan").click()
        await page.wait_for_url(re.compile(r"/mijn/talentscan$"))
        await trip.snap("start")
        await page.get_by_role("button", name="Begin met de talentscan").click()

        for number, question in enumerate(QUESTIONS, start=1):
            await page.wait_for_url(re.compile(rf"/mijn/talentscan/vraag/{number}$"))
            assert f"Vraag {number} van {len(QUESTIONS)}" in await main_text(page)
            if number == 3:
                # A one-answer question sent without an answer says what to do.
                await page.get_by_role("button", name="Volgende").click()
                await page.locator("#foutmeldingen").wait_for()
                assert "Weet ik niet" in await main_text(page)
                await trip.snap("question-error")
            for label in ANSWERS[question.code]:
                await page.get_by_label(label, exact=True).check()
            if number == 1:
                await trip.snap("question")
            await page.get_by_role("button", name=re.compile(r"^(Volgende|Klaar)")).click()

        await page.wait_for_url(re.compile(r"/mijn/talentscan/uitkomst$"))
        assert "Dit past bij jou" in await main_text(page)
        assert await page.get_by_label("koken", exact=True).is_checked()
        await trip.snap("suggestions")
        await page.get_by_label("samenwerken", exact=True).uncheck()
        await page.get_by_label("Kun je nog meer? Schrijf het hier.").fill("Turks")
        await page.get_by_role("button", name="Zet in mijn profiel").click()

        await page.wait_for_url(re.compile(r"/mijn/talentscan/past-bij-jou$"))
        text = await main_text(page)
        assert "Je profiel is bijgewerkt met je talenten." in text
        assert title in text
        await trip.snap("fitting")
        await page.get_by_role("link", name=title).click()
        await page.wait_for_url(re.compile(rf"/kansen/{ref}$"))

    stored = await Resident.objects().get(Resident.account == resident.id)
    assert "koken" in stored.skills and "Turks" in stored.skills
    assert "samenwerken" not in stored.skills
    assert "koken en eten" in stored.interests
    finish(trip, figures)
