"""Forms without noise or hidden defaults: no "(niet verplicht)" on filters and status
choices, the Dutch level of a posting chosen on purpose (or "Geen eis"), and no error
look on a field before the person has sent the form."""

from __future__ import annotations

import re

import pytest

from meedoen.opportunities.tables import Opportunity
from organisations.test_dashboard import VALID
from support.auth import post_form


async def test_a_posting_needs_a_chosen_dutch_level_or_no_requirement(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")
    without = {key: value for key, value in VALID.items() if key != "language_level"}

    form = (await client.get("/organisatie/kansen/nieuw")).text
    refused = await post_form(
        client, "/organisatie/kansen/nieuw", without, action="/organisatie/kansen"
    )
    saved = await post_form(
        client,
        "/organisatie/kansen/nieuw",
        {**without, "language_level": "geen", "action": "open"},
        action="/organisatie/kansen",
    )

    assert re.search(
        r'<option value="">Kies een taalniveau</option>', form
    )  # nothing chosen for you
    assert "Geen eis: Nederlands is niet nodig" in form
    assert refused.status_code == 400
    assert "Kies hoe goed iemand Nederlands moet kunnen, of kies ‘Geen eis’." in refused.text
    assert saved.status_code == 303
    posting = await Opportunity.objects().first()
    assert posting is not None and posting.language_level == ""
    edit = (await client.get(f"/organisatie/kansen/{posting.ref}")).text
    assert re.search(r'<option value="geen" selected>', edit)
    detail = (await client.get(f"/kansen/{posting.ref}")).text
    assert "Je moet Nederlands kunnen" not in detail


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("coach", "/coach"),
        ("organisation", "/organisatie/reacties"),
        ("admin", "/beheer/audit"),
        ("admin", "/beheer/gebruikers"),
        ("admin", "/doelen"),
    ],
)
async def test_filters_and_status_choices_say_nothing_about_being_optional(
    client, clean_database, signed_in_as, role, page
):
    await signed_in_as(role)

    html = (await client.get(page)).text

    assert "niet verplicht" not in html


async def test_a_form_that_saves_still_marks_what_may_stay_empty(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    form = (await client.get("/organisatie/kansen/nieuw")).text

    assert re.search(r"Postcode</label>|Postcode <span class=\"meedoen-optional\">", form)
    assert "(niet verplicht)" in form


@pytest.mark.browser
async def test_an_empty_required_field_looks_normal_until_the_form_is_sent(
    browser, live_server, clean_database
):
    from support.auth import make_account
    from support.browser_journeys import sign_in

    member = await make_account("organisation")
    context = await browser.new_context(locale="nl-NL")
    page = await context.new_page()
    try:
        await sign_in(page, live_server, member.email, "/organisatie/kansen/nieuw")
        required = page.locator("#description")
        optional = page.locator("#what_you_learn")
        style = "el => getComputedStyle(el).borderColor + ' ' + getComputedStyle(el).borderBlockEndWidth"

        assert await required.evaluate("el => el.required")
        assert await required.evaluate(style) == await optional.evaluate(style)
    finally:
        await context.close()
