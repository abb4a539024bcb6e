"""Forgot your password: a single-use link by e-mail that works for one hour."""

import hashlib

from meedoen.accounts.tables import AccountLink, AccountSession
from meedoen.mail.tables import OutgoingMail
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in

NEW_PASSWORD = "een-heel-nieuw-wachtwoord"


async def test_known_and_unknown_addresses_get_exactly_the_same_answer(client, clean_database):
    account = await make_account("resident")

    known = await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    unknown = await post_form(client, "/wachtwoord-vergeten", {"email": "niemand@meedoen-test.nl"})

    assert known.status_code == unknown.status_code == 303
    assert known.headers["location"] == unknown.headers["location"]
    page_known = await client.get(known.headers["location"])
    page_unknown = await client.get(unknown.headers["location"])
    assert page_known.text == page_unknown.text
    assert (
        await OutgoingMail.count().where(OutgoingMail.to_address == "niemand@meedoen-test.nl") == 0
    )


async def test_the_reset_link_sets_a_new_password_and_signs_out_everywhere(
    client, client_at, clean_database, mailbox
):
    account = await make_account("resident")
    laptop = client_at("10.9.8.7")
    await sign_in(laptop, account.email, DEFAULT_PASSWORD)

    await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    mail = await mailbox.wait_for(account.email, "nieuw wachtwoord")
    link = mail.link("/wachtwoord-herstellen/")
    token = link.rsplit("/", 1)[-1]
    stored = await AccountLink.select(AccountLink.token_hash).run()
    assert stored == [{"token_hash": hashlib.sha256(token.encode()).hexdigest()}]

    response = await post_form(client, link, {"new_password": NEW_PASSWORD})

    assert response.status_code == 303
    assert response.headers["location"] == "/inloggen"
    assert await AccountSession.count() == 0
    assert (await laptop.get("/account")).status_code == 303
    assert (await sign_in(client, account.email, DEFAULT_PASSWORD)).status_code == 400
    assert (await sign_in(client, account.email, NEW_PASSWORD)).status_code == 303


async def test_a_reset_link_works_only_once(client, clean_database, mailbox):
    account = await make_account("resident")
    await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    link = (await mailbox.wait_for(account.email)).link("/wachtwoord-herstellen/")
    page = await client.get(link)
    await client.post(
        link, data={"new_password": NEW_PASSWORD, "_csrf_token": csrf_token(page.text)}
    )

    again = await client.post(
        link,
        data={"new_password": "nog-een-ander-wachtwoord", "_csrf_token": csrf_token(page.text)},
    )

    assert again.status_code == 400
    assert "Deze link werkt niet meer" in again.text
    assert (await client.get(link)).status_code == 400


async def test_a_reset_link_expires_after_an_hour(client, clean_database, mailbox, clock):
    account = await make_account("resident")
    await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    link = (await mailbox.wait_for(account.email)).link("/wachtwoord-herstellen/")

    clock.advance(minutes=59)
    assert (await client.get(link)).status_code == 200
    clock.advance(minutes=2)
    assert (await client.get(link)).status_code == 400


async def test_a_new_reset_link_cancels_the_previous_one(client, clean_database, mailbox, clock):
    account = await make_account("resident")
    await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    first = (await mailbox.wait_for(account.email)).link("/wachtwoord-herstellen/")
    mailbox.server.clear()
    await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    second = (await mailbox.wait_for(account.email)).link("/wachtwoord-herstellen/")

    assert first != second
    assert (await client.get(first)).status_code == 400
    assert (await client.get(second)).status_code == 200


async def test_the_new_password_must_be_a_good_one(client, clean_database, mailbox):
    account = await make_account("resident")
    await post_form(client, "/wachtwoord-vergeten", {"email": account.email})
    link = (await mailbox.wait_for(account.email)).link("/wachtwoord-herstellen/")

    response = await post_form(client, link, {"new_password": "kort"})

    assert response.status_code == 400
    assert 'id="new_password-fout"' in response.text
    assert (await client.get(link)).status_code == 200  # the link is still good
