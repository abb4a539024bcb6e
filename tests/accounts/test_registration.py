"""Registering as a resident or for an organisation, and confirming the e-mail address."""

from meedoen.accounts.tables import Account, AccountLink, Membership
from meedoen.organisations.tables import Organisation
from support.auth import make_account, post_form, sign_in

PASSWORD = "fietsen-langs-het-kanaal"
RESIDENT_FORM = "/registreren?soort=bewoner"
ORGANISATION_FORM = "/registreren?soort=organisatie"


def resident(**changes):
    return {
        "account_type": "bewoner",
        "display_name": "Sanne",
        "email": "sanne@meedoen-test.nl",
        "password": PASSWORD,
        **changes,
    }


async def test_a_resident_registers_confirms_the_address_and_signs_in(
    client, clean_database, mailbox
):
    response = await post_form(client, RESIDENT_FORM, resident())

    assert response.status_code == 303
    assert response.headers["location"] == "/registreren/verstuurd"
    account = await Account.objects().get(Account.email == "sanne@meedoen-test.nl")
    assert account.role == "resident"
    assert account.email_verified_at is None
    assert account.password_hash.startswith("$argon2id$")

    mail = await mailbox.wait_for("sanne@meedoen-test.nl")
    assert "Bevestig je e-mailadres" in mail.subject
    confirmed = await client.get(mail.link("/e-mail-bevestigen/"))
    assert confirmed.status_code == 303
    assert (await sign_in(client, "sanne@meedoen-test.nl", PASSWORD)).status_code == 303
    # The link works once.
    assert (await client.get(mail.link("/e-mail-bevestigen/"))).status_code == 400


async def test_signing_in_before_confirming_sends_a_new_link(
    client, clean_database, mailbox, clock
):
    await post_form(client, RESIDENT_FORM, resident())
    await mailbox.deliver()
    mailbox.server.clear()
    # Right after registering the link just sent still works: no second mail yet.
    assert (await sign_in(client, "sanne@meedoen-test.nl", PASSWORD)).status_code == 200
    assert await mailbox.deliver() == 0
    clock.advance(minutes=16)

    response = await sign_in(client, "sanne@meedoen-test.nl", PASSWORD)

    assert response.status_code == 200
    assert "Je moet eerst je e-mailadres bevestigen" in response.text
    assert "sessie" not in client.cookies
    mail = await mailbox.wait_for("sanne@meedoen-test.nl")
    assert "/e-mail-bevestigen/" in mail.text


async def test_registering_for_an_organisation_creates_it_unverified_with_you_as_owner(
    client, clean_database
):
    response = await post_form(
        client,
        ORGANISATION_FORM,
        resident(
            account_type="organisatie",
            organisation_name="Buurthuis Pathmos",
            organisation_type="welzijn",
            sector="welzijn en buurt",
            wijk="Pathmos",
            postcode="7513ab",
        ),
    )

    assert response.status_code == 303
    account = await Account.objects().get(Account.email == "sanne@meedoen-test.nl")
    assert account.role == "organisation"
    organisation = await Organisation.objects().get(Organisation.name == "Buurthuis Pathmos")
    assert organisation.verified is False
    assert organisation.postcode == "7513 AB"
    membership = await Membership.objects().get(Membership.account == account.id)
    assert membership.organisation == organisation.id
    assert membership.role == "owner"


async def test_mistakes_are_shown_next_to_each_field_and_the_input_is_kept(client, clean_database):
    response = await post_form(
        client,
        ORGANISATION_FORM,
        resident(
            account_type="organisatie",
            display_name="",
            email="geen-adres",
            password="kort",
            organisation_name="Buurthuis",
            postcode="75 ab",
        ),
    )

    assert response.status_code == 400
    for field in (
        "display_name",
        "email",
        "password",
        "organisation_type",
        "sector",
        "wijk",
        "postcode",
    ):
        assert f'id="{field}-fout"' in response.text, field
        assert f'href="#{field}"' in response.text, field
    assert 'value="geen-adres"' in response.text
    assert 'value="Buurthuis"' in response.text
    assert 'value="kort"' not in response.text
    assert await Account.count() == 0


async def test_a_common_password_is_refused(client, clean_database):
    response = await post_form(client, RESIDENT_FORM, resident(password="wachtwoord123"))

    assert response.status_code == 400
    assert "heel vaak gebruikt" in response.text


async def test_an_address_that_has_an_account_gets_the_same_answer_and_a_mail(
    client, clean_database, mailbox
):
    existing = await make_account("resident", email="sanne@meedoen-test.nl")

    response = await post_form(client, RESIDENT_FORM, resident())

    assert response.status_code == 303
    assert response.headers["location"] == "/registreren/verstuurd"
    assert await Account.count() == 1
    assert (
        await Account.objects().get(Account.id == existing.id)
    ).password_hash == existing.password_hash
    mail = await mailbox.wait_for("sanne@meedoen-test.nl")
    assert "al een account" in mail.subject
    assert await AccountLink.count() == 0


async def test_the_registration_page_is_available_in_english(client):
    await client.get("/taal/en")
    page = await client.get("/registreren")

    assert "Create an account" in page.text


async def test_registration_starts_with_two_clear_choices_that_work_without_javascript(client):
    chooser = await client.get("/registreren")

    assert 'href="/registreren?soort=bewoner"' in chooser.text
    assert 'href="/registreren?soort=organisatie"' in chooser.text
    assert 'name="organisation_name"' not in chooser.text


async def test_residents_see_no_organisation_fields(client):
    page = await client.get(RESIDENT_FORM)

    assert 'name="account_type" value="bewoner"' in page.text
    for field in ("organisation_name", "organisation_type", "kvk_number", "sector", "postcode"):
        assert f'name="{field}"' not in page.text
    assert "niet verplicht" not in page.text


async def test_the_organisation_form_asks_what_an_administrator_checks(client):
    page = await client.get(ORGANISATION_FORM)

    for field in ("organisation_name", "organisation_type", "kvk_number", "website", "postcode"):
        assert f'name="{field}"' in page.text
    assert "Verplicht voor bedrijven" in page.text


async def test_a_business_must_give_a_kvk_number_of_eight_digits(client, clean_database):
    business = resident(
        account_type="organisatie",
        organisation_name="Fietsenmakerij Pathmos",
        organisation_type="bedrijf",
        sector="metaal en techniek",
        wijk="Pathmos",
        postcode="7513 AB",
    )

    missing = await post_form(client, ORGANISATION_FORM, business)
    wrong = await post_form(client, ORGANISATION_FORM, {**business, "kvk_number": "123"})
    saved = await post_form(
        client,
        ORGANISATION_FORM,
        {**business, "kvk_number": "1234 5678", "website": "www.fietsen-pathmos.example"},
    )

    assert missing.status_code == 400 and "Vul het KvK-nummer van je bedrijf in." in missing.text
    assert 'name="organisation_name"' in missing.text  # still the organisation form
    assert wrong.status_code == 400 and "Een KvK-nummer heeft 8 cijfers" in wrong.text
    assert 'value="123"' in wrong.text
    assert saved.status_code == 303
    organisation = await Organisation.objects().get(Organisation.name == "Fietsenmakerij Pathmos")
    assert organisation.kvk_number == "12345678"
    assert organisation.website == "https://www.fietsen-pathmos.example"


async def test_a_club_may_register_without_a_kvk_number(client, clean_database):
    response = await post_form(
        client,
        ORGANISATION_FORM,
        resident(
            account_type="organisatie",
            organisation_name="Voetbalclub Boekelo",
            organisation_type="vereniging",
            sector="sport en recreatie",
            wijk="Boekelo",
            postcode="7548 AA",
        ),
    )

    assert response.status_code == 303
    club = await Organisation.objects().get(Organisation.name == "Voetbalclub Boekelo")
    assert club.kvk_number is None


async def test_without_a_choice_the_two_choices_come_back_with_a_message(client, clean_database):
    response = await post_form(
        client, RESIDENT_FORM, resident(account_type=""), action="/registreren"
    )

    assert response.status_code == 400
    assert "Kies of je je aanmeldt als bewoner of voor een organisatie." in response.text
    assert 'href="/registreren?soort=organisatie"' in response.text
    assert not await Account.exists()
