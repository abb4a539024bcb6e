"""What a running instance holds: settings, search clients and its background services.

Nothing here is the only copy of anything that matters: sessions, the outbox and all
data live in the database, so several instances can run side by side.

The runtime knows no domain: which background services run (the search indexer, the
mail sender, the scheduler with its jobs) is decided by the app assembly, which hands
them in as ``background``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from meilisearch_python_sdk import AsyncClient

from meedoen.db import close_pool, start_pool
from meedoen.search.gateway import SearchGateway, SearchGuard
from meedoen.search.readiness import Backlog, NoBacklog, Readiness
from meedoen.settings import Settings

log = logging.getLogger(__name__)

RECONNECT_INTERVAL_SECONDS = 5.0
HEALTH_TIMEOUT_SECONDS = 2.0


class SearchConnection:
    """Scoped Meilisearch clients, (re)connected lazily so the app starts without search."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = settings.meili_url
        self.reader: AsyncClient | None = None
        self.writer: AsyncClient | None = None
        self.problem: str | None = None if self.url else "MEILI_URL is not set"
        self._last_attempt = 0.0
        self._lock = asyncio.Lock()

    def index_name(self, base: str) -> str:
        return f"{self.settings.index_prefix}{base}"

    def maintenance_client(self) -> AsyncClient | None:
        """A master-key client for operator tasks the scoped keys cannot do (index swaps)."""
        from meedoen.search.client import make_client

        if self.url is None or not self.settings.meili_master_key:
            return None
        return make_client(self.url, self.settings.meili_master_key)

    async def connect(self, *, quiet: bool = False) -> bool:
        """Create the scoped keys and clients; False (with ``problem`` set) when not possible.

        ``quiet``: the caller reports the problem itself (the CLI, in one sentence)."""
        if self.url is None:
            return False
        async with self._lock:
            if self.writer is not None:
                return True
            self._last_attempt = time.monotonic()
            try:
                self.reader, self.writer = await self._make_clients(self.url)
            except Exception as error:
                self.problem = f"{type(error).__name__}: {error}"
                if not quiet:
                    log.warning("search unavailable: %s", self.problem)
                return False
            self.problem = None
            return True

    async def _make_clients(self, url: str) -> tuple[AsyncClient, AsyncClient]:
        from meedoen.search.client import make_client, provision_api_keys

        master_key = self.settings.meili_master_key
        if master_key:
            keys = await provision_api_keys(url, master_key, self.settings.index_prefix)
            return make_client(url, keys.search), make_client(url, keys.admin)
        # A development server without a master key accepts any call.
        return make_client(url, ""), make_client(url, "")

    async def ready(self) -> bool:
        """Connected, or reconnected if the last attempt is long enough ago."""
        if self.writer is not None:
            return True
        if time.monotonic() - self._last_attempt < RECONNECT_INTERVAL_SECONDS:
            return False
        return await self.connect()

    async def health_problem(self) -> str | None:
        if not await self.ready():
            return self.problem or "search is not connected"
        assert self.reader is not None
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
                health = await self.reader.health()
        except Exception as error:
            return f"{type(error).__name__}: {error}".strip()
        return None if health.status == "available" else f"status {health.status}"

    async def index_is_current(self) -> bool:
        """The opportunities index exists with today's settings (checked, never changed)."""
        from meedoen.search.index_definitions import OPPORTUNITIES_INDEX, settings_are_current

        if not await self.ready() or self.writer is None:
            return False
        index = self.writer.index(self.index_name(OPPORTUNITIES_INDEX))
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
                return await settings_are_current(index)
        except Exception as error:
            log.warning("cannot read the index settings: %s: %s", type(error).__name__, error)
            return False

    async def close(self) -> None:
        for client in (self.reader, self.writer):
            if client is not None:
                with contextlib.suppress(Exception):
                    await client.aclose()
        self.reader = self.writer = None


# A service that runs beside the web app until the event is set (the indexer, the
# mail sender, the scheduler).
BackgroundService = Callable[["Runtime", asyncio.Event], Coroutine[Any, Any, None]]


class Runtime:
    def __init__(
        self,
        settings: Settings,
        background: Sequence[BackgroundService] = (),
        backlog: Backlog | None = None,
    ) -> None:
        self.settings = settings
        self.search = SearchConnection(settings)
        # Bounds on this process's searches in flight and database fallbacks, shared by
        # every gateway it hands out (see ``search.gateway``).
        self.search_guard = SearchGuard()
        # The search outbox, handed in by the app assembly (readiness waits for it).
        self.backlog: Backlog = backlog or NoBacklog()
        self.readiness = Readiness(self.backlog)
        self.background = tuple(background)
        self._tasks: list[asyncio.Task[Any]] = []
        self._stopping = asyncio.Event()

    async def startup(self) -> None:
        await start_pool()
        await self.readiness.note_start()
        await self.search.connect()
        self._stopping.clear()
        self._tasks = [asyncio.create_task(run(self, self._stopping)) for run in self.background]

    async def shutdown(self) -> None:
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        await self.search.close()
        await close_pool()

    def search_gateway(self) -> SearchGateway:
        """The gateway services search through (over this runtime's connection and
        readiness as they are now)."""
        return SearchGateway(self.search, self.readiness, guard=self.search_guard)

    async def search_problem(self) -> str | None:
        return await self.search.health_problem()

    async def readiness_problems(self) -> dict[str, str]:
        """What keeps this instance from taking traffic (empty: ready)."""
        return await self.readiness.problems(self.search)
