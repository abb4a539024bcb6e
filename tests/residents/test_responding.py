"""A resident responds to an opportunity ("Ik wil meedoen"), sees its status and can withdraw."""

from __future__ import annotations

import pytest

from meedoen.accounts.tables import Account
from meedoen.responses.service import set_status
from meedoen.responses.tables import Response
from organisations.conftest import posting_of
from residents.conftest import an_opportunity
from support.auth import csrf_token, make_account, post_form


async def test_responding_shares_only_what_was_ticked_and_mails_a_confirmation(
    client, clean_database, signed_in_as, mailbox
):
    account = await signed_in_as("resident", display_name="Karin")
    opportunity = await an_opportunity(title="Koken in De Bron")
    form = await client.get(f"/kansen/{opportunity.ref}/reageren")

    sent = await post_form(
        client,
        f"/kansen/{opportunity.ref}/reageren",
        {"message": "Ik kook graag!", "shared": ["first_name", "email"], "phone": "06 12345678"},
    )

    assert form.status_code == 200 and "Koken in De Bron" in form.text
    assert sent.status_code == 303
    response = await Response.objects().get(Response.opportunity == opportunity.id)
    assert sent.headers["location"] == f"/mijn/reacties/{response.ref}"
    assert response.shared == ["first_name", "email"]
    assert response.contact_email == account.email
    assert response.contact_phone == ""  # not ticked, so not copied
    confirmation = await client.get(sent.headers["location"])
    assert "Je reactie is verstuurd" in confirmation.text
    mail = await mailbox.wait_for(account.email, "Je reactie is verstuurd")
    assert f"/mijn/reacties/{response.ref}" in mail.text and "Koken in De Bron" in mail.text


async def test_the_organisations_members_hear_of_a_new_response_but_not_what_it_says(
    client, clean_database, signed_in_as, mailbox
):
    member = await make_account("organisation", display_name="Ayla")
    await Account.update({Account.language: "en"}).where(Account.id == member.id)
    posting = await posting_of(member, title="Fietsen repareren")
    await signed_in_as("resident", display_name="Karin")

    await post_form(
        client,
        f"/kansen/{posting}/reageren",
        {"message": "Ik sleutel elke week aan mijn fiets.", "shared": ["first_name", "email"]},
    )

    response = await Response.objects().get(Response.resident.is_not_null())
    mail = await mailbox.wait_for(member.email, "Someone responds to an opportunity")
    # The posting's title is in the text, never in the subject (organisations choose it).
    assert "Fietsen repareren" in mail.text and "Fietsen repareren" not in mail.subject
    assert mail.link("/organisatie/reacties/") == f"/organisatie/reacties/{response.ref}"
    assert "Ayla" in mail.text  # in the member's own language, to the member by name
    for private in ("Karin", "sleutel", response.contact_email):
        assert private not in mail.text and private not in mail.html


async def test_without_a_way_to_reach_them_the_form_asks_for_email_or_phone(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    opportunity = await an_opportunity()

    refused = await post_form(
        client,
        f"/kansen/{opportunity.ref}/reageren",
        {"message": "Hallo", "shared": ["first_name"]},
    )
    bad_phone = await post_form(
        client, f"/kansen/{opportunity.ref}/reageren", {"shared": ["phone"], "phone": "12"}
    )
    no_cv = await post_form(
        client, f"/kansen/{opportunity.ref}/reageren", {"shared": ["email", "cv"]}
    )

    assert refused.status_code == 400 and 'href="#shared"' in refused.text
    assert "Hallo" in refused.text
    assert bad_phone.status_code == 400 and 'href="#phone"' in bad_phone.text
    assert no_cv.status_code == 400 and "cv" in no_cv.text
    assert await Response.count() == 0


async def test_the_overview_shows_the_status_the_organisation_set_and_withdrawing_works(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    opportunity = await an_opportunity(title="Tuinieren bij de Ruwenbos")
    sent = await post_form(client, f"/kansen/{opportunity.ref}/reageren", {"shared": ["email"]})
    response = await Response.objects().get(Response.opportunity == opportunity.id)

    await set_status(response.id, "uitgenodigd")
    overview = await client.get("/mijn/reacties")
    detail = await client.get(sent.headers["location"])
    withdrawn = await client.post(
        f"/mijn/reacties/{response.ref}/intrekken", data={"_csrf_token": csrf_token(detail.text)}
    )
    after = await client.get("/mijn/reacties")

    assert "Tuinieren bij de Ruwenbos" in overview.text and "Uitgenodigd" in overview.text
    assert withdrawn.status_code == 303
    assert "Ingetrokken" in after.text
    assert (await Response.objects().get(Response.id == response.id)).status == "ingetrokken"


async def test_a_resident_cannot_see_or_withdraw_someone_elses_response(
    app, client, clean_database, signed_in_as
):
    from support.app import app_client

    opportunity = await an_opportunity()
    async with app_client(app) as other:
        await signed_in_as("resident", client=other)
        sent = await post_form(other, f"/kansen/{opportunity.ref}/reageren", {"shared": ["email"]})
    await signed_in_as("resident")
    page = await client.get("/mijn/reacties")

    seen = await client.get(sent.headers["location"])
    ref = sent.headers["location"].rsplit("/", 1)[1]
    withdraw = await client.post(
        f"/mijn/reacties/{ref}/intrekken", data={"_csrf_token": csrf_token(page.text)}
    )

    assert seen.status_code == 404
    assert withdraw.status_code == 404
    assert (await Response.objects().get(Response.ref == ref)).status == "nieuw"


async def test_a_closed_or_unknown_opportunity_cannot_be_responded_to(
    client, clean_database, signed_in_as
):
    await signed_in_as("resident")
    closed = await an_opportunity(status="gesloten")

    closed_page = await client.get(f"/kansen/{closed.ref}/reageren")
    unknown = await client.get("/kansen/opp-bestaat-niet/reageren")

    assert "gesloten" in closed_page.text
    assert 'action="/kansen/' not in closed_page.text
    assert unknown.status_code == 404


@pytest.mark.parametrize("status", ["geplaatst", "niet_passend"])
async def test_after_the_decision_the_status_explains_itself_and_withdrawing_is_gone(
    client, clean_database, signed_in_as, status
):
    from meedoen.residents.tables import Resident
    from meedoen.responses.service import set_status
    from organisations.conftest import a_response
    from residents.conftest import an_opportunity

    account = await signed_in_as("resident")
    await client.get("/mijn")  # makes her resident row
    resident = await Resident.objects().where(Resident.account == account.id).first()
    kans = await an_opportunity()
    response = await a_response(kans.ref, resident)
    await set_status(response.id, status)

    detail = await client.get(f"/mijn/reacties/{response.ref}")
    overview = await client.get("/mijn/reacties")

    explanation = {
        "geplaatst": "Je bent aangenomen: de organisatie of je coach vertelt je wanneer en hoe je begint.",
        "niet_passend": "De organisatie kiest dit keer niet voor jou",
    }[status]
    assert explanation in detail.text and explanation in overview.text
    assert "Reactie intrekken" not in detail.text
    tried = await client.post(
        f"/mijn/reacties/{response.ref}/intrekken", data={"_csrf_token": csrf_token(detail.text)}
    )
    assert tried.headers["location"] == f"/mijn/reacties/{response.ref}"
    after = await client.get(tried.headers["location"])
    assert "Intrekken kan niet meer" in after.text
    assert (await Resident.objects().where(Resident.id == resident.id).first()) is not None


async def test_while_the_organisation_decides_the_status_says_what_happens_next(
    client, clean_database, signed_in_as
):
    from meedoen.residents.tables import Resident
    from organisations.conftest import a_response
    from residents.conftest import an_opportunity

    account = await signed_in_as("resident")
    await client.get("/mijn")
    resident = await Resident.objects().where(Resident.account == account.id).first()
    response = await a_response((await an_opportunity()).ref, resident)

    detail = (await client.get(f"/mijn/reacties/{response.ref}")).text

    assert "nog niet gelezen. Je krijgt bericht als zij dat doen" in detail
    assert "Reactie intrekken" in detail
