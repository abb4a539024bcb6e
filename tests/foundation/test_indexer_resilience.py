"""One change that keeps failing never holds up the others: its batch goes through, it is
retried on its own with a back-off, then parked with its error where administrators see
it, and "probeer opnieuw" sends it back to the workers."""

from __future__ import annotations

import uuid

import pytest

from meedoen.indexing import outbox, worker
from meedoen.indexing.tables import OutboxEvent
from meedoen.opportunities.tables import Opportunity
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

    for _ in range(outbox.PARK_AFTER_ATTEMPTS):
        await outbox.retry_now()  # the back-off has passed (a moved clock, not a wait)
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
        for _ in range(outbox.PARK_AFTER_ATTEMPTS + 1):
            await outbox.retry_now()
            with pytest.raises(Exception):  # noqa: B017  (any failure of the down server)
                await worker.drain_once(indexer, batch_size=100)
    finally:
        meili.server.ensure_running()

    assert await outbox.parked_changes() == []
    waiting = await OutboxEvent.select(OutboxEvent.ref).output(as_list=True)
    assert set(good) | {poisoned} <= set(waiting)


def test_a_lease_outlives_the_longest_wait_it_covers():
    from meedoen.indexing.indexer import TASK_TIMEOUT_MS

    assert outbox.LEASE > outbox.APPLY_TIME_LIMIT
    assert outbox.APPLY_TIME_LIMIT.total_seconds() > 2 * TASK_TIMEOUT_MS / 1000
