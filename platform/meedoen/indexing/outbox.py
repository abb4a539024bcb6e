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
from typing import Any

from meedoen.indexing.tables import OutboxEvent
from meedoen.leases import Backoff, LeasedQueue

UPSERT = "upsert"
DELETE = "delete"
# A worker applies a batch within APPLY_TIME_LIMIT (every Meilisearch wait included) or
# gives up; the lease is longer, so no other worker takes a batch that is still in hand.
APPLY_TIME_LIMIT = dt.timedelta(minutes=4)
LEASE = APPLY_TIME_LIMIT + dt.timedelta(minutes=1)
MAX_BACKOFF = dt.timedelta(minutes=5)
# A change that failed this often on its own is parked for an administrator.
PARK_AFTER_ATTEMPTS = 5
QUEUE = LeasedQueue(
    table=OutboxEvent,
    lease_until=OutboxEvent.claimed_until,
    # Not parked, and free, or its lease (or back-off) has run out.
    claimable=lambda now: (
        OutboxEvent.parked_at.is_null()
        & (OutboxEvent.claimed_until.is_null() | (OutboxEvent.claimed_until < now))
    ),
    lease=LEASE,
    backoff=Backoff(unit=dt.timedelta(seconds=1), maximum=MAX_BACKOFF),
    first=OutboxEvent.bulk,  # single changes before bulk work
)


@dataclass(frozen=True)
class Change:
    id: int
    entity: str
    ref: str
    action: str
    attempts: int
    claim: str = ""  # the claim token of the worker that holds it


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def record_change(entity: str, ref: str, action: str = UPSERT) -> None:
    """Note that ``entity`` ``ref`` changed; call inside the writer's transaction."""
    await OutboxEvent.insert(
        OutboxEvent(entity=entity, ref=ref, action=action, created_at=utcnow())
    ).run()


async def record_changes(
    entity: str, refs: Sequence[str], action: str = UPSERT, *, bulk: bool = False
) -> None:
    """Note many changes at once; ``bulk`` for an import or a rebuild, which workers take
    after every single change (someone publishing a posting does not wait behind it)."""
    if not refs:
        return
    now = utcnow()
    rows = [
        OutboxEvent(entity=entity, ref=ref, action=action, created_at=now, bulk=bulk)
        for ref in refs
    ]
    for start in range(0, len(rows), 500):
        await OutboxEvent.insert(*rows[start : start + 500]).run()


async def claim_batch(limit: int = 200) -> list[Change]:
    """Claim up to ``limit`` unclaimed changes for this worker: single changes first, then
    bulk work, each oldest first."""
    rows = await QUEUE.claim(limit, utcnow())
    return [
        Change(
            row["id"], row["entity"], row["ref"], row["action"], row["attempts"], row["claimed_by"]
        )
        for row in rows
    ]


async def complete(changes: Sequence[Change]) -> None:
    if changes:
        await OutboxEvent.delete().where(OutboxEvent.id.is_in([c.id for c in changes])).run()


async def hand_back(changes: Sequence[Change]) -> None:
    """A stopping worker gives its claimed changes back, so another worker takes them
    now instead of after the lease (minutes); not counted as a failed attempt."""
    by_claim: dict[str, list[int]] = {}
    for change in changes:
        by_claim.setdefault(change.claim, []).append(change.id)
    for claim, ids in by_claim.items():
        if claim:
            await QUEUE.release(ids, claim)


async def release_for_retry(changes: Sequence[Change], error: str) -> None:
    """Give the changes back with an exponential back-off so a down index is not hammered."""
    for change in changes:
        await QUEUE.release_for_retry(change.id, change.attempts, error, utcnow())


async def park(change: Change, error: str) -> None:
    """Stop retrying a change that keeps failing by itself; keep its error for administrators."""
    await (
        OutboxEvent.update(
            {
                OutboxEvent.attempts: change.attempts + 1,
                OutboxEvent.last_error: error[:2000],
                OutboxEvent.claimed_by: "",
                OutboxEvent.claimed_until: None,
                OutboxEvent.parked_at: utcnow(),
            }
        )
        .where(OutboxEvent.id == change.id)
        .run()
    )


async def parked_changes(limit: int = 200) -> list[dict[str, object]]:
    """Parked changes, oldest first, with their error."""
    return list(
        await OutboxEvent.select(
            OutboxEvent.id,
            OutboxEvent.entity,
            OutboxEvent.ref,
            OutboxEvent.attempts,
            OutboxEvent.last_error,
            OutboxEvent.parked_at,
        )
        .where(OutboxEvent.parked_at.is_not_null())
        .order_by(OutboxEvent.id)
        .limit(limit)
        .run()
    )


async def unpark(change_id: int | None = None) -> int:
    """Let workers try parked changes again (one, or all when ``change_id`` is None)."""
    parked: Any = OutboxEvent.parked_at.is_not_null()
    if change_id is not None:
        parked = parked & (OutboxEvent.id == change_id)
    found = await OutboxEvent.count().where(parked)
    await (
        OutboxEvent.update(
            {OutboxEvent.parked_at: None, OutboxEvent.attempts: 0, OutboxEvent.claimed_until: None}
        )
        .where(parked)
        .run()
    )
    return int(found)


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
    """Changes still to apply (parked ones are not waiting for a worker)."""
    return int(await OutboxEvent.count().where(OutboxEvent.parked_at.is_null()))


async def last_change_id() -> int:
    """The id of the newest change waiting now (0 when none), to know when it is applied."""
    row = await (
        OutboxEvent.select(OutboxEvent.id)
        .where(OutboxEvent.parked_at.is_null())
        .order_by(OutboxEvent.id, ascending=False)
        .first()
        .run()
    )
    return int(row["id"]) if row else 0


async def waiting_up_to(change_id: int) -> bool:
    """Whether any change with an id up to ``change_id`` still waits to be applied."""
    waiting = OutboxEvent.parked_at.is_null() & (OutboxEvent.id <= change_id)
    return bool(await OutboxEvent.exists().where(waiting))
