"""Finding 3: no mail cannon. Limits per sender, per recipient and per kind hold when
the requests come at once; what is over a limit is parked for administrators, not sent.
"""

from __future__ import annotations

from meedoen.mail.tables import OutgoingMail
from meedoen.mail.throttle import PER_RECIPIENT_AND_KIND
from races.conftest import at_once, with_csrf
from races.test_caps_races import signed_in_clients
from support.auth import DEFAULT_PASSWORD, make_account, make_organisation, post_form, sign_in

OUTSIDER = "buitenstaander@example.org"


async def mails_to(address: str) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    rows = await OutgoingMail.select().where(OutgoingMail.to_address == address)
    return [r for r in rows if r["parked_at"] is None], [r for r in rows if r["parked_at"]]


async def test_thirty_invitations_at_once_to_one_address_send_at_most_the_limit(
    clean_database, instances
):
    owner = await make_account("organisation")
    clients = await signed_in_clients(instances, owner)
    for client, _ in clients:
        assert (await client.get("/organisatie/leden")).status_code == 200
    tokens = [await with_csrf(client, "/organisatie/leden") for client, _ in clients]

    def invite(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)][0], tokens[number % len(clients)]
        return lambda: client.post(
            "/organisatie/leden", data={"email": OUTSIDER, "_csrf_token": token}
        )

    responses = await at_once([invite(n) for n in range(30)])

    assert all(response.status_code == 303 for response in responses)
    to_send, parked = await mails_to(OUTSIDER)
    assert len(to_send) == PER_RECIPIENT_AND_KIND
    assert len(parked) == 30 - PER_RECIPIENT_AND_KIND
    assert {row["parked_reason"] for row in parked} == {"ontvanger-soort-dag"}


async def test_an_unverified_organisation_cannot_invite_and_its_name_stays_out_of_subjects(
    client, clean_database
):
    unverified = await make_organisation("Gemeente Enschede – uw uitkering stopt", verified=False)
    owner = await make_account("organisation", organisation_ref=unverified)
    await sign_in(client, owner.email, DEFAULT_PASSWORD)

    refused = await post_form(client, "/organisatie/leden", {"email": OUTSIDER})

    assert refused.status_code == 400
    assert "gecontroleerd" in refused.text
    assert await mails_to(OUTSIDER) == ([], [])
    verified = await make_account("organisation")
    await sign_in(client, verified.email, DEFAULT_PASSWORD)
    await post_form(client, "/organisatie/leden", {"email": OUTSIDER})
    (mail,), _ = await mails_to(OUTSIDER)
    assert "Testorganisatie" not in mail["subject"]


async def test_signing_in_again_and_again_with_an_unconfirmed_address_mails_it_rarely(
    clean_database, instances
):
    someone_else = await make_account("resident", verified=False)
    clients = [instances(n) for n in range(8)]
    tokens = [await with_csrf(client, "/inloggen") for client in clients]

    def attempt(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % 8], tokens[number % 8]
        data = {"email": someone_else.email, "password": DEFAULT_PASSWORD, "_csrf_token": token}
        return lambda: client.post("/inloggen", data=data)

    await at_once([attempt(n) for n in range(25)])
    for number in range(5):  # and one after the other, as a browser would
        await attempt(number)()

    to_send, _parked = await mails_to(someone_else.email)
    assert 1 <= len(to_send) <= PER_RECIPIENT_AND_KIND
