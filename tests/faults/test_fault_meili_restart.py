"""Meilisearch stops and comes back while organisations keep saving kansen.

An app instance (uvicorn child, in-process worker, asked for here: the session's live server
has none) drains the outbox; the test writes through
``save_opportunity`` all the while. Nothing may be lost: search answers (degraded) during
the outage, the backlog drains afterwards and the index equals the database.
(The page-level degraded behaviour is in tests/opportunities/test_degraded_mode.py.)
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from faults.instances import app_instance, save_retrying_when_locked
from meedoen.indexing.outbox import backlog_size
from meedoen.matching.documents import opportunity_documents
from opportunities.conftest import a_posting
from support.waiting import eventually

pytestmark = pytest.mark.slow


async def test_nothing_is_lost_when_meilisearch_restarts_under_write_load(
    meili, database, postings, indexer, tmp_path
):
    environment = {"MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key}
    with app_instance(tmp_path, environment, name="with-worker") as instance:
        await write_through_a_restart(instance.url, meili, postings, indexer)


async def write_through_a_restart(server: str, meili, postings, indexer):  # type: ignore[no-untyped-def]
    organisation = await postings.organisation()
    titles: dict[str, str] = {}
    writing = True

    async def write_loop() -> None:
        number = 0
        while writing:
            number += 1
            existing = list(titles)[number % len(titles)] if number % 3 == 0 else None
            title = f"Tuinman moestuin Pathmos {number}"
            ref = await save_retrying_when_locked(
                organisation, a_posting(title=title, wijk="Pathmos"), existing
            )
            titles[ref] = title
            await asyncio.sleep(0.02)

    async with httpx.AsyncClient(base_url=server, timeout=10.0) as http:
        writer = asyncio.create_task(write_loop())
        try:
            await asyncio.sleep(1.0)
            await asyncio.to_thread(meili.server.stop)
            during = []
            outage_ends = time.monotonic() + 3.0
            while time.monotonic() < outage_ends:
                response = await http.get("/api/v1/opportunities", params={"q": "moestuin"})
                during.append((response.status_code, response.json().get("degraded")))
                await asyncio.sleep(0.3)
            page = await http.get("/kansen", params={"q": "tuinman"})
        finally:
            # Started on the loop's thread, see MeilisearchServer.astart.
            if not meili.server.is_running:
                await meili.server.astart()
        await asyncio.sleep(1.0)  # writes go on after the restart too
        writing = False
        await writer

        assert during and all(status == 200 and degraded for status, degraded in during)
        assert page.status_code == 200 and "Zoeken werkt nu beperkt" in page.text

        await eventually(backlog_is_empty, "draining the backlog after the restart")
        health = await http.get("/health")
        assert health.status_code == 200, health.text
        after = await http.get("/api/v1/opportunities", params={"q": "moestuin"})
        assert after.status_code == 200 and after.json()["degraded"] is False

    assert len(titles) >= 20, f"too little write load to mean anything: {len(titles)}"
    documents = await opportunity_documents(sorted(titles))
    assert {d["ref"]: d["title"] for d in documents} == titles, "the database lost a save"
    response = await indexer.client.http_client.post(
        f"indexes/{indexer.index_uid}/documents/fetch",
        json={"limit": 100_000, "fields": ["ref", "title"]},
    )
    response.raise_for_status()
    in_index = {d["ref"]: d["title"] for d in response.json()["results"] if d["ref"] in titles}
    assert in_index == titles, "the index does not equal the database"


async def backlog_is_empty() -> bool:
    return await backlog_size() == 0
