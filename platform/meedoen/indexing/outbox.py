"""The transactional outbox that keeps the search index true to the database.

Writers call :func:`record_change` inside the same transaction as their change.
Workers (in the web process or ``meedoen worker``, as many as you like) claim
batches with a lease, apply them, and delete what was applied. A crashed worker's
lease simply runs out and another worker takes the batch over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from meedoen.indexing.tables import OutboxEvent
from meedoen.leases import Backoff, LeasedQueue

UPSERT = "upsert"
DELETE = "delete"
LEASE = dt.timedelta(seconds=60)
MAX_BACKOFF = dt.timedelta(minutes=5)
QUEUE = LeasedQueue(
    table=OutboxEvent,
    lease_until=OutboxEvent.claimed_until,
    # Free, or its lease (or back-off) has run out.
    claimable=lambda now: OutboxEvent.claimed_until.is_null() | (OutboxEvent.claimed_until < now),
    lease=LEASE,
    backoff=Backoff(unit=dt.timedelta(seconds=1), maximum=MAX_BACKOFF),
)


@dataclass(frozen=True)
class Change:
    id: int
    entity: str
    ref: str
    action: str
    attempts: int


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def record_change(entity: str, ref: str, action: str = UPSERT) -> None:
    """Note that ``entity`` ``ref`` changed; call inside the writer's transaction."""
    await OutboxEvent.insert(
        OutboxEvent(entity=entity, ref=ref, action=action, created_at=utcnow())
    ).run()


async def record_changes(entity: str, refs: Sequence[str], action: str = UPSERT) -> None:
    if not refs:
        return
    now = utcnow()
    rows = [OutboxEvent(entity=entity, ref=ref, action=action, created_at=now) for ref in refs]
    for start in range(0, len(rows), 500):
        await OutboxEvent.insert(*rows[start : start + 500]).run()


async def claim_batch(limit: int = 200) -> list[Change]:
    """Claim up to ``limit`` unclaimed changes, oldest first, for this worker."""
    rows = await QUEUE.claim(limit, utcnow())
    return [
        Change(row["id"], row["entity"], row["ref"], row["action"], row["attempts"]) for row in rows
    ]


async def complete(changes: Sequence[Change]) -> None:
    if changes:
        await OutboxEvent.delete().where(OutboxEvent.id.is_in([c.id for c in changes])).run()


async def release_for_retry(changes: Sequence[Change], error: str) -> None:
    """Give the changes back with an exponential back-off so a down index is not hammered."""
    for change in changes:
        await QUEUE.release_for_retry(change.id, change.attempts, error, utcnow())


async def retry_now() -> None:
    """End the back-off of changes waiting for a retry (not the leases of busy workers).

    For operators and tests after an outage: the index is back, no need to wait.
    """
    await (
        OutboxEvent.update({OutboxEvent.claimed_until: None})
        .where((OutboxEvent.claimed_by == "") & OutboxEvent.claimed_until.is_not_null())
        .run()
    )


async def backlog_size() -> int:
    return int(await OutboxEvent.count())
