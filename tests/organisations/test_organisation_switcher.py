"""Someone who works for several organisations chooses which one they work for now; the
dashboard, new postings and the details page follow that choice. Nobody can choose an
organisation they are not a member of."""

from __future__ import annotations

import datetime as dt

from meedoen.accounts.tables import Membership
from meedoen.opportunities.service import save_opportunity
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from organisations.conftest import a_posting, a_resident, a_response, organisation_of, posting_of
from support.auth import csrf_token, make_account, make_organisation, post_form

POSTING = {
    "title": "Vrijwilliger in het buurthuis",
    "kind": "vrijwilligerswerk",
    "description": "Je zet koffie en maakt een praatje.",
    "sector": "welzijn en buurt",
    "wijk": "Stadsveld",
    "language_level": "A2",
}


async def join(account, organisation_ref: str, role: str = "member") -> int:  # type: ignore[no-untyped-def]
    """The account becomes a member of the organisation too; returns the organisation's id."""
    organisation = (
        await Organisation.select(Organisation.id)
        .where(Organisation.ref == organisation_ref)
        .first()
    )
    await Membership(
        account=account.id,
        organisation=organisation["id"],
        role=role,
        created_at=dt.datetime.now(dt.UTC),
    ).save()
    return organisation["id"]


async def choose(client, ref: str):  # type: ignore[no-untyped-def]
    token = csrf_token((await client.get("/organisatie")).text)
    return await client.post("/organisatie/kiezen", data={"organisatie": ref, "_csrf_token": token})


async def test_a_member_of_two_organisations_switches_and_the_dashboard_follows(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    first = await organisation_of(account)
    second = await make_organisation("Buurthuis De Bolder")
    await join(account, second)

    dashboard = (await client.get("/organisatie")).text
    assert f"Kansen van {first['name']}" in dashboard
    assert "Je werkt nu voor" in dashboard and "Buurthuis De Bolder" in dashboard

    switched = await choose(client, second)

    assert switched.status_code == 303 and switched.headers["location"] == "/organisatie"
    dashboard = (await client.get("/organisatie")).text
    assert "Kansen van Buurthuis De Bolder" in dashboard
    assert "Je werkt nu voor Buurthuis De Bolder." in dashboard
    assert "Gegevens van Buurthuis De Bolder" in (await client.get("/organisatie/gegevens")).text

    saved = await post_form(client, "/organisatie/kansen/nieuw", POSTING, "/organisatie/kansen")
    ref = saved.headers["location"].split("/")[3]
    posting = (
        await Opportunity.select(Opportunity.organisation.ref.as_alias("org"))
        .where(Opportunity.ref == ref)
        .first()
    )
    assert posting["org"] == second, "the new posting is the chosen organisation's"


async def test_someone_in_one_organisation_sees_no_switcher(client, clean_database, signed_in_as):
    await signed_in_as("organisation")

    dashboard = (await client.get("/organisatie")).text

    assert "Je werkt nu voor" not in dashboard
    assert 'action="/organisatie/kiezen"' not in dashboard


async def test_an_organisation_you_are_not_a_member_of_cannot_be_chosen(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    own = await organisation_of(account)
    stranger = await make_account("organisation")
    theirs = await organisation_of(stranger)

    refused = await choose(client, theirs["ref"])
    # Nor by writing the choice into the cookie by hand.
    client.cookies.set("organisatie", theirs["ref"], path="/organisatie")
    dashboard = (await client.get("/organisatie")).text

    assert refused.status_code == 400
    assert f"Kansen van {own['name']}" in dashboard and theirs["name"] not in dashboard


async def test_leaving_the_chosen_organisation_falls_back_to_the_first(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    first = await organisation_of(account)
    second = await make_organisation("Buurthuis De Bolder")
    second_id = await join(account, second)
    await choose(client, second)

    await (
        Membership.delete()
        .where((Membership.account == account.id) & (Membership.organisation == second_id))
        .run()
    )

    assert f"Kansen van {first['name']}" in (await client.get("/organisatie")).text


async def test_the_responses_inbox_follows_the_chosen_organisation(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    first = await posting_of(account, title="Kok bij de eerste")
    second = await make_organisation("Buurthuis De Bolder")
    second_id = await join(account, second)
    other = await save_opportunity(second_id, a_posting(title="Gastvrouw bij De Bolder"))
    _, resident = await a_resident()
    await a_response(first, resident)
    await a_response(other, resident)

    before = (await client.get("/organisatie/reacties")).text
    await choose(client, second)
    after = (await client.get("/organisatie/reacties")).text

    assert "Kok bij de eerste" in before and "Gastvrouw bij De Bolder" not in before
    assert "Gastvrouw bij De Bolder" in after and "Kok bij de eerste" not in after
    assert "Je werkt nu voor" in after
