"""A 15-year-old responds to a kans in a real Chromium (360 and 1280 px, with and without
JavaScript): the form asks for a parent's address, the organisation sees nothing while the
parent has not answered, the parent opens the mailed link in their own browser and says
yes, and only then does the response reach the organisation. Each page is checked with axe
(in one variant) and kept as a screenshot."""

from __future__ import annotations

import datetime as dt

import pytest

from coaching.conftest import as_user
from organisations.conftest import posting_of
from quality.test_journeys import checks, finish  # noqa: F401 - a fixture
from support.auth import make_account
from support.browser_journeys import VARIANTS, journey, main_text, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("variant", VARIANTS)]


async def test_a_15_year_olds_response_waits_for_a_parent(
    live_server,
    browser,
    database,
    checks,  # noqa: F811 - the fixture imported above
    figures,
    variant,
    mailbox,
):
    from meedoen.residents.service import own_resident
    from meedoen.residents.tables import Resident
    from meedoen.responses.tables import Response

    member = await make_account("organisation")
    title = f"Fietsen repareren {variant.label}"
    posting = await posting_of(member, title=title, min_age=13)
    name = f"Noa{variant.label.replace('-', '')}"
    account = await make_account("resident", display_name=name)
    resident = await own_resident(as_user(account))
    await Resident.update(
        {Resident.birth_year: dt.date.today().year - 15, Resident.first_name: name}
    ).where(Resident.id == resident.id)
    parent_address = f"ouder-reactie-{variant.label}@example.nl"
    message = "Ik sleutel graag aan fietsen met mijn opa."

    async with journey(browser, "response-under-16", variant, checks) as trip:
        page = trip.page
        await sign_in(page, live_server, account.email, f"/kansen/{posting}/reageren")
        await page.get_by_label("Je bericht aan de organisatie").fill(message)
        await page.get_by_role("button", name="Verstuur mijn reactie").click()
        await page.get_by_text("Vul het e-mailadres van je ouder of verzorger in.").first.wait_for()
        assert message in await page.get_by_label("Je bericht aan de organisatie").input_value()
        await trip.snap("parent-needed")
        await page.get_by_label("E-mailadres van je ouder of verzorger").fill(parent_address)
        await page.get_by_role("button", name="Verstuur mijn reactie").click()
        await page.get_by_text("We hebben je ouder of verzorger een e-mail gestuurd.").wait_for()
        await trip.snap("waiting-for-parent")
        assert await Response.count().where(Response.resident == resident.id) == 0

        mail = await mailbox.wait_for(parent_address, "Toestemming gevraagd")
        parent = await trip.another_person()
        await parent.goto(live_server + mail.link("/toestemming/"))
        shown = await main_text(parent)
        assert title in shown and message in shown
        await trip.snap("parent-page", parent)
        await parent.get_by_role("button", name="Ja, ik geef toestemming").click()
        await parent.get_by_text("De organisatie kan de reactie nu zien").wait_for()
        await trip.snap("parent-said-yes", parent)

    sent = await Response.objects().where(Response.resident == resident.id)
    assert [r.message for r in sent] == [message]
    finish(trip, figures)
