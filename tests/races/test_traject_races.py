"""Proofs of participation and hours under simultaneous requests, across two instances:
one proof per placement however often the resident asks at once, one issue however many
members press "Bewijs maken" together, and a week of hours confirmed exactly once."""

from __future__ import annotations

import datetime as dt

from meedoen.audit.tables import AuditEvent
from meedoen.traject import hours, proofs
from meedoen.traject.tables import HoursEntry, Proof
from races.conftest import BURST, at_once
from races.test_caps_races import signed_in_clients
from traject.conftest import a_placed_resident


async def test_asking_for_a_proof_many_times_at_once_makes_one(database, instances):
    placed = await a_placed_resident()
    clients = await signed_in_clients(instances, placed.resident_account)
    path = f"/mijn/traject/plaatsingen/{placed.placement.ref}/bewijs"

    def ask(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        return lambda: client.post(path, data={"_csrf_token": token})

    responses = await at_once([ask(n) for n in range(BURST)])

    statuses = [response.status_code for response in responses]
    assert statuses.count(303) == 1, statuses
    assert statuses.count(400) == BURST - 1, statuses
    assert await Proof.count().where(Proof.placement == placed.placement.id) == 1


async def test_many_members_issuing_one_proof_at_once_issue_it_once(database, instances):
    placed = await a_placed_resident()
    proof = await proofs.ask_for_proof(placed.resident, placed.placement.ref)
    clients = await signed_in_clients(instances, placed.member)
    path = f"/organisatie/bewijzen/{proof.ref}"

    def issue(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {"_csrf_token": token, "skills": ["samenwerken"], "sentence": f"Zin {number}."}
        return lambda: client.post(path, data=data)

    responses = await at_once([issue(n) for n in range(BURST)])

    assert all(response.status_code == 303 for response in responses)
    issued = await AuditEvent.objects().where(
        (AuditEvent.action == "proof.issued") & (AuditEvent.details == proof.ref)
    )
    assert len(issued) == 1
    stored = await Proof.objects().get(Proof.id == proof.id)
    assert stored.status == "uitgegeven"
    # The content is the winner's, whole: its link checks out as genuine.
    content = proofs.content_of(stored)
    assert content["sentence"].startswith("Zin ")
    assert await proofs.verify(proofs.token_for(stored, "x"), "x") == "echt"


async def test_a_week_of_hours_confirmed_by_many_at_once_is_confirmed_once(database, instances):
    placed = await a_placed_resident()
    week = dt.date.today() - dt.timedelta(days=7)
    entry = await hours.record_hours(
        placed.resident, hours.HoursInput(placed.placement.ref, week, "6")
    )
    clients = await signed_in_clients(instances, placed.member)

    def confirm(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {"_csrf_token": token, "hours": str(1 + number % 9)}
        return lambda: client.post(f"/organisatie/uren/{entry.ref}", data=data)

    responses = await at_once([confirm(n) for n in range(BURST)])

    assert all(response.status_code == 303 for response in responses)
    confirmations = await AuditEvent.objects().where(
        (AuditEvent.action == "hours.confirmed") & (AuditEvent.subject_ref == entry.ref)
    )
    assert len(confirmations) == 1
    stored = await HoursEntry.objects().get(HoursEntry.id == entry.id)
    assert stored.status == "bevestigd" and stored.confirmed_minutes in range(60, 600, 60)
