"""Unmet demand is counted exactly, however many searches and app instances count at once:
each stored row grows by one atomic upsert, never by read-then-write."""

from __future__ import annotations

import asyncio
from collections import Counter

from meedoen.insight import demand
from meedoen.insight.tables import SearchDemand
from meedoen.search.demand import TALLY, DemandKey
from races.conftest import BURST, at_once


async def test_forty_instances_storing_the_same_row_at_once_lose_no_count(database):
    await SearchDemand.delete(force=True)
    key = DemandKey("2026-11", "geen", "kind=stage", "heftruck")
    other = DemandKey("2026-11", "weinig", "", "heftruck")

    async def store(n: int) -> int:
        return await demand.add_counts(Counter({key: 1, other: n % 2}))

    await at_once([lambda n=n: store(n) for n in range(BURST)])

    rows = {r["key"]: r["searches"] for r in await SearchDemand.select().run()}
    assert rows == {key.key: BURST, other.key: BURST // 2}


async def test_searches_at_once_are_all_counted_once_stored(corpus, indexed, client):
    await indexed()
    await demand.flush(TALLY)  # whatever other tests searched
    await SearchDemand.delete(force=True)

    async def search() -> int:
        response = await client.get("/kansen?q=onvindbare+zeppelinbouwer")
        return response.status_code

    statuses = await at_once([search for _ in range(24)])
    # Flushes of two processes at the same moment (a web process and its shutdown flush).
    await asyncio.gather(demand.flush(TALLY), demand.flush(TALLY))

    assert statuses == [200] * 24
    rows = await SearchDemand.select(SearchDemand.term, SearchDemand.searches).run()
    assert rows == [{"term": "onvindbare zeppelinbouwer", "searches": 24}]
