"""Finding 4: no account can scrape residents. Each account sees at most so many
different residents an hour and a day, also when it asks for many at once; past that
it gets a clear message, and administrators see the account in /beheer/limieten."""

from __future__ import annotations

import pytest

from coaching.conftest import a_resident_of, as_user
from meedoen.view_budget import service as view_budget
from meedoen.view_budget.service import PER_HOUR, ViewBudgetSpent, admit, usage_of
from races.conftest import at_once
from support.auth import make_account


async def test_forty_requests_at_once_never_see_more_residents_than_the_budget(database):
    viewer = await make_account("coach")
    refs = [f"res-budget-{viewer.id}-{n}" for n in range(400)]
    chunks = [refs[n : n + 10] for n in range(0, len(refs), 10)]

    async def view(chunk: list[str]) -> bool:
        try:
            await admit(viewer.id, chunk)
        except ViewBudgetSpent:
            return False
        return True

    results = await at_once([lambda chunk=chunk: view(chunk) for chunk in chunks])

    usage = await usage_of(viewer.id)
    assert usage.last_hour <= PER_HOUR
    assert sum(results) * 10 == usage.last_hour  # what was refused was not counted
    assert results.count(False) >= (len(refs) - PER_HOUR) // 10
    # Seeing the same residents again costs nothing. (In a burst that asks for more than
    # the budget at once, every request may be refused: each counts the others in flight.)
    admitted = [chunk for chunk, ok in zip(chunks, results, strict=True) if ok] or [[]]
    await admit(viewer.id, admitted[0])
    assert (await usage_of(viewer.id)).last_hour == usage.last_hour


async def test_a_coach_past_the_budget_gets_a_message_and_the_administrator_an_alert(
    client, clean_database, signed_in_as, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(view_budget, "PER_HOUR", 3)
    monkeypatch.setattr(view_budget, "ALERT_AT", 0.001)
    coach = await signed_in_as("coach", display_name="Coach Kees")
    residents = [await a_resident_of(as_user(coach), first_name=f"Bewoner{n}") for n in range(5)]

    answers = [await client.get(f"/coach/bewoners/{r.ref}") for r in residents]

    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert "heel veel bewoners bekeken" in answers[3].text
    assert "Bewoner3" not in answers[3].text
    assert (await client.get(f"/coach/bewoners/{residents[0].ref}")).status_code == 200
    await signed_in_as("admin")
    limits = await client.get("/beheer/limieten")
    assert limits.status_code == 200
    assert "Coach Kees" in limits.text and "Budget op" in limits.text
