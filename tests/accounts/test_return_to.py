"""Come back where you were: an action that needs an account keeps the person's place
through signing in, registering and confirming the e-mail address; the sign-in page says
why it asks; each role starts on its own page. Never to another site."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from residents.conftest import an_opportunity
from support.auth import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in

PASSWORD = "fietsen-langs-het-kanaal"


async def test_respond_when_signed_out_asks_to_sign_in_and_says_why(client, clean_database):
    kans = await an_opportunity()
    respond = f"/kansen/{kans.ref}/reageren"

    asked = await client.get(respond)
    assert asked.status_code == 303
    assert asked.headers["location"] == f"/inloggen?next={respond}"

    page = (await client.get(asked.headers["location"])).text
    assert "Log in om te reageren op deze kans" in page
    assert f'href="/registreren?next={respond}"' in page  # registering keeps the way back


async def test_a_new_resident_registers_confirms_and_lands_on_the_response_form(
    client, clean_database, mailbox
):
    kans = await an_opportunity(title="Koken in de Pathmoskamer")
    respond = f"/kansen/{kans.ref}/reageren"
    form = await client.get(f"/registreren?next={quote(respond)}")
    assert 'name="account_type" value="bewoner"' in form.text  # straight to the resident form

    sent = await client.post(
        "/registreren",
        data={
            "account_type": "bewoner",
            "display_name": "Fatima",
            "email": "fatima@meedoen-test.nl",
            "password": PASSWORD,
            "next": respond,
            "_csrf_token": csrf_token(form.text),
        },
    )
    assert sent.headers["location"] == f"/registreren/verstuurd?next={respond}"
    assert "verder waar je was" in (await client.get(sent.headers["location"])).text

    mail = await mailbox.wait_for("fatima@meedoen-test.nl")
    confirmed = await client.get(mail.link("/e-mail-bevestigen/"))
    assert confirmed.headers["location"] == f"/inloggen?next={respond}"
    signed_in = await post_form(
        client,
        confirmed.headers["location"],
        {"email": "fatima@meedoen-test.nl", "password": PASSWORD, "next": respond},
        action="/inloggen",
    )
    assert signed_in.headers["location"] == respond
    form_page = await client.get(respond)
    assert form_page.status_code == 200
    assert "Koken in de Pathmoskamer" in form_page.text
    assert 'name="message"' in form_page.text  # the response form is open


async def test_confirming_late_still_brings_you_back(client, clean_database, mailbox):
    """Signing in before confirming sends a new link; that link also knows the way back."""
    account = await make_account("resident", verified=False)
    respond = "/kansen/opp-x/reageren"

    await post_form(
        client,
        f"/inloggen?next={quote(respond)}",
        {"email": account.email, "password": DEFAULT_PASSWORD, "next": respond},
        action="/inloggen",
    )

    mail = await mailbox.wait_for(account.email)
    assert f"?next={respond}" in mail.link("/e-mail-bevestigen/")


@pytest.mark.parametrize(
    ("role", "start"),
    [
        ("resident", "/mijn"),
        ("organisation", "/organisatie"),
        ("coach", "/coach"),
        ("admin", "/beheer"),
    ],
)
async def test_each_role_lands_on_its_own_start_page(client, clean_database, role, start):
    account = await make_account(role)

    response = await sign_in(client, account.email, DEFAULT_PASSWORD)

    assert response.headers["location"] == start
    assert (await client.get(start)).status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example"])
async def test_the_way_back_is_only_ever_a_local_path(client, clean_database, mailbox, target):
    form = await client.get("/registreren", params={"next": target, "soort": "bewoner"})
    assert 'name="next"' not in form.text
    await client.post(
        "/registreren",
        data={
            "account_type": "bewoner",
            "display_name": "Sanne",
            "email": "sanne@meedoen-test.nl",
            "password": PASSWORD,
            "next": target,
            "_csrf_token": csrf_token(form.text),
        },
    )
    mail = await mailbox.wait_for("sanne@meedoen-test.nl")
    link = mail.link("/e-mail-bevestigen/")
    assert "next=" not in link
    confirmed = await client.get(link + "?next=" + quote(target, safe=""))
    assert confirmed.headers["location"] == "/inloggen"
