"""Apply outbox changes to Meilisearch, and rebuild indexes from the database."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.errors import MeilisearchApiError

from meedoen.db import write_transaction
from meedoen.indexing.outbox import Change, record_changes
from meedoen.progress import SILENT, Progress
from meedoen.search.index_definitions import apply_settings_if_changed, primary_key

log = logging.getLogger(__name__)

OPPORTUNITIES = "opportunities"
# One Meilisearch task may take this long; a whole batch has outbox.APPLY_TIME_LIMIT.
TASK_TIMEOUT_MS = 60_000


class IndexingFailed(Exception):
    """Meilisearch did not apply a task; the changes go back to the outbox."""


OPPORTUNITY_ENTITY = "opportunity"
ORGANISATION_ENTITY = "organisation"
RESIDENT_ENTITY = "resident"


@dataclass(frozen=True)
class Sources:
    """Where the documents come from: the domains that own the rows build them, and the
    app assembly passes them in (``meedoen.app.background.index_sources``), so this
    package imports none of those domains.

    ``opportunities(refs, organisation_refs)``: the documents of these opportunities and
    of every opportunity of these organisations; all documents when both are None.
    ``residents(refs)``: the documents of the indexable residents among ``refs`` (all
    indexable residents when None).
    """

    opportunities: Callable[
        [Sequence[str] | None, Sequence[str] | None], Awaitable[list[dict[str, Any]]]
    ]
    opportunity_refs: Callable[[], Awaitable[list[str]]]
    residents: Callable[[Sequence[str] | None], Awaitable[list[dict[str, Any]]]]
    resident_refs: Callable[[], Awaitable[list[str]]]
    residents_index_for: Callable[[str], str | None]
    """The residents index beside an opportunities index, if it has one."""
    resident_key: Callable[[], str]
    apply_resident_settings: Callable[[Any], Awaitable[Any]]


VERIFY_ROUNDS = 3


@dataclass(frozen=True)
class _Documents:
    """What one batch of changes makes of the index: documents to write, refs to remove."""

    opportunities: list[dict[str, Any]]
    gone: list[str]
    residents: list[dict[str, Any]]
    residents_gone: list[str]


class ExtraIndex(Protocol):
    """An index another domain keeps (meetings, say), fed from the same outbox: the
    changes of its ``entity`` are handed to ``apply``. The app assembly passes them in,
    so this package never imports the domains that own them."""

    entity: str

    async def ensure_index(self) -> None: ...

    async def apply(self, refs: Sequence[str]) -> None: ...

    async def rebuild(self) -> int: ...


class SearchIndexer:
    """Keeps the opportunities index and, beside it, the residents index true to the database.

    The residents index has the opportunities index's prefix (``t1_opportunities`` ->
    ``t1_residents``); a rebuild's staging index has none, so it only holds opportunities.
    """

    def __init__(
        self,
        client: AsyncClient,
        index_uid: str,
        residents_uid: str | None = None,
        extra: Sequence[ExtraIndex] = (),
        *,
        sources: Sources,
    ) -> None:
        self.client = client
        self.index_uid = index_uid
        self.sources = sources
        self.residents_uid = residents_uid or sources.residents_index_for(index_uid)
        self.extra = tuple(extra)

    async def server_is_healthy(self) -> bool:
        try:
            return (await self.client.health()).status == "available"
        except Exception:
            return False

    async def ensure_index(self, *, fill_when_created: bool = False) -> None:
        """Create the indexes when missing and bring their settings up to date.

        With ``fill_when_created`` (the worker), an index that has to be created gets
        every row queued in the outbox *before* it exists, so an empty new index is
        never taken for a complete one (see ``meedoen.search.readiness``).
        """
        fill = self._queue_all if fill_when_created else None
        await self._ensure(self.index_uid, primary_key(), apply_settings_if_changed, fill)
        if self.residents_uid:
            await self._ensure(
                self.residents_uid,
                self.sources.resident_key(),
                self.sources.apply_resident_settings,
                self._queue_all_residents if fill_when_created else None,
            )
        for index in self.extra:
            await index.ensure_index()

    async def _ensure(self, uid: str, key: str, apply_settings: Any, fill: Any = None) -> None:
        try:
            await self.client.index(uid).fetch_info()
        except MeilisearchApiError as error:
            if error.code != "index_not_found":
                raise
            if fill is not None:
                await fill()
            await self.client.create_index(uid, primary_key=key)
        await apply_settings(self.client.index(uid))

    async def _queue_all(self) -> None:
        refs = await self.sources.opportunity_refs()
        log.info("creating search index %s: queueing %s opportunities", self.index_uid, len(refs))
        await record_changes(OPPORTUNITY_ENTITY, refs, bulk=True)

    async def _queue_all_residents(self) -> None:
        refs = await self.sources.resident_refs()
        await record_changes(RESIDENT_ENTITY, refs, bulk=True)

    async def apply(self, changes: Sequence[Change]) -> None:
        """Make the index follow the changes; idempotent, so a retried batch is harmless.

        Two workers may hold changes of the same posting: one reads the row, the other
        reads a newer version and writes first, then the first writes its older one.
        So each worker reads the rows again after its write and writes once more if they
        moved on: whoever writes last has checked that the index holds the database's
        current state.
        """
        for index in self.extra:
            # Their documents are read and written whole, so a retry or a second worker
            # writes the same current state.
            await index.apply(sorted({c.ref for c in changes if c.entity == index.entity}))
        written = await self._write(await self._documents(changes))
        for _ in range(VERIFY_ROUNDS):
            current = await self._documents(changes)
            if current == written:
                return
            written = await self._write(current)
        raise IndexingFailed("the documents kept changing while they were written")

    async def _documents(self, changes: Sequence[Change]) -> _Documents:
        resident_refs = {c.ref for c in changes if c.entity == RESIDENT_ENTITY}
        residents: list[dict[str, Any]] = []
        if resident_refs and self.residents_uid:
            residents = await self.sources.residents(sorted(resident_refs))
        else:
            resident_refs = set()
        opportunity_refs = {c.ref for c in changes if c.entity == OPPORTUNITY_ENTITY}
        organisation_refs = {c.ref for c in changes if c.entity == ORGANISATION_ENTITY}
        documents = []
        if opportunity_refs:
            documents += await self.sources.opportunities(list(opportunity_refs), None)
        if organisation_refs:
            documents += await self.sources.opportunities(None, list(organisation_refs))
        documents.sort(key=lambda d: str(d["ref"]))
        residents.sort(key=lambda d: str(d["ref"]))
        # A row that is gone from the database must leave the index, whatever the action said.
        gone = sorted(opportunity_refs - {d["ref"] for d in documents})
        residents_gone = sorted(resident_refs - {d["ref"] for d in residents})
        return _Documents(documents, gone, residents, residents_gone)

    async def _write(self, documents: _Documents) -> _Documents:
        if documents.residents or documents.residents_gone:
            assert self.residents_uid is not None
            # Switching to private, or deleting the account, takes a resident out at once.
            await self.delete(documents.residents_gone, self.residents_uid)
            await self.upsert(documents.residents, self.residents_uid, self.sources.resident_key())
        await self.delete(documents.gone)
        await self.upsert(documents.opportunities)
        return documents

    async def upsert(
        self, documents: Sequence[dict[str, Any]], uid: str | None = None, key: str | None = None
    ) -> None:
        if documents:
            task = await self.client.index(uid or self.index_uid).add_documents(
                list(documents), primary_key=key or primary_key()
            )
            await self._wait(task.task_uid)

    async def delete(self, refs: Iterable[str], uid: str | None = None) -> None:
        refs = list(refs)
        if refs:
            task = await self.client.index(uid or self.index_uid).delete_documents(refs)
            await self._wait(task.task_uid)

    async def _wait(self, task_uid: int) -> None:
        task = await self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if task.status != "succeeded":
            raise IndexingFailed(f"Meilisearch task {task_uid} {task.status}: {task.error}")

    async def rebuild(self, swapper: AsyncClient | None = None, progress: Progress = SILENT) -> int:
        """Build a fresh index from the database and swap it in atomically.

        A swap task names two indexes, and Meilisearch hides such tasks from keys that
        are limited to some indexes; so the swap is done by ``swapper`` (a client with
        the master key) when one is given.
        """
        staging = f"{self.index_uid}_rebuild_{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}"
        await self.ensure_index()
        staging_indexer = SearchIndexer(self.client, staging, sources=self.sources)
        await staging_indexer.ensure_index()
        documents = await self.sources.opportunities(None, None)
        progress.start(OPPORTUNITIES, len(documents))
        for start in range(0, len(documents), 1000):
            batch = documents[start : start + 1000]
            await staging_indexer.upsert(batch)
            progress.advance(len(batch))
        swapping = swapper or self.client
        task = await swapping.swap_indexes([(self.index_uid, staging)])
        done = await swapping.wait_for_task(task.task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if done.status != "succeeded":
            raise IndexingFailed(f"swapping in {staging} {done.status}: {done.error}")
        await self.client.delete_index_if_exists(staging)
        return len(documents)

    async def rebuild_residents(self, batch_size: int = 5000, progress: Progress = SILENT) -> int:
        """Rebuild the residents index from the database (indexable residents only)."""
        if not self.residents_uid:
            return 0
        await self.ensure_index()
        stale = {d["ref"] async for d in self._all_refs(self.residents_uid)}
        documents = await self.sources.residents(None)
        progress.start("residents", len(documents))
        for start in range(0, len(documents), batch_size):
            batch = documents[start : start + batch_size]
            await self.upsert(batch, self.residents_uid, self.sources.resident_key())
            progress.advance(len(batch))
        stale -= {d["ref"] for d in documents}
        await self.delete(sorted(stale), self.residents_uid)
        return len(documents)

    async def _all_refs(self, uid: str) -> Any:
        offset, page = 0, 1000
        while True:
            found = await self.client.index(uid).get_documents(
                offset=offset, limit=page, fields=["ref"]
            )
            for document in found.results:
                yield document
            if len(found.results) < page:
                return
            offset += page


async def queue_everything(sources: Sources) -> int:
    """Put every posting and resident in the outbox, so the index is rebuilt from the
    database by whichever worker runs next (after a restore, say); returns how many."""
    opportunities = await sources.opportunity_refs()
    residents = await sources.resident_refs()
    async with write_transaction():
        await record_changes(OPPORTUNITY_ENTITY, opportunities, bulk=True)
        await record_changes(RESIDENT_ENTITY, residents, bulk=True)
    return len(opportunities) + len(residents)
