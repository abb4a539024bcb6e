"""Search under overload (issue 19): waiting for a turn among this process's searches is
not Meilisearch failing, so it never sends a search to the database; and when Meilisearch
is away and the database searches at once are all taken, visitors hear "busy, try again"
(503 with Retry-After) at once, not an empty list and not a 500."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from meedoen.search.gateway import SearchGuard
from opportunities.conftest import result_refs
from support.app import app_client

NOTICE = "Zoeken werkt nu beperkt"
BUSY = "Zoeken is nu erg druk. Probeer het over een paar seconden opnieuw."
AT_ONCE = 24
ASKS = [
    ("/kansen?q=zorg", {}),
    ("/kansen?q=tuin", {"HX-Request": "true"}),
    ("/api/v1/opportunities?q=magazijn", {}),
]


def requests(count: int) -> list[tuple[str, dict[str, str]]]:
    return [ASKS[i % len(ASKS)] for i in range(count)]


@pytest.fixture
async def searchable(corpus, indexed):
    await indexed()


async def test_with_one_search_in_flight_every_concurrent_search_is_answered_by_meilisearch(
    client, runtime, searchable
):
    usual = runtime.search_guard
    guard = runtime.search_guard = SearchGuard(in_flight=1)
    try:
        answers = await asyncio.gather(
            *(client.get(path, headers=headers) for path, headers in requests(AT_ONCE))
        )
    finally:
        runtime.search_guard = usual

    assert [a.status_code for a in answers] == [200] * AT_ONCE
    for answer in answers:
        if answer.headers["content-type"].startswith("application/json"):
            assert answer.json()["degraded"] is False and answer.json()["total"] > 0
        else:
            assert NOTICE not in answer.text and result_refs(answer.text)
    # They really were at once, and really went one at a time: the rest waited their turn
    # (and waiting is not failing: nobody was answered from the database).
    assert guard.peak_in_flight == 1
    assert guard.waits > 0
    assert guard.failures == 0 and guard.busy == 0


async def test_when_every_database_search_is_taken_visitors_are_told_to_come_back(settings, corpus):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    unreachable = dataclasses.replace(settings, meili_url="http://127.0.0.1:9")
    runtime = Runtime(unreachable)
    guard = runtime.search_guard = SearchGuard(fallbacks=1)
    async with app_client(create_app(unreachable, runtime)) as client:
        await guard.fallback.acquire()  # the one database search at once is taken
        try:
            answers = await asyncio.gather(
                *(client.get(path, headers=headers) for path, headers in requests(AT_ONCE))
            )
        finally:
            guard.fallback.release()
        after = await client.get("/kansen?q=tuin")

    assert [a.status_code for a in answers] == [503] * AT_ONCE
    assert all(a.headers["retry-after"] == "2" for a in answers)
    for answer in answers:
        if answer.headers["content-type"].startswith("application/json"):
            assert answer.json()["detail"] == BUSY
        else:
            assert BUSY in answer.text and NOTICE not in answer.text
    assert guard.busy == AT_ONCE
    # With the place free again, the simpler database search answers (and says so).
    assert after.status_code == 200 and NOTICE in after.text and result_refs(after.text)
