"""Finding 8: postings are edited with optimistic locking; a status change touches only
the status; closing never needs today's validation; one bad posting does not stop
``close_expired_postings`` for the others."""

from __future__ import annotations

import datetime as dt

from meedoen.opportunities.postings import close_expired_postings
from meedoen.opportunities.tables import Opportunity
from organisations.conftest import posting_of
from organisations.test_dashboard import VALID
from races.conftest import at_once
from races.test_caps_races import signed_in_clients
from support.auth import make_account

EDIT = {key: value for key, value in VALID.items() if key != "title"}


async def test_twenty_edits_from_one_version_at_once_save_one_and_tell_the_others(
    database, instances
):
    member = await make_account("organisation")
    ref = await posting_of(member, title="Stage in de werkplaats")
    clients = await signed_in_clients(instances, member)
    page = f"/organisatie/kansen/{ref}"

    def edit(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {**EDIT, "title": f"Titel {number}", "version": "1", "_csrf_token": token}
        return lambda: client.post(page, data=data)

    responses = await at_once([edit(n) for n in range(20)])

    statuses = [response.status_code for response in responses]
    assert statuses.count(303) == 1, statuses
    refused = [r for r in responses if r.status_code == 400]
    assert len(refused) == 19
    assert all("Iemand anders heeft deze kans veranderd" in r.text for r in refused)
    winner = responses[statuses.index(303)]
    posting = await Opportunity.objects().get(Opportunity.ref == ref)
    assert posting.version == 2
    assert f"Titel {responses.index(winner)}" == posting.title


async def test_status_changes_at_once_with_an_edit_change_only_the_status(database, instances):
    member = await make_account("organisation")
    ref = await posting_of(member, title="Oude titel")
    clients = await signed_in_clients(instances, member)

    def close(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {"status": "gesloten" if number % 2 else "open", "_csrf_token": token}
        return lambda: client.post(f"/organisatie/kansen/{ref}/status", data=data)

    def edit():  # type: ignore[no-untyped-def]
        client, token = clients[0]
        data = {**EDIT, "title": "Nieuwe titel", "version": "1", "_csrf_token": token}
        return client.post(f"/organisatie/kansen/{ref}", data=data)

    first_edit = await edit()  # the edit began before any status change
    responses = await at_once([close(n) for n in range(20)])

    assert first_edit.status_code == 303
    assert all(response.status_code == 303 for response in responses)
    posting = await Opportunity.objects().get(Opportunity.ref == ref)
    assert posting.title == "Nieuwe titel"  # no status change wrote an old title back


async def test_closing_needs_no_validation_and_one_bad_posting_stops_no_other(database):
    member = await make_account("organisation")
    yesterday = dt.date.today() - dt.timedelta(days=1)
    refs = [await posting_of(member, title=f"Verlopen {n}", end_date=yesterday) for n in range(3)]
    # Written before today's checks: a sector that is no longer in the vocabulary.
    await Opportunity.update({Opportunity.sector: "oude sector"}).where(Opportunity.ref == refs[1])

    closed = await close_expired_postings()

    assert closed >= 3
    statuses = await Opportunity.select(Opportunity.status).where(Opportunity.ref.is_in(refs))
    assert {row["status"] for row in statuses} == {"gesloten"}
