"""Helpers for the race tests: many truly simultaneous requests, against two app instances.

SQLite's ``BEGIN IMMEDIATE`` serialises writers and hides races PostgreSQL shows, so
every test here runs on both engines. The requests go to two instances sharing the
session's database: the app in this process (httpx's ASGI transport, on this event loop
with its own connections from the pool) and a uvicorn child process (``second_instance``),
so a limit has to hold across instances, not just inside one process.
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest

from support.app import app_client
from support.auth import csrf_token

BURST = 40


STARTUP_SECONDS = 240.0
"""Generous: on a busy 2-core machine an instance can take a minute to import and start."""


@pytest.fixture(scope="session")
def second_instance(meili, database, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A uvicorn child on the session's database, without a worker (only its answers count)."""
    from faults.instances import _spawn, wait_until_serving

    environment = {
        "MEILI_URL": meili.url,
        "MEILI_MASTER_KEY": meili.master_key,
        "MEEDOEN_INPROCESS_WORKER": "0",
        "MEEDOEN_INPROCESS_MAIL": "0",
    }
    instance = _spawn(tmp_path_factory.mktemp("races"), environment, False, "second")
    try:
        wait_until_serving(instance, STARTUP_SECONDS)
        yield instance.url
    finally:
        instance.process.terminate()
        try:
            instance.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            instance.process.kill()
            instance.process.wait()


@pytest.fixture
async def instances(app, second_instance) -> AsyncIterator[Callable[[int], httpx.AsyncClient]]:  # type: ignore[no-untyped-def]
    """Factory: ``instances(n)`` is a new client of instance ``n % 2`` (in-process, uvicorn)."""
    opened: list[httpx.AsyncClient] = []

    def make(number: int) -> httpx.AsyncClient:
        if number % 2 == 0:
            http = app_client(app)
        else:
            # A fresh connection per request: uvicorn closes idle ones after 5 s, and a
            # reused one it just closed would fail the test for the wrong reason.
            http = httpx.AsyncClient(
                base_url=second_instance,
                timeout=120.0,
                limits=httpx.Limits(max_keepalive_connections=0),
            )
        opened.append(http)
        return http

    yield make
    for http in opened:
        await http.aclose()


async def with_csrf(client: httpx.AsyncClient, page: str) -> str:
    """Open ``page`` for its CSRF cookie; returns the form's token."""
    response = await client.get(page)
    assert response.status_code == 200, f"GET {page} gave {response.status_code}"
    return csrf_token(response.text)


async def at_once(calls: list[Callable[[], Awaitable[Any]]]) -> list[Any]:
    """Start every call together (released by one event) and wait for all of them."""
    start = asyncio.Event()

    async def run(call: Callable[[], Awaitable[Any]]) -> Any:
        await start.wait()
        return await call()

    tasks = [asyncio.ensure_future(run(call)) for call in calls]
    await asyncio.sleep(0)
    start.set()
    return await asyncio.gather(*tasks)
