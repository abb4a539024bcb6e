"""Whether this instance is ready for traffic, and whether search answers are complete.

*Ready* (``/health/ready``) means: the database answers and is migrated, Meilisearch
answers, the opportunities index exists with today's settings, and every change that was
waiting in the outbox when this instance started has been applied. Once ready, an
instance stays ready while its database and Meilisearch answer.

*Complete* (for each search) means: the outbox holds at most ``INCOMPLETE_BACKLOG``
changes still to apply. More than that (right after an import, a fresh index, a
restore, an outage) and the index is still filling: searches are answered from the
database with the "beperkt zoeken" notice, never as a complete but short result.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Protocol

from meedoen.db import check_database, pending_migrations

# A handful of fresh changes is normal between two worker rounds; a bulk backlog is not.
INCOMPLETE_BACKLOG = 50
# Searches ask often; the backlog is counted at most once per this many seconds.
COMPLETENESS_TTL_SECONDS = 1.0
CHECK_TIMEOUT_SECONDS = 3.0


class Backlog(Protocol):
    """The search outbox as readiness sees it (``meedoen.indexing.outbox`` is one); the
    app assembly hands it in, since search sits below the domains."""

    async def backlog_size(self) -> int: ...

    async def last_change_id(self) -> int: ...

    async def waiting_up_to(self, change_id: int) -> bool: ...


class NoBacklog:
    """For a runtime without an outbox (a command, a test app): nothing ever waits."""

    async def backlog_size(self) -> int:
        return 0

    async def last_change_id(self) -> int:
        return 0

    async def waiting_up_to(self, change_id: int) -> bool:
        return False


@dataclass
class Readiness:
    """Per-process readiness; all state that matters is in the database and Meilisearch."""

    outbox: Backlog = field(default_factory=NoBacklog)
    backlog_limit: int = INCOMPLETE_BACKLOG
    start_mark: int | None = None
    _migrated: bool = False
    _index_current: bool = False
    _backlog_applied: bool = False
    _complete: tuple[float, bool] | None = field(default=None, repr=False)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    async def note_start(self) -> None:
        """Remember the newest change waiting at start-up: ready only once it is applied."""
        try:
            self.start_mark = await self.outbox.last_change_id()
        except Exception:  # the database is not there yet: every change counts
            self.start_mark = None

    async def index_complete(self) -> bool:
        """Whether search results may be shown as complete (cached for a second)."""
        now = time.monotonic()
        if self._complete and now - self._complete[0] < COMPLETENESS_TTL_SECONDS:
            return self._complete[1]
        async with self._lock:
            if self._complete and now - self._complete[0] < COMPLETENESS_TTL_SECONDS:
                return self._complete[1]
            complete = await self.outbox.backlog_size() <= self.backlog_limit
            self._complete = (time.monotonic(), complete)
            return complete

    async def problems(self, search: SearchProbe) -> dict[str, str]:
        """What keeps this instance from being ready, per part (empty: ready)."""
        found: dict[str, str] = {}
        database = await check_database(CHECK_TIMEOUT_SECONDS)
        if database:
            return {"database": database}
        if not self._migrated:
            pending = await pending_migrations()
            if pending:
                found["migrations"] = f"{pending} migration(s) not applied: run meedoen migrate"
            self._migrated = not pending
        search_problem = await search.health_problem()
        if search_problem:
            found["search"] = search_problem
            return found
        if not self._index_current:
            self._index_current = await search.index_is_current()
            if not self._index_current:
                found["index"] = "the search index is missing or its settings are out of date"
        if not self._backlog_applied:
            if self.start_mark is None:
                await self.note_start()
            mark = self.start_mark or 0
            self._complete = None  # count afresh: readiness and searches must agree
            self._backlog_applied = (
                not await self.outbox.waiting_up_to(mark) and await self.index_complete()
            )
            if not self._backlog_applied:
                found["backlog"] = "changes from before the start are still being indexed"
        return found


class SearchProbe(Protocol):
    """What readiness asks of the search connection."""

    async def health_problem(self) -> str | None: ...

    async def index_is_current(self) -> bool: ...
