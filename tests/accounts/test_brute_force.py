"""Guessing passwords gets slow, then blocked, without locking the real owner out."""

from meedoen.accounts import throttle
from meedoen.accounts.tables import SignInFailure
from support.auth import DEFAULT_PASSWORD, make_account, post_form, sign_in

WRONG = "fout-wachtwoord-123"


async def fail(client, email, times):
    for _ in range(times):
        response = await sign_in(client, email, WRONG)
        assert response.status_code == 400, response.status_code


async def test_after_five_failures_you_must_wait_and_the_password_is_not_checked(
    client, clean_database, clock
):
    account = await make_account("resident")
    await fail(client, account.email, 5)

    response = await sign_in(client, account.email, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert "Wacht 5 seconden" in response.text
    assert "sessie" not in client.cookies
    clock.advance(seconds=5)
    assert (await sign_in(client, account.email, DEFAULT_PASSWORD)).status_code == 303


async def test_the_wait_grows_with_every_failure(client, clean_database, clock):
    account = await make_account("resident")
    await fail(client, account.email, 5)
    waits = []
    for _ in range(4):
        response = await sign_in(client, account.email, WRONG)
        assert response.status_code == 429
        waits.append(int(response.text.split("Wacht ")[1].split(" ")[0]))
        clock.advance(seconds=waits[-1])
        await fail(client, account.email, 1)

    assert waits == [5, 10, 20, 40]


async def test_ten_failures_block_that_account_from_that_address_for_fifteen_minutes(
    client, client_at, clean_database, clock
):
    account = await make_account("resident")
    for _ in range(10):
        clock.advance(seconds=90)  # slowly enough to pass every delay (the longest is 80 s)
        await fail(client, account.email, 1)

    clock.advance(minutes=1)
    blocked = await sign_in(client, account.email, DEFAULT_PASSWORD)
    assert blocked.status_code == 429
    assert "Wacht 14 minuten" in blocked.text
    clock.advance(minutes=13)
    assert (await sign_in(client, account.email, DEFAULT_PASSWORD)).status_code == 429

    # The owner, elsewhere, still gets in with the right password.
    elsewhere = client_at("192.0.2.77")
    assert (await sign_in(elsewhere, account.email, DEFAULT_PASSWORD)).status_code == 303
    # And someone else from the blocked address is not affected.
    neighbour = await make_account("resident")
    assert (await sign_in(client, neighbour.email, DEFAULT_PASSWORD)).status_code == 303

    clock.advance(minutes=1, seconds=1)
    assert (await sign_in(client, account.email, DEFAULT_PASSWORD)).status_code == 303


async def test_one_address_guessing_many_accounts_is_blocked(
    client, client_at, clean_database, clock, settings
):
    # 48 guesses recorded directly (through the form they only take longer) …
    for number in range(12):
        who = throttle.attempt(
            throttle.SIGN_IN, settings.secret_key, f"gok{number}@meedoen-test.nl", "127.0.0.1"
        )
        for _ in range(4):  # below the limits for one account
            assert await throttle.reserve(who) == 0
    # … and the last two through the form: unknown addresses count too.
    await fail(client, "gok-a@meedoen-test.nl", 1)
    await fail(client, "gok-b@meedoen-test.nl", 1)
    assert await SignInFailure.count() == 50

    victim = await make_account("resident")
    assert (await sign_in(client, victim.email, DEFAULT_PASSWORD)).status_code == 429
    assert (
        await sign_in(client_at("192.0.2.8"), victim.email, DEFAULT_PASSWORD)
    ).status_code == 303


async def test_guessing_one_account_from_many_addresses_only_slows_it_down(
    client_at, clean_database, clock
):
    account = await make_account("resident")
    for number in range(20):
        await fail(client_at(f"198.51.100.{number}"), account.email, 1)

    # The attacker goes on as fast as allowed: the wait grows, but never past 30 seconds.
    waits = []
    for number in range(20, 30):
        response = await sign_in(client_at(f"198.51.100.{number}"), account.email, WRONG)
        assert response.status_code == 429
        waits.append(int(response.text.split("Wacht ")[1].split(" ")[0]))
        clock.advance(seconds=waits[-1])
        await fail(client_at(f"198.51.100.{number}"), account.email, 1)
    assert max(waits) == 30

    clock.advance(seconds=30)
    owner = client_at("203.0.113.5")
    assert (await sign_in(owner, account.email, DEFAULT_PASSWORD)).status_code == 303


async def test_no_email_or_ip_address_is_stored_and_old_failures_are_purged(
    client, clean_database, clock
):
    account = await make_account("resident")
    await fail(client, account.email, 1)
    rows = await SignInFailure.select().run()
    assert account.email not in str(rows) and "127.0.0.1" not in str(rows)

    clock.advance(hours=25)
    await fail(client, account.email, 1)
    assert await SignInFailure.count() == 1


async def test_the_password_reset_form_is_throttled_per_address_and_per_email(
    client, client_at, clean_database, clock
):
    for _ in range(3):
        response = await post_form(
            client, "/wachtwoord-vergeten", {"email": "iemand@meedoen-test.nl"}
        )
        assert response.status_code == 303
    slowed = await post_form(client, "/wachtwoord-vergeten", {"email": "iemand@meedoen-test.nl"})
    assert slowed.status_code == 429

    # From many addresses one e-mail address still only gets a few mails.
    for number in range(5):
        await post_form(
            client_at(f"198.51.100.{number}"),
            "/wachtwoord-vergeten",
            {"email": "ander@meedoen-test.nl"},
        )
    clock.advance(seconds=1)
    response = await post_form(
        client_at("198.51.100.99"), "/wachtwoord-vergeten", {"email": "ander@meedoen-test.nl"}
    )
    assert response.status_code == 429
