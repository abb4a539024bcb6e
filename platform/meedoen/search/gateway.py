"""The one way services reach the search engine: a gateway that answers a question put to
an index with ``results``, ``unavailable`` or ``incomplete`` (the index is still filling).

Every service that searches gets a :class:`SearchGateway` as a Litestar dependency (or
from the app assembly, for background jobs) and never sees the runtime. "Search, or fall
back to the database" is written once, here: :meth:`SearchGateway.search_or`.

Overload (issue 19) is not an outage. A search that waited 3 s because this process had
80 searches in flight is our own queue, not Meilisearch being down; answering it from the
database (more expensive than the index) gave the overloaded process more work per
request until it answered almost nothing. So, with a :class:`SearchGuard` (one per
process, kept by the runtime):

- at most ``in_flight`` searches go to Meilisearch at once; the rest wait their turn in
  this process (the wait is measured: ``SearchGuard.waits``/``max_wait``, and logged when
  long). The engine's timeout starts when a search has its turn, so queueing never looks
  like a failure. A search that cannot get a turn within ``queue_seconds`` is ``busy``.
- the database answers only when Meilisearch really is unavailable (refused connection,
  5xx, timeout while it had the engine, index missing or still filling), and at most
  ``fallbacks`` database searches run at once; when those are taken the answer is
  :class:`SearchBusy` at once (a Dutch "Zoeken is nu erg druk" page, or 503 with
  ``Retry-After`` for the API), never a silent empty list and never a 500.
- after ``failures_to_open`` failures in a row Meilisearch is skipped for
  ``open_seconds`` (a circuit breaker): while it is down a search does not first wait for
  a timeout. After that pause the next searches try it again; one success closes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
Outcome = Literal["results", "unavailable", "incomplete", "busy"]

SEARCH_TIMEOUT_SECONDS = 3.0
# Meilisearch answers a search on one of its cores (2 here); a few more than that in
# flight keeps it busy across network round trips without piling requests onto it.
SEARCHES_IN_FLIGHT = 8
# Database searches are several times dearer than the index's: a few at once per process.
FALLBACKS_AT_ONCE = 2
QUEUE_SECONDS = 3.0
FAILURES_TO_OPEN = 5
OPEN_SECONDS = 2.0
BUSY_RETRY_SECONDS = 2
LONG_WAIT_SECONDS = 0.5


class SearchBusy(Exception):
    """Too many searches in this process right now; the visitor should retry in a moment."""

    retry_after = BUSY_RETRY_SECONDS


class SearchGuard:
    """Per-process bounds on searches in flight and database fallbacks, and the breaker.

    One per process (the runtime keeps it); every gateway of that process shares it."""

    def __init__(
        self,
        in_flight: int = SEARCHES_IN_FLIGHT,
        fallbacks: int = FALLBACKS_AT_ONCE,
        *,
        queue_seconds: float = QUEUE_SECONDS,
        failures_to_open: int = FAILURES_TO_OPEN,
        open_seconds: float = OPEN_SECONDS,
    ) -> None:
        self.engine = asyncio.Semaphore(in_flight)
        self.fallback = asyncio.Semaphore(fallbacks)
        self.queue_seconds = queue_seconds
        self.failures_to_open = failures_to_open
        self.open_seconds = open_seconds
        self.failures = 0
        self.opened_at = 0.0
        # Measurements (read by tests and logs): searches that had to wait, the longest
        # wait, the most searches in flight at once, answers refused as busy.
        self.in_flight = 0
        self.peak_in_flight = 0
        self.waits = 0
        self.max_wait = 0.0
        self.busy = 0

    def is_open(self) -> bool:
        """The breaker: skip Meilisearch for a moment after several failures in a row."""
        return (
            self.failures >= self.failures_to_open
            and time.monotonic() - self.opened_at < self.open_seconds
        )

    def succeeded(self) -> None:
        self.failures = 0

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.failures_to_open:
            if self.failures == self.failures_to_open:
                log.warning(
                    "search: %d failures in a row, skipping it for %.0f s",
                    self.failures,
                    self.open_seconds,
                )
            self.opened_at = time.monotonic()

    @contextlib.asynccontextmanager
    async def turn(self, what: str) -> AsyncIterator[bool]:
        """A place among the searches in flight; yields False when none came in time."""
        started = time.monotonic()
        waited = self.engine.locked()
        try:
            async with asyncio.timeout(self.queue_seconds):
                await self.engine.acquire()
        except TimeoutError:
            self.busy += 1
            log.warning("%s: no turn within %.1f s, busy", what, self.queue_seconds)
            yield False
            return
        wait = time.monotonic() - started
        if waited:
            self.waits += 1
            self.max_wait = max(self.max_wait, wait)
            if wait > LONG_WAIT_SECONDS:
                log.info("%s: waited %.2f s for a turn", what, wait)
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            yield True
        finally:
            self.in_flight -= 1
            self.engine.release()


class Connection(Protocol):
    """What the gateway needs of the search connection (``runtime.SearchConnection``)."""

    reader: Any

    def index_name(self, base: str) -> str: ...

    async def ready(self) -> bool: ...


class Completeness(Protocol):
    """Whether the index holds every change (``search.readiness.Readiness``)."""

    async def index_complete(self) -> bool: ...


@dataclass(frozen=True)
class Answer(Generic[T]):
    """What the search engine said: ``value`` only when ``outcome`` is ``results``."""

    outcome: Outcome
    value: T | None = None


@dataclass(frozen=True)
class Found(Generic[T]):
    """An answer from the index, or from the database (``degraded``) when it had none."""

    value: T
    outcome: Outcome = "results"

    @property
    def degraded(self) -> bool:
        return self.outcome != "results"


class SearchGateway:
    """Puts questions to the search engine's indexes with the search-only key."""

    def __init__(
        self,
        connection: Connection | None,
        completeness: Completeness | None = None,
        timeout: float = SEARCH_TIMEOUT_SECONDS,
        guard: SearchGuard | None = None,
    ) -> None:
        self.connection = connection
        self.completeness = completeness
        self.timeout = timeout
        # Without a guard (a command, a unit test) nothing is bounded.
        self.guard = (
            guard if guard is not None else SearchGuard(10**6, 10**6, failures_to_open=10**9)
        )

    async def ask(
        self,
        index: str,
        question: Callable[[Any], Awaitable[T]],
        *,
        complete: bool = False,
        what: str = "search",
    ) -> Answer[T]:
        """``question`` asked of the index named ``index`` (without the prefix).

        ``complete``: the answer must cover every document (a result list shown as the
        whole truth), so while the index is still filling the answer is ``incomplete``.
        The time limit covers (re)connecting too: a search host that does not answer must
        not hold a page up; it starts when the search has its turn among those in flight,
        so waiting in this process's queue never counts as Meilisearch failing (``busy``
        when no turn comes within the guard's ``queue_seconds``)."""
        if self.connection is None:
            return Answer("unavailable")
        if self.guard.is_open():
            return Answer("unavailable")
        async with self.guard.turn(what) as turn:
            if not turn:
                return Answer("busy")
            # Whether the index holds every change is the database's answer (the outbox):
            # when the database is down that fails as the database, not as a search, so it
            # must not count towards the breaker (that turned a database outage into
            # "search busy" answers after the database was back).
            if await self._filling(complete):
                log.info("%s: search index still filling", what)
                return Answer("incomplete")
            try:
                async with asyncio.timeout(self.timeout):
                    if not await self.connection.ready() or self.connection.reader is None:
                        self.guard.failed()
                        return Answer("unavailable")
                    handle = self.connection.reader.index(self.connection.index_name(index))
                    value = await question(handle)
            except Exception as error:
                self.guard.failed()
                log.warning("%s: search failed: %s: %s", what, type(error).__name__, error)
                return Answer("unavailable")
            self.guard.succeeded()
            return Answer("results", value)

    async def _filling(self, complete: bool) -> bool:
        if not complete or self.completeness is None:
            return False
        return not await self.completeness.index_complete()

    async def search_or(
        self,
        index: str,
        question: Callable[[Any], Awaitable[T]],
        fallback: Callable[[], Awaitable[T]],
        *,
        complete: bool = False,
        what: str = "search",
    ) -> Found[T]:
        """The index's answer, or ``fallback``'s (the database) when it has none.

        Raises :class:`SearchBusy` when the search waited too long for its turn, or when
        Meilisearch is unavailable and the database searches at once are all taken."""
        answer = await self.ask(index, question, complete=complete, what=what)
        if answer.outcome == "results":
            return Found(answer.value)  # type: ignore[arg-type]
        if answer.outcome == "busy" or self.guard.fallback.locked():
            self.guard.busy += answer.outcome != "busy"
            raise SearchBusy(what)
        # Not locked, so this takes a place without waiting.
        async with self.guard.fallback:
            log.info("%s: answering from the database (%s)", what, answer.outcome)
            return Found(await fallback(), answer.outcome)


# No search engine at all (a command without MEILI_URL, a test of the database side).
NO_SEARCH = SearchGateway(None)
