"""The outbox worker: drains changes to Meilisearch, in the web process or on its own.

Periodic jobs (alert digests, closing expired postings) are not its business: they run
in ``meedoen.scheduler``, with their own lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from meedoen.indexing import outbox
from meedoen.indexing.indexer import OPPORTUNITIES, ExtraIndexes, SearchIndexer
from meedoen.progress import SILENT, Progress

if TYPE_CHECKING:
    from meedoen.runtime import Runtime

log = logging.getLogger(__name__)

IDLE_SECONDS = 0.5
BATCH_SIZE = 200


async def drain_once(indexer: SearchIndexer, batch_size: int = BATCH_SIZE) -> int:
    """Apply one batch; returns how many changes were applied."""
    changes = await outbox.claim_batch(batch_size)
    if not changes:
        return 0
    try:
        await indexer.apply(changes)
    except Exception as error:
        await outbox.release_for_retry(changes, f"{type(error).__name__}: {error}")
        raise
    await outbox.complete(changes)
    return len(changes)


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
    heartbeat: Path | None = None,
    extra_indexes: ExtraIndexes | None = None,
) -> None:
    """Drain the outbox until ``stopping`` is set; survive search and database outages.

    ``heartbeat`` is touched every round, so a container healthcheck can tell a
    stuck worker from a working one. ``extra_indexes`` gives the indexes other domains
    keep beside the opportunities index (see ``indexer.ExtraIndex``).
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
                extra = extra_indexes(runtime.search.writer, uid) if extra_indexes else ()
                candidate = SearchIndexer(runtime.search.writer, uid, extra=extra)
                await candidate.ensure_index()
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
