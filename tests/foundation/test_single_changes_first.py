"""Single changes before bulk work (issue 19): a posting someone just published is taken
by the search worker before the changes an import or a rebuild queued, however many."""

from __future__ import annotations

import asyncio

from meedoen.indexing import outbox
from meedoen.indexing.tables import OutboxEvent

BULK = 300


async def single_is_taken(ref: str) -> bool:
    """Claimed by a worker."""
    rows = await OutboxEvent.select(OutboxEvent.claimed_by).where(OutboxEvent.ref == ref).run()
    return all(row["claimed_by"] for row in rows)


async def test_a_single_change_is_claimed_before_a_bulk_backlog(clean_database):
    await outbox.record_changes("opportunity", [f"bulk-{n:04}" for n in range(BULK)], bulk=True)
    await outbox.record_change("opportunity", "net-gepubliceerd")

    batch = await outbox.claim_batch(limit=5)

    assert batch, "nothing to claim"
    assert batch[0].ref == "net-gepubliceerd"
    assert all(c.ref.startswith("bulk-") for c in batch[1:])
    await outbox.complete(batch)


async def test_workers_claiming_at_once_take_every_single_change_first_and_none_twice(
    clean_database,
):
    await outbox.record_changes("opportunity", [f"bulk-{n:04}" for n in range(BULK)], bulk=True)
    singles = [f"enkel-{n:02}" for n in range(10)]
    for ref in singles:
        await outbox.record_change("opportunity", ref)

    batches = await asyncio.gather(*(outbox.claim_batch(limit=5) for _ in range(20)))
    # Claims that lose a race get less; go on until bulk work is being taken.
    while not any(c.ref.startswith("bulk-") for batch in batches for c in batch):
        batches.append(await outbox.claim_batch(limit=5))

    claimed = [change.id for batch in batches for change in batch]
    assert len(claimed) == len(set(claimed)), "no change claimed twice"
    assert claimed, "nothing claimed"
    # No bulk change went while a single one waited.
    assert all([await single_is_taken(ref) for ref in singles])
    for batch in batches:
        kinds = [change.ref.startswith("bulk-") for change in batch]
        assert kinds == sorted(kinds), "within a batch, single changes come first"
        await outbox.complete(batch)


async def test_changes_are_bulk_work_only_when_the_caller_says_so(clean_database):
    await outbox.record_changes("opportunity", ["a", "b"])
    await outbox.record_changes("opportunity", ["c"], bulk=True)

    rows = await OutboxEvent.select(OutboxEvent.ref, OutboxEvent.bulk).where(
        OutboxEvent.ref.is_in(["a", "b", "c"])
    )
    assert {row["ref"]: row["bulk"] for row in rows} == {"a": False, "b": False, "c": True}
    await OutboxEvent.delete().where(OutboxEvent.ref.is_in(["a", "b", "c"]))
