"""Signing in and out: sessions in the database, cookies, expiry and redirects."""

import hashlib

from meedoen.accounts.tables import Account, AccountSession
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in


async def test_the_sign_in_form_has_email_password_and_a_csrf_token(client):
    page = await client.get("/inloggen")

    assert page.status_code == 200
    assert 'name="email"' in page.text
    assert 'name="password"' in page.text
    assert csrf_token(page.text)


async def test_a_resident_signs_in_and_sees_their_name(client, clean_database):
    account = await make_account("resident", display_name="Sanne")

    response = await sign_in(client, account.email, DEFAULT_PASSWORD)

    assert response.status_code == 303
    assert response.headers["location"] == "/mijn"  # her own start page
    home = await client.get("/")
    assert "Sanne" in home.text
    assert 'action="/uitloggen"' in home.text


async def test_the_email_address_is_not_case_sensitive(client, clean_database):
    account = await make_account("resident", email="sanne@meedoen-test.nl")

    response = await sign_in(client, "  Sanne@Meedoen-Test.NL ", DEFAULT_PASSWORD)

    assert response.status_code == 303
    assert account.email == "sanne@meedoen-test.nl"


async def test_a_wrong_password_gets_the_same_answer_as_an_unknown_address(client, clean_database):
    account = await make_account("resident")

    wrong_password = await sign_in(client, account.email, "niet-het-goede-wachtwoord")
    unknown = await sign_in(client, "niemand@meedoen-test.nl", "niet-het-goede-wachtwoord")

    for response in (wrong_password, unknown):
        assert response.status_code == 400
        assert "Het e-mailadres of het wachtwoord klopt niet." in response.text
        assert 'href="#password"' in response.text  # the error summary links to the field
    assert f'value="{account.email}"' in wrong_password.text  # input kept …
    assert "niet-het-goede-wachtwoord" not in wrong_password.text  # … but never the password
    assert "sessie" not in client.cookies


async def test_empty_fields_get_an_error_next_to_each_field_and_a_summary(client):
    response = await post_form(client, "/inloggen", {"email": "", "password": ""})

    assert response.status_code == 400
    assert 'id="foutmeldingen"' in response.text
    assert 'id="email-fout"' in response.text
    assert 'id="password-fout"' in response.text


async def test_the_session_cookie_is_httponly_lax_and_the_database_keeps_only_a_hash(
    client, clean_database
):
    account = await make_account("resident")

    response = await sign_in(client, account.email, DEFAULT_PASSWORD)

    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith("sessie="))
    assert "HttpOnly" in header
    assert "SameSite=lax" in header or "SameSite=Lax" in header
    assert "Secure" not in header  # only in production, see test_security
    token = client.cookies["sessie"]
    rows = await AccountSession.select().run()
    assert len(rows) == 1
    assert rows[0]["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(rows)


async def test_signing_in_replaces_a_session_cookie_planted_beforehand(client, clean_database):
    """Session fixation: a token the browser had before signing in is worthless after."""
    attacker = await make_account("resident", display_name="Aanvaller")
    victim = await make_account("resident", display_name="Slachtoffer")
    await sign_in(client, attacker.email, DEFAULT_PASSWORD)
    planted = client.cookies["sessie"]

    await sign_in(client, victim.email, DEFAULT_PASSWORD)

    assert client.cookies["sessie"] != planted
    assert await AccountSession.count().where(AccountSession.account == attacker.id) == 0
    client.cookies.set("sessie", planted, domain="testserver.local")
    assert "Aanvaller" not in (await client.get("/")).text


async def test_a_made_up_session_cookie_is_just_a_visitor(client, clean_database):
    client.cookies.set("sessie", "verzonnen-token", domain="testserver.local")
    page = await client.get("/account")

    assert page.status_code == 303


async def test_sign_in_sends_you_back_to_the_page_you_wanted(client, clean_database):
    account = await make_account("resident")

    asked = await client.get("/account?tab=1")
    assert asked.status_code == 303
    assert asked.headers["location"] == "/inloggen?next=/account%3Ftab%3D1"

    form = await client.get(asked.headers["location"])
    response = await client.post(
        "/inloggen",
        data={
            "email": account.email,
            "password": DEFAULT_PASSWORD,
            "next": "/account?tab=1",
            "_csrf_token": csrf_token(form.text),
        },
    )
    assert response.headers["location"] == "/account?tab=1"


async def test_sign_in_never_sends_you_to_another_site(client, clean_database):
    account = await make_account("resident")
    for target in ("https://evil.example", "//evil.example", "/\\evil.example"):
        form = await client.get("/inloggen", params={"next": target})
        assert 'name="next"' not in form.text  # not carried into the form
        response = await client.post(
            "/inloggen",
            data={
                "email": account.email,
                "password": DEFAULT_PASSWORD,
                "next": target,
                "_csrf_token": csrf_token(form.text),
            },
        )
        assert response.headers["location"] == "/mijn"  # the start page, never the target


async def test_htmx_requests_for_a_protected_page_get_a_full_page_redirect(client):
    response = await client.get("/account", headers={"HX-Request": "true"})

    assert response.status_code == 401
    assert response.headers["hx-redirect"] == "/inloggen?next=/account"


async def test_signing_out_ends_the_session_in_the_database(client, clean_database):
    account = await make_account("resident")
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    token = client.cookies["sessie"]

    page = await client.get("/account")
    response = await client.post("/uitloggen", data={"_csrf_token": csrf_token(page.text)})

    assert response.status_code == 303
    assert await AccountSession.count() == 0
    client.cookies.set("sessie", token, domain="testserver.local")
    assert (await client.get("/account")).status_code == 303
    assert "Je bent uitgelogd." in (await client.get("/")).text  # the flash message


async def test_sign_out_everywhere_ends_every_session_of_the_account(
    client, client_at, clean_database
):
    account = await make_account("resident")
    other_device = client_at("10.0.0.2")
    await sign_in(other_device, account.email, DEFAULT_PASSWORD)
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    someone_else = await make_account("resident")
    await sign_in(client_at("10.0.0.3"), someone_else.email, DEFAULT_PASSWORD)

    response = await post_form(client, "/uitloggen/overal", {})

    assert response.status_code == 303
    assert await AccountSession.count().where(AccountSession.account == account.id) == 0
    assert await AccountSession.count().where(AccountSession.account == someone_else.id) == 1
    assert (await other_device.get("/account")).status_code == 303


async def test_a_session_ends_after_an_hour_without_requests(client, clean_database, clock):
    account = await make_account("resident")
    await sign_in(client, account.email, DEFAULT_PASSWORD)

    clock.advance(minutes=59)
    assert (await client.get("/account")).status_code == 200
    clock.advance(minutes=59)
    assert (await client.get("/account")).status_code == 200
    clock.advance(minutes=61)
    assert (await client.get("/account")).status_code == 303
    assert await AccountSession.count() == 0


async def test_a_session_ends_after_twelve_hours_even_when_in_use(client, clean_database, clock):
    account = await make_account("resident")
    await sign_in(client, account.email, DEFAULT_PASSWORD)

    for _ in range(23):
        clock.advance(minutes=30)
        assert (await client.get("/account")).status_code == 200
    clock.advance(minutes=31)
    assert (await client.get("/account")).status_code == 303


async def test_last_seen_is_written_at_most_once_a_minute(client, clean_database, clock):
    account = await make_account("resident")
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    signed_in_at = (await AccountSession.select().first().run())["last_seen_at"]

    clock.advance(seconds=30)
    await client.get("/account")
    assert (await AccountSession.select().first().run())["last_seen_at"] == signed_in_at

    clock.advance(seconds=31)
    await client.get("/account")
    assert (await AccountSession.select().first().run())["last_seen_at"] == clock.now


async def test_a_deactivated_account_cannot_sign_in_and_loses_its_sessions(client, clean_database):
    account = await make_account("resident")
    await sign_in(client, account.email, DEFAULT_PASSWORD)
    await Account.update({Account.is_active: False}).where(Account.id == account.id).run()

    assert (await client.get("/account")).status_code == 303
    response = await sign_in(client, account.email, DEFAULT_PASSWORD)
    assert response.status_code == 400


async def test_the_signed_in_user_knows_roles_and_organisations(signed_in_as, client, app):
    from meedoen.accounts.sessions import user_for_token

    account = await signed_in_as("organisation")

    user = await user_for_token(client.cookies["sessie"])
    assert user is not None
    assert user.account_id == account.id
    assert user.role == "organisation"
    assert len(user.organisation_ids) == 1
    assert user.owner_of == user.organisation_ids
    assert user.verified_organisation_ids == user.organisation_ids
