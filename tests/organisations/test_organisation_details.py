"""An organisation keeps its own details (name, description, sector, wijk, postcode,
website, contact): owners change them from /organisatie/gegevens, other members read
them; whether the organisation is verified stays with the administrators."""

from __future__ import annotations

from meedoen.accounts.tables import Membership
from meedoen.audit.tables import AuditEvent
from meedoen.indexing.tables import OutboxEvent
from meedoen.organisations.tables import Organisation
from organisations.conftest import organisation_of, posting_of
from support.auth import csrf_token, make_account, make_organisation, post_form

PAGE = "/organisatie/gegevens"
DETAILS = {
    "name": "Fietsenmakerij Pathmos",
    "description": "Wij repareren fietsen en leren buurtgenoten het vak.",
    "sector": "metaal en techniek",
    "wijk": "Pathmos",
    "postcode": "7513ab",
    "website": "www.fietsenmakerij-pathmos.example",
    "contact_email": "info@fietsenmakerij-pathmos.example",
    "contact_phone": "053 481 00 00",
}


async def stored(ref: str) -> dict:
    return await Organisation.select().where(Organisation.ref == ref).first().run()


async def test_an_owner_changes_the_details_and_the_public_page_shows_them(
    client, clean_database, signed_in_as
):
    owner = await signed_in_as("organisation")
    ref = (await organisation_of(owner))["ref"]

    saved = await post_form(client, PAGE, DETAILS)

    assert saved.status_code == 303 and saved.headers["location"] == PAGE
    assert "De gegevens zijn opgeslagen." in (await client.get(PAGE)).text
    row = await stored(ref)
    assert row["name"] == "Fietsenmakerij Pathmos"
    assert row["postcode"] == "7513 AB", "written the usual way"
    assert row["website"] == "https://www.fietsenmakerij-pathmos.example", "https added"
    assert row["contact_phone"] == "053 481 00 00"
    profile = (await client.get(f"/organisaties/{ref}")).text
    assert "Wij repareren fietsen" in profile
    assert 'href="mailto:info@fietsenmakerij-pathmos.example"' in profile
    assert 'href="tel:0534810000"' in profile


async def test_mistakes_come_back_by_each_field_in_plain_dutch_with_what_was_typed(
    client, clean_database, signed_in_as
):
    owner = await signed_in_as("organisation")
    before = await organisation_of(owner)

    response = await post_form(
        client,
        PAGE,
        {
            **DETAILS,
            "name": "",
            "postcode": "75",
            "website": "http://onveilig.example",
            "contact_email": "geen-adres",
            "contact_phone": "bel maar",
            "description": "Wij repareren fietsen." * 200,
        },
    )

    assert response.status_code == 400
    for message in (
        "Vul de naam van je organisatie in.",
        "Vul een postcode in met 4 cijfers en 2 letters, zoals 7511 AB.",
        "Vul een webadres in dat begint met https://, zoals https://www.voorbeeld.nl.",
        "Vul een goed e-mailadres in, zoals naam@voorbeeld.nl.",
        "Vul een telefoonnummer in met alleen cijfers, zoals 053 481 00 00.",
        "Schrijf hoogstens 4000 tekens. Nu zijn het er 4400.",
    ):
        assert message in response.text
    assert 'value="bel maar"' in response.text and 'value="geen-adres"' in response.text
    assert await stored(before["ref"]) == before, "nothing saved"


async def test_the_messages_are_in_english_for_who_chose_english(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")
    await client.get("/taal/en")

    response = await post_form(client, PAGE, {**DETAILS, "website": "ftp://x", "name": ""})

    assert response.status_code == 400
    assert "Enter a web address that starts with https://" in response.text
    assert "Details of" in (await client.get(PAGE)).text


async def test_a_new_name_is_audited_and_the_postings_are_indexed_again(
    client, clean_database, signed_in_as
):
    owner = await signed_in_as("organisation")
    organisation = await organisation_of(owner)
    await posting_of(owner)
    await OutboxEvent.delete(force=True).run()

    await post_form(client, PAGE, {**DETAILS, "name": "Nieuwe naam"})

    changes = await OutboxEvent.select().run()
    assert [(c["entity"], c["ref"]) for c in changes] == [("organisation", organisation["ref"])]
    event = (
        await AuditEvent.select().where(AuditEvent.action == "organisation.details_changed").first()
    )
    assert event["subject_ref"] == organisation["ref"] and event["actor"] == owner.id
    assert f"name: {organisation['name']} -> Nieuwe naam" in event["details"]


async def test_details_that_search_does_not_show_change_without_indexing_again(
    client, clean_database, signed_in_as
):
    owner = await signed_in_as("organisation")
    await post_form(client, PAGE, DETAILS)
    await OutboxEvent.delete(force=True).run()

    await post_form(client, PAGE, {**DETAILS, "description": "Nu ook e-bikes."})
    unchanged = await post_form(client, PAGE, {**DETAILS, "description": "Nu ook e-bikes."})

    assert not await OutboxEvent.exists()
    assert unchanged.status_code == 303
    assert "Je hebt niets veranderd." in (await client.get(PAGE)).text
    events = await AuditEvent.select().where(AuditEvent.actor == owner.id).run()
    assert [e["details"] for e in events if e["action"] == "organisation.details_changed"][
        -1
    ] == "description"


async def test_verification_is_not_among_the_details(client, clean_database, signed_in_as):
    ref = await make_organisation(verified=False)
    await signed_in_as("organisation", organisation_ref=ref)

    page = await client.get(PAGE)
    await post_form(client, PAGE, {**DETAILS, "verified": "1", "blocked": "1", "type": "gemeente"})

    assert "Nog niet zichtbaar: we controleren je organisatie" in page.text
    assert 'name="verified"' not in page.text
    row = await stored(ref)
    assert (row["verified"], row["blocked"], row["type"]) == (False, False, "stichting")
    assert row["name"] == DETAILS["name"]


async def test_other_members_read_the_details_and_only_owners_change_them(
    client, clean_database, signed_in_as
):
    owner = await make_account("organisation")
    organisation = await organisation_of(owner)
    member = await signed_in_as("organisation", organisation_ref=organisation["ref"])
    await (
        Membership.update({Membership.role: "member"}).where(Membership.account == member.id).run()
    )

    page = await client.get(PAGE)
    # The page has no details form for them; the sign-out form has a token.
    refused = await client.post(PAGE, data={**DETAILS, "_csrf_token": csrf_token(page.text)})

    assert page.status_code == 200
    assert "Alleen een eigenaar van de organisatie kan deze gegevens veranderen." in page.text
    assert organisation["name"] in page.text and 'action="/organisatie/gegevens"' not in page.text
    assert refused.status_code == 403
    assert (await stored(organisation["ref"]))["name"] == organisation["name"]


async def test_without_the_forms_token_nothing_changes(client, clean_database, signed_in_as):
    owner = await signed_in_as("organisation")
    before = await organisation_of(owner)

    response = await client.post(PAGE, data=DETAILS)

    assert response.status_code == 403
    assert (await stored(before["ref"]))["updated_at"] == before["updated_at"]


async def test_a_business_gives_its_kvk_number_of_eight_digits(
    client, clean_database, signed_in_as
):
    owner = await signed_in_as("organisation")
    ref = (await organisation_of(owner))["ref"]
    await Organisation.update({Organisation.type: "bedrijf"}).where(Organisation.ref == ref)

    missing = await post_form(client, PAGE, DETAILS)
    wrong = await post_form(client, PAGE, {**DETAILS, "kvk_number": "1234567"})
    letters = await post_form(client, PAGE, {**DETAILS, "kvk_number": "1234567a"})
    saved = await post_form(client, PAGE, {**DETAILS, "kvk_number": "12.34 56-78"})

    assert missing.status_code == 400
    assert "Vul het KvK-nummer van je bedrijf in." in missing.text
    for response in (wrong, letters):
        assert response.status_code == 400
        assert "Een KvK-nummer heeft 8 cijfers, zoals 12345678." in response.text
    assert 'value="1234567a"' in letters.text  # what was typed stays
    assert saved.status_code == 303
    assert (await stored(ref))["kvk_number"] == "12345678"


async def test_other_organisations_may_leave_the_kvk_number_empty(
    client, clean_database, signed_in_as
):
    owner = await signed_in_as("organisation")
    ref = (await organisation_of(owner))["ref"]

    saved = await post_form(client, PAGE, DETAILS)

    assert saved.status_code == 303
    assert (await stored(ref))["kvk_number"] is None


async def test_changed_details_after_a_refusal_put_the_organisation_back_in_the_queue(
    client, clean_database, signed_in_as
):
    import datetime as dt

    ref = await make_organisation(verified=False)
    await Organisation.update(
        {
            Organisation.refused_at: dt.datetime.now(dt.UTC),
            Organisation.refusal_reason: "De website werkt niet.",
        }
    ).where(Organisation.ref == ref)
    await signed_in_as("organisation", organisation_ref=ref)

    page = await client.get(PAGE)
    assert "We konden je organisatie niet goedkeuren" in page.text
    assert "De reden: De website werkt niet." in page.text
    await post_form(client, PAGE, {**DETAILS, "website": "https://www.werkt-wel.example"})

    row = await stored(ref)
    assert row["refused_at"] is None and row["verified"] is False
