"""The details page and the organisation switcher are valid HTML and have no WCAG 2.1
A/AA violations, also with their errors shown, and work with the keyboard's labels."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.accounts.tables import Membership
from meedoen.organisations.tables import Organisation
from organisations.conftest import organisation_of
from quality.test_accessibility import AXE, axe_violations, describe
from quality.test_valid_html import html_problems
from support.auth import DEFAULT_PASSWORD, make_account, make_organisation, post_form
from support.nu_checker import needs_nu_checker as needs_vnu


async def member_of_two(account) -> str:
    """The account joins a second organisation; returns that one's ref."""
    ref = await make_organisation("Buurthuis De Bolder")
    organisation = await Organisation.select(Organisation.id).where(Organisation.ref == ref).first()
    await Membership(
        account=account.id,
        organisation=organisation["id"],
        role="member",
        created_at=dt.datetime.now(dt.UTC),
    ).save()
    return ref


@needs_vnu
async def test_the_details_pages_are_valid_html(client, clean_database, signed_in_as, tmp_path):
    owner = await signed_in_as("organisation")
    await member_of_two(owner)
    organisation = await organisation_of(owner)
    await (
        Organisation.update(
            {
                Organisation.contact_email: "info@bolder.example",
                Organisation.contact_phone: "053 481 00 00",
            }
        )
        .where(Organisation.id == organisation["id"])
        .run()
    )
    pages = {
        "dashboard-with-switcher": await client.get("/organisatie"),
        "details": await client.get("/organisatie/gegevens"),
        "details-errors": await post_form(
            client, "/organisatie/gegevens", {"name": "", "website": "ftp://x", "postcode": "1"}
        ),
        "profile-with-contact": await client.get(f"/organisaties/{organisation['ref']}"),
    }
    await Membership.update({Membership.role: "member"}).where(Membership.account == owner.id).run()
    pages["details-read-only"] = await client.get("/organisatie/gegevens")
    problems = html_problems(pages, tmp_path)

    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make install")
@pytest.mark.parametrize("width", [360, 1280])
async def test_an_owner_edits_the_details_and_switches_in_a_browser_without_violations(
    browser, live_server, clean_database, width
):
    owner = await make_account("organisation")
    own = await organisation_of(owner)
    await member_of_two(owner)
    context = await browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = await context.new_page()
    problems: list[str] = []

    async def check(label: str) -> None:
        if violations := await axe_violations(page):
            problems.append(describe(f"{label} @{width}", violations))

    try:
        await page.goto(f"{live_server}/inloggen?next=/organisatie")
        await page.get_by_label("E-mailadres").fill(owner.email)
        await page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
        await page.locator("main form button[type=submit]").first.click()
        await page.wait_for_url(f"{live_server}/organisatie")
        await check("dashboard with switcher")

        await page.get_by_label("Je werkt nu voor").select_option(label="Buurthuis De Bolder")
        await page.get_by_role("button", name="Wisselen").click()
        await page.wait_for_url(f"{live_server}/organisatie")
        assert "Kansen van Buurthuis De Bolder" in await page.locator("h1").inner_text()

        await page.get_by_role("link", name="Gegevens", exact=True).click()
        await page.wait_for_url(f"{live_server}/organisatie/gegevens")
        await check("details (read only: only a member of De Bolder)")

        await page.get_by_label("Je werkt nu voor").select_option(label=own["name"])
        await page.get_by_role("button", name="Wisselen").click()
        await page.goto(f"{live_server}/organisatie/gegevens")
        await check("details form")
        await page.get_by_label("Naam van de organisatie").fill("")
        await page.get_by_role("textbox", name="Website").fill("ftp://fietsen")
        await page.get_by_role("button", name="Opslaan").click()
        await page.wait_for_load_state()
        await check("details form with errors")
        assert "Vul de naam van je organisatie in." in await page.content()

        await page.get_by_label("Naam van de organisatie").fill("Fietsenmakerij Pathmos")
        await page.get_by_role("textbox", name="Website").fill("")
        await page.get_by_role("button", name="Opslaan").click()
        await page.wait_for_url(f"{live_server}/organisatie/gegevens")
        assert "De gegevens zijn opgeslagen." in await page.content()
    finally:
        await context.close()

    assert not problems, "\n".join(problems)
