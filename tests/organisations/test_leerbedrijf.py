"""An erkend leerbedrijf: the organisation enters its SBB leerbedrijf-ID, an administrator
looks it up and confirms it, and only then do students see the badge with its stages."""

from __future__ import annotations

import asyncio

from meedoen.audit.tables import AuditEvent
from meedoen.organisations.tables import Organisation
from organisations.conftest import organisation_of, posting_of
from support.app import app_client
from support.auth import csrf_token, post_form

BADGE = "Erkend leerbedrijf"


async def _details(client, **changes):  # type: ignore[no-untyped-def]
    page = (await client.get("/organisatie/gegevens")).text
    values = {
        "name": "Fietsenmakerij West",
        "sector": "metaal en techniek",
        "wijk": "Pathmos",
        "postcode": "7513 AB",
        "kvk_number": "12345678",
        **changes,
    }
    return await client.post(
        "/organisatie/gegevens", data={**values, "_csrf_token": csrf_token(page)}
    )


async def test_a_leerbedrijf_id_is_checked_in_dutch_and_kept_as_typed(
    client, clean_database, signed_in_as
):
    await signed_in_as("organisation")

    refused = await _details(client, leerbedrijf_id="SBB-abc")

    assert refused.status_code == 400
    assert "Vul het leerbedrijf-ID van SBB in: alleen cijfers, zoals 100012345." in refused.text
    assert 'value="SBB-abc"' in refused.text


async def test_the_badge_shows_only_once_an_administrator_confirmed_the_recognition(
    client, app, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    ref = await posting_of(account)
    saved = await _details(client, leerbedrijf_id="1001 2345")
    organisation = await organisation_of(account)

    assert saved.status_code == 303
    assert organisation["leerbedrijf_id"] == "10012345"
    assert organisation["leerbedrijf_confirmed_at"] is None
    assert "nog bevestigen" in (await client.get("/organisatie/gegevens")).text
    assert BADGE not in (await client.get(f"/kansen/{ref}")).text

    async with app_client(app) as admin:
        await signed_in_as("admin", client=admin)
        check = await admin.get(f"/beheer/organisaties/{organisation['ref']}")
        assert "10012345" in check.text and "nog niet bevestigd" in check.text
        confirmed = await admin.post(
            f"/beheer/organisaties/{organisation['ref']}/leerbedrijf",
            data={
                "value": "1",
                "leerbedrijf_id": "10012345",
                "_csrf_token": csrf_token(check.text),
            },
        )
    assert confirmed.status_code == 303

    assert BADGE in (await client.get(f"/kansen/{ref}")).text
    assert BADGE in (await client.get(f"/organisaties/{organisation['ref']}")).text
    assert "heeft bevestigd" in (await client.get("/organisatie/gegevens")).text

    # Another ID is not the one that was looked up: the badge goes until it is confirmed.
    await _details(client, leerbedrijf_id="10099999")
    assert BADGE not in (await client.get(f"/kansen/{ref}")).text
    assert (await organisation_of(account))["leerbedrijf_confirmed_at"] is None


async def test_a_confirmation_of_an_id_that_changed_meanwhile_confirms_nothing(
    client, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    await _details(client, leerbedrijf_id="10012345")
    organisation = await organisation_of(account)
    await signed_in_as("admin")

    response = await post_form(
        client,
        f"/beheer/organisaties/{organisation['ref']}",
        {"value": "1", "leerbedrijf_id": "10000000"},  # what the page showed before
        action=f"/beheer/organisaties/{organisation['ref']}/leerbedrijf",
    )

    assert response.status_code == 303
    assert (await organisation_of(account))["leerbedrijf_confirmed_at"] is None
    page = (await client.get(response.headers["location"])).text
    assert "Er is niets bevestigd" in page


async def test_twenty_simultaneous_confirmations_are_recorded_once(
    client, app, clean_database, signed_in_as
):
    account = await signed_in_as("organisation")
    await _details(client, leerbedrijf_id="10012345")
    organisation = await organisation_of(account)
    admins = [app_client(app) for _ in range(4)]
    tokens = []
    for admin in admins:
        await signed_in_as("admin", client=admin)
        tokens.append(
            csrf_token((await admin.get(f"/beheer/organisaties/{organisation['ref']}")).text)
        )
    start = asyncio.Event()

    async def confirm(number: int) -> int:
        await start.wait()
        response = await admins[number % 4].post(
            f"/beheer/organisaties/{organisation['ref']}/leerbedrijf",
            data={"value": "1", "leerbedrijf_id": "10012345", "_csrf_token": tokens[number % 4]},
        )
        return response.status_code

    tasks = [asyncio.ensure_future(confirm(n)) for n in range(24)]
    await asyncio.sleep(0)
    start.set()
    statuses = await asyncio.gather(*tasks)
    for admin in admins:
        await admin.aclose()

    assert statuses == [303] * 24
    recorded = await AuditEvent.count().where(
        AuditEvent.action == "organisation.leerbedrijf_confirmed"
    )
    assert recorded == 1
    row = await Organisation.select().where(Organisation.ref == organisation["ref"]).first()
    assert row["leerbedrijf_confirmed_at"] is not None
