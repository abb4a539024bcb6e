"""A 14-year-old signs up for a company visit in a real Chromium (360 and 1280 px, with and
without JavaScript): the form asks for a parent's address, the parent opens the mailed
link in their own browser and says yes, and only then is the child signed up. Each page
is checked with axe (in one variant) and kept as a screenshot."""

from __future__ import annotations

import datetime as dt

import pytest

from coaching.conftest import as_user
from events.conftest import a_meeting, organiser_account
from quality.test_journeys import finish
from support.auth import make_account
from support.browser_journeys import VARIANTS, journey, main_text, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]


async def test_a_young_residents_sign_up_waits_for_a_parent(
    live_server, browser, database, checks, figures, variant, mailbox
):
    from meedoen.events.signups import visitors_of
    from meedoen.residents.service import own_resident
    from meedoen.residents.tables import Resident

    _, organisation = await organiser_account()
    visit = await a_meeting(organisation, kind="bedrijfsbezoek", title="Kijken bij de drukkerij")
    name = f"Sem{variant.label.replace('-', '')}"
    account = await make_account("resident", display_name=name)
    resident = await own_resident(as_user(account))
    await Resident.update(
        {Resident.birth_year: dt.date.today().year - 14, Resident.first_name: name}
    ).where(Resident.id == resident.id)
    parent_address = f"ouder-{variant.label}@example.nl"

    async with journey(browser, "meeting-under-16", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, account.email, f"/activiteiten/{visit.ref}")
        await page.get_by_role("button", name="Ik kom").click()
        await page.get_by_text("Vul het e-mailadres van je ouder of verzorger in.").first.wait_for()
        await trip.snap("parent-needed")
        await page.get_by_label("E-mailadres van je ouder of verzorger").fill(parent_address)
        await page.get_by_role("button", name="Ik kom").click()
        await page.get_by_text("Je ouder of verzorger krijgt een e-mail.").wait_for()
        await trip.snap("waiting-for-parent")
        assert await visitors_of(visit.meeting["id"]) == []

        mail = await mailbox.wait_for(parent_address, "Toestemming gevraagd")
        parent = await trip.another_person()
        await parent.goto(live_server + mail.link("/toestemming/"))
        assert "Kijken bij de drukkerij" in await main_text(parent)
        await trip.snap("parent-page", parent)
        await parent.get_by_role("button", name="Ja, ik geef toestemming").click()
        await parent.get_by_text("is nu aangemeld").wait_for()
        await trip.snap("parent-said-yes", parent)

    assert [v["name"] for v in await visitors_of(visit.meeting["id"])] == [name]
    finish(trip, figures)
