"""The outbox worker: drains changes to Meilisearch, in the web process or on its own.

Periodic jobs (alert digests, closing expired postings) are not its business: they run
in ``meedoen.scheduler``, with their own lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meedoen.indexing import outbox
from meedoen.indexing.indexer import OPPORTUNITIES, IndexingFailed, SearchIndexer
from meedoen.indexing.outbox import Change
from meedoen.progress import SILENT, Progress

if TYPE_CHECKING:
    from meedoen.runtime import Runtime

log = logging.getLogger(__name__)

IDLE_SECONDS = 0.5
BATCH_SIZE = 200


async def drain_once(indexer: SearchIndexer, batch_size: int = BATCH_SIZE) -> int:
    """Apply one batch; returns how many changes were applied.

    When the batch fails it is split in halves, again and again, so one poisoned
    document does not hold up the others: a change that fails on its own waits with its
    own back-off and, after ``PARK_AFTER_ATTEMPTS``, is parked for an administrator.
    When every change fails, the search server is the problem, not the changes: all
    wait, none is parked.
    """
    changes = await outbox.claim_batch(batch_size)
    if not changes:
        return 0
    failures: list[tuple[Change, str]] = []
    try:
        applied = await _apply_or_split(indexer, changes, failures)
    except asyncio.CancelledError:
        # The process is stopping (a restart, a deploy): hand the rest of the batch back,
        # or it would wait out the lease (minutes) before another worker may take it.
        await outbox.hand_back(changes)
        raise
    if failures and not applied and not await indexer.server_is_healthy():
        await outbox.release_for_retry(changes, failures[0][1])
        raise IndexingFailed(f"the search server failed the whole batch: {failures[0][1]}")
    for change, error in failures:
        await _failed_alone(indexer, change, error)
    return applied


async def _apply_or_split(
    indexer: SearchIndexer, changes: list[Change], failures: list[tuple[Change, str]]
) -> int:
    """Apply ``changes``, or each half of them when that fails; returns how many applied."""
    try:
        await _apply(indexer, changes)
    except Exception as error:
        if len(changes) == 1 or not await indexer.server_is_healthy():
            # Alone, or the server is down (then splitting would only wait longer).
            failures.extend((change, describe(error)) for change in changes)
            return 0
        log.warning("search batch of %s failed (%s); splitting it", len(changes), error)
    else:
        await outbox.complete(changes)
        return len(changes)
    middle = len(changes) // 2
    first = await _apply_or_split(indexer, changes[:middle], failures)
    return first + await _apply_or_split(indexer, changes[middle:], failures)


async def _apply(indexer: SearchIndexer, changes: list[Change]) -> None:
    async with asyncio.timeout(outbox.APPLY_TIME_LIMIT.total_seconds()):
        await indexer.apply(changes)


async def _failed_alone(indexer: SearchIndexer, change: Change, error: str) -> None:
    """A change failed by itself: wait and retry, or park it once it failed too often
    (only while the search server is healthy: an outage is nobody's document's fault)."""
    if change.attempts + 1 >= outbox.PARK_AFTER_ATTEMPTS and await indexer.server_is_healthy():
        log.error("parked search change %s %s: %s", change.entity, change.ref, error)
        await outbox.park(change, error)
    else:
        await outbox.release_for_retry([change], error)


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".strip()


async def drain_all(indexer: SearchIndexer, progress: Progress = SILENT) -> int:
    """Apply everything waiting (used by tests and ``meedoen reindex``)."""
    progress.start("outbox", await outbox.backlog_size())
    total = 0
    while applied := await drain_once(indexer):
        total += applied
        progress.advance(applied)
    return total


async def run_worker(
    runtime: Runtime,
    stopping: asyncio.Event,
    indexer_for: Callable[[Any, str], SearchIndexer],
    heartbeat: Path | None = None,
) -> None:
    """Drain the outbox until ``stopping`` is set; survive search and database outages.

    ``indexer_for(client, opportunities_uid)`` builds the indexer, with the documents'
    sources and the indexes beside it (``meedoen.app.background.search_indexer``).
    ``heartbeat`` is touched every round, so a container healthcheck can tell a stuck
    worker from a working one.
    """
    indexer: SearchIndexer | None = None
    while not stopping.is_set():
        if heartbeat is not None:
            heartbeat.touch()
        applied = 0
        try:
            if indexer is None and await runtime.search.ready():
                assert runtime.search.writer is not None
                uid = runtime.search.index_name(OPPORTUNITIES)
                candidate = indexer_for(runtime.search.writer, uid)
                await candidate.ensure_index(fill_when_created=True)
                indexer = candidate
            if indexer is not None:
                applied = await drain_once(indexer)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("outbox worker: %s: %s", type(error).__name__, error)
            # Check the index and its settings again next round: a search server that
            # came back empty would otherwise get documents without our settings.
            indexer = None
            await _sleep_unless_stopping(stopping, 2.0)
            continue
        if not applied:
            await _sleep_unless_stopping(stopping, IDLE_SECONDS)


async def _sleep_unless_stopping(stopping: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), timeout=seconds)
