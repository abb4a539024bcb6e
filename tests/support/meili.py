"""Pytest plugin: a real Meilisearch server for the whole test session.

Load it with ``pytest_plugins = ["support.meili"]``. Tests that stop or kill
``meili.server`` must call ``meili.server.ensure_running()`` before they finish.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from meedoen.search.binary import ensure_meilisearch
from meedoen.search.client import make_client
from meedoen.search.server import MeilisearchServer


@dataclass(frozen=True)
class MeiliInstance:
    """A running test server and the secrets needed to talk to it."""

    server: MeilisearchServer
    master_key: str

    @property
    def url(self) -> str:
        return self.server.url


def random_master_key() -> str:
    """A fresh master key per session, comfortably above Meilisearch's 16-byte minimum."""
    return secrets.token_urlsafe(32)


@pytest.fixture(scope="session")
def meili(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeiliInstance]:
    """Start one real Meilisearch on a free port in a temporary directory."""
    master_key = random_master_key()
    server = MeilisearchServer(
        tmp_path_factory.mktemp("meilisearch"), master_key, binary=ensure_meilisearch()
    )
    with server:
        yield MeiliInstance(server=server, master_key=master_key)


async def empty_session_indexes(meili: MeiliInstance) -> None:
    """Remove every document from this session's indexes; their settings stay.

    For a test that empties the database: an index that still held the documents of
    postings that are gone would answer with results that no longer exist."""
    prefix = os.environ["MEILI_INDEX_PREFIX"]
    client = make_client(meili.url, meili.master_key)
    try:
        # One call for every index's count: most tests leave nothing indexed behind.
        stats = (await client.get_all_stats()).indexes or {}
        for uid, index in stats.items():
            if uid.startswith(prefix) and index.number_of_documents:
                task = await client.index(uid).delete_all_documents()
                await client.wait_for_task(task.task_uid, timeout_in_ms=60_000)
    finally:
        await client.aclose()
