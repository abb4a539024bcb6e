"""One change that keeps failing never holds up the others: its batch goes through, it is
retried on its own with a back-off, then parked with its error where administrators see
it, and "probeer opnieuw" sends it back to the workers."""

from __future__ import annotations

import asyncio
import contextlib
import uuid

import pytest

from meedoen.indexing import outbox, worker
from meedoen.indexing.indexer import IndexingFailed, SearchIndexer
from meedoen.indexing.tables import OutboxEvent
from meedoen.opportunities.tables import Opportunity
from meedoen.search.client import make_client
from residents.conftest import an_opportunity
from support.auth import post_form


async def searchable(indexer, refs: list[str]) -> set[str]:
    found = await indexer.client.index(indexer.index_uid).get_documents(
        filter=f"ref IN [{', '.join(repr(r).replace(chr(39), chr(34)) for r in refs)}]",
        fields=["ref"],
        limit=100,
    )
    return {document["ref"] for document in found.results}


@pytest.fixture
async def poisoned_batch(indexer, indexed):
    """Five good postings and one whose ref Meilisearch refuses as a document id."""
    await indexed()
    good = [(await an_opportunity(title=f"Tuinieren {n}")).ref for n in range(5)]
    poisoned = (await an_opportunity(ref=f"kans met spatie {uuid.uuid4().hex[:6]}")).ref
    yield good, poisoned
    await Opportunity.delete().where(Opportunity.ref == poisoned)
    await OutboxEvent.delete().where(OutboxEvent.ref == poisoned)


async def test_a_poisoned_document_is_parked_and_the_rest_of_its_batch_is_searchable(
    indexer, poisoned_batch, client, signed_in_as
):
    good, poisoned = poisoned_batch

    # One round per attempt, the back-off passed at once (a moved clock, not a wait): no
    # other worker drains this outbox, so every round is this test's own.
    for _ in range(outbox.PARK_AFTER_ATTEMPTS):
        await outbox.retry_now()
        await worker.drain_once(indexer, batch_size=100)

    assert await searchable(indexer, good) == set(good)
    [row] = await outbox.parked_changes()
    assert row["ref"] == poisoned
    assert row["attempts"] == outbox.PARK_AFTER_ATTEMPTS
    assert "invalid" in str(row["last_error"]).lower()
    assert await outbox.backlog_size() == 0, "a parked change no longer waits for a worker"

    await signed_in_as("admin")
    page = await client.get("/beheer/zoekindex")
    assert page.status_code == 200
    assert poisoned in page.text and "Probeer opnieuw" in page.text

    for not_a_change in ("²", "twee", "9" * 30, "Meedoen " * 2_500):
        refused = await post_form(
            client, "/beheer/zoekindex", {"change": not_a_change}, "/beheer/zoekindex/opnieuw"
        )
        assert refused.status_code == 303, not_a_change
        assert "Deze wijziging bestaat niet" in (await client.get("/beheer/zoekindex")).text
        assert [r["id"] for r in await outbox.parked_changes()] == [row["id"]], "not all retried"

    retried = await post_form(
        client, "/beheer/zoekindex", {"change": str(row["id"])}, "/beheer/zoekindex/opnieuw"
    )
    assert retried.status_code == 303
    assert await outbox.parked_changes() == []
    back = await OutboxEvent.select().where(OutboxEvent.id == row["id"]).first()
    assert back["parked_at"] is None and back["attempts"] == 0


async def test_when_the_server_fails_every_change_waits_and_none_is_parked(
    indexer, poisoned_batch, meili
):
    good, poisoned = poisoned_batch

    meili.server.stop()
    try:
        # More failed rounds than parking allows, each this test's own (no other worker
        # drains this outbox).
        for _ in range(outbox.PARK_AFTER_ATTEMPTS + 1):
            await outbox.retry_now()
            with pytest.raises(IndexingFailed):
                await worker.drain_once(indexer, batch_size=100)
    finally:
        meili.server.ensure_running()

    assert await outbox.parked_changes() == []
    waiting = await OutboxEvent.select(OutboxEvent.ref).output(as_list=True)
    assert poisoned in waiting
    assert set(good) <= set(waiting), "the good ones wait too"


def test_a_lease_outlives_the_longest_wait_it_covers():
    from meedoen.indexing.indexer import TASK_TIMEOUT_MS

    assert outbox.LEASE > outbox.APPLY_TIME_LIMIT
    assert outbox.APPLY_TIME_LIMIT.total_seconds() > 2 * TASK_TIMEOUT_MS / 1000


async def test_a_stopping_worker_hands_its_batch_back_at_once(indexer, indexed):
    """A worker stopped mid-batch (a restart, a deploy) gives its changes back: another
    worker takes them now, not after the lease of minutes, and no attempt is counted."""
    await indexed()
    connections: list[asyncio.StreamWriter] = []
    asked = asyncio.Event()

    async def never_answers(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(writer)  # a search server that hangs
        asked.set()

    server = await asyncio.start_server(never_answers, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    hanging = SearchIndexer(
        make_client(f"http://127.0.0.1:{port}", "key"), indexer.index_uid, sources=indexer.sources
    )
    mine = [(await an_opportunity(title="Fietsen maken")).ref]
    try:
        drain = asyncio.create_task(worker.drain_once(hanging, batch_size=100))
        waiting = asyncio.create_task(asked.wait())
        await asyncio.wait({drain, waiting}, return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        if drain.done():
            drain.result()  # it should be hanging: this shows why it is not
        held = await OutboxEvent.select().where(
            OutboxEvent.ref.is_in(mine) & (OutboxEvent.claimed_by != "")
        )
        assert held, "the hanging worker holds its batch"

        drain.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await drain
    finally:
        for writer in connections:
            writer.close()
        server.close()
        await hanging.client.aclose()

    # Handed back before the cancelled drain ended: free at once, not after the lease.
    rows = await OutboxEvent.select().where(OutboxEvent.id.is_in([r["id"] for r in held]))
    assert len(rows) == len(held)
    assert all(r["attempts"] == 0 for r in rows), "stopping is not a failed attempt"
    assert all(r["claimed_by"] == "" and r["claimed_until"] is None for r in rows)
    await indexed()
    assert await searchable(indexer, mine) == set(mine)
