"""PostgreSQL restarts under load; the app recovers without a restart of its own.

Runs against a private cluster (``own_postgres``), never the shared server. A live
server (uvicorn child) on a freshly migrated database takes a small request loop while
the cluster restarts (fast, and with a short outage). Requests in flight may fail, but
cleanly and quickly (5xx only while the database is away, never a hang); then health and
pages answer 200 again from the same process.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from faults.instances import app_instances

pytestmark = [pytest.mark.slow, pytest.mark.engine_independent]


def database_status(response: httpx.Response) -> int:
    """The status as far as the database is concerned.

    /health is also 503 when search answers slowly (the shared test Meilisearch can be
    busy); this test is about PostgreSQL, so a 503 with the database up counts as 200.
    """
    search_only = (
        response.url.path == "/health"
        and response.status_code == 503
        and response.json().get("database", {}).get("up")
    )
    return 200 if search_only else response.status_code


PAGES = ("/health", "/kansen?q=tuin", "/api/v1/opportunities?q=koken", "/inloggen", "/")
REQUEST_TIMEOUT = 15.0


def migrate(environment: dict[str, str]) -> None:
    meedoen = Path(sys.executable).with_name("meedoen")
    result = subprocess.run(
        [str(meedoen), "migrate"],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def server_on_own_postgres(own_postgres, meili, tmp_path_factory):
    environment = {
        "DATABASE_URL": own_postgres.create_database(f"meedoen_{uuid.uuid4().hex[:8]}"),
        "MEILI_URL": meili.url,
        "MEILI_MASTER_KEY": meili.master_key,
        "MEILI_INDEX_PREFIX": f"pg{uuid.uuid4().hex[:6]}_",
    }
    migrate(environment)
    with app_instances(tmp_path_factory.mktemp("pg-restart"), [environment]) as (instance,):
        yield own_postgres, instance


async def test_the_app_recovers_by_itself_after_postgres_restarts(server_on_own_postgres):
    cluster, instance = server_on_own_postgres
    outcomes: list[tuple[float, str, int | str, float]] = []  # (at, path, status, seconds)
    running = True

    async def request_loop(http: httpx.AsyncClient, offset: int) -> None:
        number = offset
        while running:
            path = PAGES[number % len(PAGES)]
            number += 1
            started = time.monotonic()
            try:
                status: int | str = database_status(await http.get(path))
            except httpx.TimeoutException:
                status = "timeout"
            except httpx.HTTPError as error:
                status = type(error).__name__
            outcomes.append((started, path, status, time.monotonic() - started))
            await asyncio.sleep(0.02)

    async with httpx.AsyncClient(base_url=instance.url, timeout=REQUEST_TIMEOUT) as http:
        assert (await http.get("/health")).status_code == 200
        loops = [asyncio.create_task(request_loop(http, i)) for i in range(4)]
        try:
            await asyncio.sleep(1.0)
            outage_start = time.monotonic()
            await asyncio.to_thread(cluster.restart)  # fast shutdown: connections cut
            await asyncio.sleep(1.0)
            await asyncio.to_thread(cluster.stop)  # and an outage of a few seconds
            await asyncio.sleep(2.0)
            await asyncio.to_thread(cluster.start)
            outage_end = time.monotonic()
            recovered = await wait_for_recovery(http)
            await asyncio.sleep(1.0)
        finally:
            running = False
            await asyncio.gather(*loops)

        assert recovered is not None, f"no recovery within 30 s:\n{instance.log()[-3000:]}"
        assert instance.process.poll() is None, "the app process died"
        final = {path: database_status(await http.get(path)) for path in PAGES}
        assert final == dict.fromkeys(PAGES, 200), final

    # Finished before the restart began: a request still in flight then may meet it.
    before = [o for o in outcomes if o[0] + o[3] < outage_start]
    after = [o for o in outcomes if o[0] > recovered]
    assert before and after
    assert {o[2] for o in before} == {200}, f"before the restart: {before}"
    assert {o[2] for o in after} == {200}, f"after recovery: {sorted({o[2] for o in after})}"
    failures = [o for o in outcomes if o[2] != 200]
    assert all(o[2] in (500, 503) for o in failures), f"unclean failures: {failures[:10]}"
    assert all(o[0] + o[3] >= outage_start and o[0] <= recovered for o in failures), failures
    slowest = max(o[3] for o in outcomes)
    assert slowest < REQUEST_TIMEOUT - 1, f"a request hung for {slowest:.1f} s"
    print(
        f"\n{len(outcomes)} requests, {len(failures)} failed cleanly during the outage; "
        f"recovered {recovered - outage_end:.2f} s after PostgreSQL was back; "
        f"slowest request {slowest:.2f} s"
    )


async def wait_for_recovery(http: httpx.AsyncClient, within: float = 30.0) -> float | None:
    """When health and every page first answered 200 again."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        at = time.monotonic()
        try:
            statuses = [(await http.get(path)).status_code for path in PAGES]
        except httpx.HTTPError:
            statuses = []
        if statuses and set(statuses) == {200}:
            return at
        await asyncio.sleep(0.2)
    return None
