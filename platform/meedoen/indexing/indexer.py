"""Apply outbox changes to Meilisearch, and rebuild indexes from the database."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.errors import MeilisearchApiError

from meedoen.indexing.outbox import DELETE, Change
from meedoen.opportunities.tables import Opportunity
from meedoen.organisations.tables import Organisation
from meedoen.search.documents import opportunity_document
from meedoen.search.index_definitions import apply_settings_if_changed, primary_key

log = logging.getLogger(__name__)

OPPORTUNITIES = "opportunities"
TASK_TIMEOUT_MS = 120_000


class IndexingFailed(Exception):
    """Meilisearch did not apply a task; the changes go back to the outbox."""


async def opportunity_documents(where: Any = None) -> list[dict[str, Any]]:
    """Search documents for the opportunities matching ``where`` (all when None)."""
    query = Opportunity.select(
        *Opportunity.all_columns(),
        *Opportunity.organisation.all_columns(exclude=[Organisation.id]),  # type: ignore[attr-defined]
    )
    if where is not None:
        query = query.where(where)
    rows = await query.run()
    return [_document(row) for row in rows]


def _document(row: dict[str, Any]) -> dict[str, Any]:
    prefix = "organisation."
    organisation = {k[len(prefix) :]: v for k, v in row.items() if k.startswith(prefix)}
    opportunity = {k: v for k, v in row.items() if not k.startswith(prefix)}
    opportunity["start"] = opportunity.pop("start_date", None)
    organisation["verified"] = bool(organisation.get("verified")) and not organisation.get(
        "blocked"
    )
    return opportunity_document(opportunity, organisation)


class SearchIndexer:
    def __init__(self, client: AsyncClient, index_uid: str) -> None:
        self.client = client
        self.index_uid = index_uid

    async def ensure_index(self) -> None:
        """Create the index when missing and bring its settings up to date."""
        index = self.client.index(self.index_uid)
        try:
            await index.fetch_info()
        except MeilisearchApiError as error:
            if error.code != "index_not_found":
                raise
            await self.client.create_index(self.index_uid, primary_key=primary_key())
        await apply_settings_if_changed(self.client.index(self.index_uid))

    async def apply(self, changes: Sequence[Change]) -> None:
        """Make the index follow the changes; idempotent, so a retried batch is harmless."""
        opportunity_refs = {c.ref for c in changes if c.entity == "opportunity"}
        deleted = {c.ref for c in changes if c.entity == "opportunity" and c.action == DELETE}
        organisation_refs = {c.ref for c in changes if c.entity == "organisation"}
        documents = []
        if opportunity_refs:
            documents += await opportunity_documents(Opportunity.ref.is_in(list(opportunity_refs)))
        if organisation_refs:
            documents += await opportunity_documents(
                Opportunity.organisation.ref.is_in(list(organisation_refs))
            )
        present = {d["ref"] for d in documents}
        # A row that is gone from the database must leave the index, whatever the action said.
        await self.delete(sorted((deleted | opportunity_refs) - present))
        await self.upsert(documents)

    async def upsert(self, documents: Sequence[dict[str, Any]]) -> None:
        if documents:
            task = await self.client.index(self.index_uid).add_documents(
                list(documents), primary_key=primary_key()
            )
            await self._wait(task.task_uid)

    async def delete(self, refs: Iterable[str]) -> None:
        refs = list(refs)
        if refs:
            task = await self.client.index(self.index_uid).delete_documents(refs)
            await self._wait(task.task_uid)

    async def _wait(self, task_uid: int) -> None:
        task = await self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if task.status != "succeeded":
            raise IndexingFailed(f"Meilisearch task {task_uid} {task.status}: {task.error}")

    async def rebuild(self) -> int:
        """Build a fresh index from the database and swap it in atomically."""
        staging = f"{self.index_uid}_rebuild_{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}"
        await self.ensure_index()
        staging_indexer = SearchIndexer(self.client, staging)
        await staging_indexer.ensure_index()
        documents = await opportunity_documents()
        for start in range(0, len(documents), 1000):
            await staging_indexer.upsert(documents[start : start + 1000])
        task = await self.client.swap_indexes([(self.index_uid, staging)])
        await self._wait(task.task_uid)
        await self.client.delete_index_if_exists(staging)
        return len(documents)
