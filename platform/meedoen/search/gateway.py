"""The one way services reach the search engine: a gateway that answers a question put to
an index with ``results``, ``unavailable`` or ``incomplete`` (the index is still filling).

Every service that searches gets a :class:`SearchGateway` as a Litestar dependency (or
from the app assembly, for background jobs) and never sees the runtime. "Search, or fall
back to the database" is written once, here: :meth:`SearchGateway.search_or`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
Outcome = Literal["results", "unavailable", "incomplete"]

SEARCH_TIMEOUT_SECONDS = 3.0


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
    ) -> None:
        self.connection = connection
        self.completeness = completeness
        self.timeout = timeout

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
        not hold a page up."""
        if self.connection is None:
            return Answer("unavailable")
        try:
            async with asyncio.timeout(self.timeout):
                if await self._filling(complete):
                    log.info("%s: search index still filling", what)
                    return Answer("incomplete")
                if not await self.connection.ready() or self.connection.reader is None:
                    return Answer("unavailable")
                handle = self.connection.reader.index(self.connection.index_name(index))
                return Answer("results", await question(handle))
        except Exception as error:
            log.warning("%s: search failed: %s: %s", what, type(error).__name__, error)
            return Answer("unavailable")

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
        """The index's answer, or ``fallback``'s (the database) when it has none."""
        answer = await self.ask(index, question, complete=complete, what=what)
        if answer.outcome == "results":
            return Found(answer.value)  # type: ignore[arg-type]
        log.info("%s: answering from the database (%s)", what, answer.outcome)
        return Found(await fallback(), answer.outcome)


# No search engine at all (a command without MEILI_URL, a test of the database side).
NO_SEARCH = SearchGateway(None)
