"""Pytest plugin: the real app wired to the test database and the test Meilisearch."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest
from litestar import Litestar

from support.meili import MeiliInstance


@pytest.fixture(scope="session")
def settings(meili: MeiliInstance):  # type: ignore[no-untyped-def]
    from meedoen.settings import load_settings

    # The tests drain the outbox themselves (see ``indexed``), so results never depend
    # on how fast a background task happened to be.
    return dataclasses.replace(
        load_settings(),
        meili_url=meili.url,
        meili_master_key=meili.master_key,
        run_worker_in_process=False,
    )


@pytest.fixture(scope="session")
async def runtime(settings, database):  # type: ignore[no-untyped-def]
    from meedoen.indexing import outbox
    from meedoen.runtime import Runtime

    runtime = Runtime(settings, backlog=outbox)
    await runtime.search.connect()
    yield runtime
    await runtime.search.close()


@pytest.fixture(scope="session")
def app(settings, runtime) -> Litestar:  # type: ignore[no-untyped-def]
    from meedoen.app.factory import create_app

    return create_app(settings, runtime)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client that calls the app in this event loop.

    Litestar's own test client runs the app on a separate loop in a thread, where the
    session's asyncpg pool cannot be used; httpx's ASGI transport stays on ours.
    """
    async with app_client(app) as http:
        yield http


def app_client(app: Litestar) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
    )


@pytest.fixture
async def indexer(runtime):  # type: ignore[no-untyped-def]
    """The search indexer for this session's opportunities index, created if missing."""
    from meedoen.app.background import search_indexer
    from meedoen.indexing.indexer import OPPORTUNITIES

    indexer = search_indexer(runtime.search.writer, runtime.search.index_name(OPPORTUNITIES))
    await indexer.ensure_index()
    return indexer


@pytest.fixture
async def indexed(indexer):  # type: ignore[no-untyped-def]
    """Call to apply every waiting outbox change to the index, as the worker would (the
    worker's own ``drain_all``: nothing else in the session applies them)."""

    async def drain() -> int:
        return await drain_everything(indexer)

    return drain


async def drain_everything(indexer) -> int:  # type: ignore[no-untyped-def]
    """Apply every waiting outbox change; returns how many were applied.

    Changes a test put in back-off (a Meilisearch outage) are due at once; one that keeps
    failing is parked after ``PARK_AFTER_ATTEMPTS`` rounds, as the worker would do."""
    from meedoen.indexing.outbox import PARK_AFTER_ATTEMPTS, backlog_size, retry_now
    from meedoen.indexing.worker import drain_all

    applied = 0
    for _ in range(PARK_AFTER_ATTEMPTS + 1):
        await retry_now()
        applied += await drain_all(indexer)
        if await backlog_size() == 0:
            return applied
    raise AssertionError(f"{await backlog_size()} outbox change(s) still wait after draining")
