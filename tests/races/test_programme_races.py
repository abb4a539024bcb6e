"""Programmes hold when many requests arrive at once, across two app instances: forty
requests to join from one organisation leave one request, and forty attaches of one kans
leave it in the programme once (the database's unique keys decide, not a check first)."""

from __future__ import annotations

from organisations.conftest import posting_of
from programmes.conftest import a_programme, organiser_account, user_of
from races.conftest import BURST, at_once, with_csrf
from races.test_caps_races import signed_in_clients


async def test_forty_requests_to_join_at_once_leave_one_request(database, instances):
    from meedoen.programmes.tables import ProgrammeMember

    owner, organisation = await organiser_account()
    other, company = await organiser_account()
    programme = await a_programme(owner, organisation)
    clients = await signed_in_clients(instances, other)

    def ask(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        path = f"/organisatie/programmas/{programme['ref']}/aanmelden"
        return lambda: client.post(path, data={"_csrf_token": token})

    responses = await at_once([ask(n) for n in range(BURST)])

    assert [r.status_code for r in responses] == [303] * BURST
    rows = await ProgrammeMember.select().where(
        (ProgrammeMember.programme == programme["id"])
        & (ProgrammeMember.organisation == company["id"])
    )
    assert [row["status"] for row in rows] == ["aangevraagd"]


async def test_forty_attaches_of_one_kans_at_once_attach_it_once(database, instances):
    from meedoen.programmes import service
    from meedoen.programmes.tables import ProgrammeItem

    owner, organisation = await organiser_account()
    member, company = await organiser_account()
    programme = await a_programme(owner, organisation)
    await service.ask_to_join(user_of(member, company), programme, company["id"])
    await service.decide_member(user_of(owner, organisation), programme, company["ref"], True)
    kans = await posting_of(member, title="Stage in de lasserij")
    clients = await signed_in_clients(instances, member)
    page = f"/organisatie/programmas/{programme['ref']}"
    tokens = [await with_csrf(client, page) for client, _ in clients]

    def attach(number: int):  # type: ignore[no-untyped-def]
        client, _ = clients[number % len(clients)]
        data = {"kind": "kans", "item": kans, "_csrf_token": tokens[number % len(clients)]}
        return lambda: client.post(f"{page}/koppelen", data=data)

    responses = await at_once([attach(n) for n in range(BURST)])

    assert [r.status_code for r in responses] == [303] * BURST
    assert await ProgrammeItem.count().where(ProgrammeItem.programme == programme["id"]) == 1
