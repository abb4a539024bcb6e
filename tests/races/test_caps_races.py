"""Finding 6 and 7: caps and one-of rules hold when many requests arrive at once.

40 saved searches at once stored 40 (cap 20); four transfers of one resident at once
left two active coaches; two responses to one kans at once could both be stored.
"""

from __future__ import annotations

from meedoen.alerts.service import MAX_SAVED_SEARCHES
from meedoen.alerts.tables import SavedSearch
from meedoen.placements.tables import CaseloadLink
from races.conftest import BURST, at_once, with_csrf
from support.auth import DEFAULT_PASSWORD, make_account, sign_in


async def signed_in_clients(instances, account, count: int = 8):  # type: ignore[no-untyped-def]
    """``count`` browsers signed in as ``account``, over both instances, with CSRF tokens."""
    clients = []
    for number in range(count):
        client = instances(number)
        response = await sign_in(client, account.email, DEFAULT_PASSWORD)
        assert response.status_code == 303, response.status_code
        clients.append((client, await with_csrf(client, "/account")))
    return clients


async def test_forty_saved_searches_at_once_store_no_more_than_the_cap(database, instances):
    account = await make_account("resident")
    clients = await signed_in_clients(instances, account)

    def save(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {"q": f"zoekwoord{number}", "frequency": "weekly", "_csrf_token": token}
        return lambda: client.post("/zoekopdrachten", data=data)

    responses = await at_once([save(n) for n in range(BURST)])

    assert all(response.status_code == 303 for response in responses)
    stored = await SavedSearch.count().where(SavedSearch.account == account.id)
    assert stored == MAX_SAVED_SEARCHES


async def test_the_same_search_saved_many_times_at_once_is_stored_once(database, instances):
    account = await make_account("resident")
    clients = await signed_in_clients(instances, account)
    # The same words and filters, in different orders and spellings of the same search.
    forms = [
        {"q": "Koken", "kind": ["vrijwilligerswerk", "stage"], "wijk": "Pathmos"},
        {"q": " koken ", "kind": ["stage", "vrijwilligerswerk"], "wijk": "Pathmos"},
        {"q": "koken", "wijk": "Pathmos", "kind": ["stage", "vrijwilligerswerk"], "page": "3"},
    ]

    def save(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {**forms[number % len(forms)], "frequency": "weekly", "_csrf_token": token}
        return lambda: client.post("/zoekopdrachten", data=data)

    responses = await at_once([save(n) for n in range(24)])

    assert [response.status_code for response in responses] == [303] * 24
    assert all(r.headers["location"] == "/mijn/zoekopdrachten" for r in responses)
    stored = await SavedSearch.count().where(SavedSearch.account == account.id)
    assert stored == 1


async def test_transfers_of_one_resident_at_once_leave_exactly_one_active_coach(
    database, instances
):
    from coaching.conftest import a_resident_of, as_user

    coach = await make_account("coach")
    targets = [await make_account("coach") for _ in range(4)]
    resident = await a_resident_of(as_user(coach))
    clients = await signed_in_clients(instances, coach)
    page = f"/coach/bewoners/{resident.ref}/overdragen"

    def transfer(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        target = targets[number % len(targets)]
        data = {"coach": str(target.id), "note": "", "_csrf_token": token}
        return lambda: client.post(page, data=data)

    responses = await at_once([transfer(n) for n in range(24)])

    statuses = [response.status_code for response in responses]
    assert set(statuses) <= {303, 400, 403, 404}, statuses
    active = await CaseloadLink.select(CaseloadLink.coach).where(
        (CaseloadLink.resident == resident.id) & CaseloadLink.ended_at.is_null()
    )
    assert len(active) == 1, active
    assert active[0]["coach"] in {target.id for target in targets}
    assert statuses.count(303) == 1, statuses


async def test_responses_to_one_kans_sent_at_once_store_one(database, instances):
    from meedoen.responses.tables import Response
    from organisations.conftest import posting_of

    organisation = await make_account("organisation")
    ref = await posting_of(organisation)
    resident = await make_account("resident")
    clients = await signed_in_clients(instances, resident)
    page = f"/kansen/{ref}/reageren"
    for client, _token in clients:  # each session's profile exists before the burst
        assert (await client.get(page)).status_code == 200

    def respond(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {"message": f"Ik wil graag ({number})", "shared": "email", "_csrf_token": token}
        return lambda: client.post(page, data=data)

    responses = await at_once([respond(n) for n in range(24)])

    statuses = [response.status_code for response in responses]
    assert statuses.count(303) == 1, statuses
    assert set(statuses) == {303, 400}, statuses
    refused = [r for r in responses if r.status_code == 400]
    assert all("Je hebt al gereageerd op deze kans." in r.text for r in refused)
    stored = await Response.count().where(Response.opportunity.ref == ref)
    assert stored == 1
