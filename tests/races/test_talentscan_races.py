"""The talent scan under concurrent requests for one resident, on both instances: twenty
answers at once end as one scan holding each answer; twenty "Zet in mijn profiel" at once
add each skill once; twenty restarts at once leave one empty scan."""

from __future__ import annotations

from meedoen.residents.tables import Resident
from meedoen.talentscan.questions import QUESTIONS
from meedoen.talentscan.service import current_scan
from meedoen.talentscan.tables import TalentScan
from races.conftest import at_once
from races.test_caps_races import signed_in_clients
from support.auth import make_account
from talentscan.conftest import COOK


async def test_twenty_answers_and_accepts_at_once_make_one_consistent_scan(database, instances):
    account = await make_account("resident")
    clients = await signed_in_clients(instances, account)
    first, _ = clients[0]
    assert (await first.get("/mijn/talentscan")).status_code == 200  # the profile exists
    resident = await Resident.objects().get(Resident.account == account.id)

    def answer(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        question = QUESTIONS[number % len(QUESTIONS)]
        data = {"_csrf_token": token, "vraag": question.code, "antwoord": COOK[question.code]}
        path = f"/mijn/talentscan/vraag/{number % len(QUESTIONS) + 1}"
        return lambda: client.post(path, data=data)

    answered = await at_once([answer(n) for n in range(20)])

    assert all(r.status_code == 303 for r in answered), [r.status_code for r in answered]
    rows = await TalentScan.select().where(TalentScan.resident == resident.id)
    assert len(rows) == 1 and await TalentScan.count() == 1
    scan = await current_scan(resident.id)
    assert scan is not None and scan.answers == COOK and scan.finished

    def accept(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {
            "_csrf_token": token,
            "skills": ["koken", "bediening"],
            "interests": ["horeca"],
            "extra_skills": "Turks",
        }
        return lambda: client.post("/mijn/talentscan/uitkomst", data=data)

    accepted = await at_once([accept(n) for n in range(20)])

    assert all(r.status_code == 303 for r in accepted), [r.status_code for r in accepted]
    stored = await Resident.objects().get(Resident.id == resident.id)
    assert stored.skills == ["koken", "bediening", "Turks"]
    assert stored.interests == ["horeca"]
    assert await TalentScan.count() == 1

    def restart(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        return lambda: client.post("/mijn/talentscan/begin", data={"_csrf_token": token})

    restarted = await at_once([restart(n) for n in range(20)])

    assert all(r.status_code == 303 for r in restarted)
    again = await current_scan(resident.id)
    assert again is not None and again.answers == {} and not again.finished
    assert await TalentScan.count() == 1


async def test_twenty_first_answers_at_once_make_one_scan(database, instances):
    """No scan yet: each request may try to make it; the resident's lock keeps it one."""
    account = await make_account("resident")
    clients = await signed_in_clients(instances, account)
    first, _ = clients[0]
    assert (await first.get("/mijn")).status_code == 200
    resident = await Resident.objects().get(Resident.account == account.id)

    def answer(number: int):  # type: ignore[no-untyped-def]
        client, token = clients[number % len(clients)]
        data = {"_csrf_token": token, "vraag": "handen", "antwoord": ["koken"]}
        return lambda: client.post("/mijn/talentscan/vraag/1", data=data)

    answered = await at_once([answer(n) for n in range(20)])

    assert all(r.status_code == 303 for r in answered), [r.status_code for r in answered]
    assert await TalentScan.count().where(TalentScan.resident == resident.id) == 1
