"""Your account: change the password (signing out elsewhere) and the e-mail address."""

from meedoen.accounts.tables import Account, AccountSession
from support.auth import DEFAULT_PASSWORD, make_account, post_form, sign_in

NEW_PASSWORD = "zomeravond-in-het-park"


async def test_the_account_page_needs_a_signed_in_user(client):
    response = await client.get("/account")

    assert response.status_code == 303
    assert response.headers["location"] == "/inloggen?next=/account"


async def test_changing_the_password_asks_the_current_one(signed_in_as, client, clean_database):
    account = await signed_in_as("resident")

    response = await post_form(
        client,
        "/account",
        {"current_password": "niet-het-goede", "new_password": NEW_PASSWORD},
        action="/account/wachtwoord",
    )

    assert response.status_code == 400
    assert "Je huidige wachtwoord klopt niet." in response.text
    assert NEW_PASSWORD not in response.text
    assert (
        await Account.objects().get(Account.id == account.id)
    ).password_hash == account.password_hash


async def test_changing_the_password_signs_out_other_sessions_but_not_this_one(
    signed_in_as, client, client_at, clean_database
):
    account = await signed_in_as("resident")
    phone = client_at("10.1.1.1")
    await sign_in(phone, account.email, DEFAULT_PASSWORD)
    assert await AccountSession.count() == 2

    response = await post_form(
        client,
        "/account",
        {"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        action="/account/wachtwoord",
    )

    assert response.status_code == 303
    assert await AccountSession.count() == 1
    page = await client.get("/account")
    assert page.status_code == 200
    assert "Op andere apparaten ben je uitgelogd." in page.text
    assert (await phone.get("/account")).status_code == 303
    assert (await sign_in(phone, account.email, NEW_PASSWORD)).status_code == 303


async def test_changing_the_email_needs_a_click_on_a_link_sent_to_the_new_address(
    signed_in_as, client, clean_database, mailbox
):
    account = await signed_in_as("resident", email="oud@meedoen-test.nl")

    response = await post_form(
        client,
        "/account",
        {"new_email": "nieuw@meedoen-test.nl", "email_password": DEFAULT_PASSWORD},
        action="/account/e-mail",
    )

    assert response.status_code == 303
    assert (await Account.objects().get(Account.id == account.id)).email == "oud@meedoen-test.nl"
    mail = await mailbox.wait_for("nieuw@meedoen-test.nl")
    link = mail.link("/account/e-mail/bevestigen/")

    confirmed = await post_form(client, link, {})

    assert confirmed.status_code == 303
    assert (await Account.objects().get(Account.id == account.id)).email == "nieuw@meedoen-test.nl"
    notice = await mailbox.wait_for("oud@meedoen-test.nl")
    assert "nieuw@meedoen-test.nl" in notice.text
    assert (await client.get(link)).status_code == 400  # used


async def test_an_email_change_to_an_address_in_use_is_refused_at_confirmation(
    signed_in_as, client, clean_database, mailbox
):
    await make_account("resident", email="bezet@meedoen-test.nl")
    account = await signed_in_as("resident")
    await post_form(
        client,
        "/account",
        {"new_email": "bezet@meedoen-test.nl", "email_password": DEFAULT_PASSWORD},
        action="/account/e-mail",
    )
    link = (await mailbox.wait_for("bezet@meedoen-test.nl")).link("/account/e-mail/bevestigen/")

    response = await post_form(client, link, {})

    assert response.status_code == 400
    assert "al in gebruik" in response.text
    assert (await Account.objects().get(Account.id == account.id)).email == account.email


async def test_the_email_form_shows_mistakes_next_to_the_fields(
    signed_in_as, client, clean_database
):
    await signed_in_as("resident")

    response = await post_form(
        client,
        "/account",
        {"new_email": "geen adres", "email_password": ""},
        action="/account/e-mail",
    )

    assert response.status_code == 400
    assert 'id="new_email-fout"' in response.text
    assert 'id="email_password-fout"' in response.text
    assert 'value="geen adres"' in response.text
