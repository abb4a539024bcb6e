"""Pytest plugin: the real app served by uvicorn in a child process, for browser tests.

It shares the session's database (``DATABASE_URL`` is already in the environment), its
Meilisearch and its index prefix, with production's Argon2id cost (the suite's own
accounts are hashed cheaper).

It runs no background worker and no scheduler: nothing changes the database or the
index behind a test's back. A test that needs the outbox applied calls ``indexed`` (the
worker's own ``drain_all``); one that needs a periodic job awaits the job's service
function. The real start-up path with its worker is tested where it is the subject
(``meedoen serve`` in ``test_serve``, ``meedoen worker`` in ``test_cli``, the fault tests'
instances in ``faults.instances``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from meedoen.search.server import free_port
from support.database import TEST_PASSWORD_HASHING
from support.meili import MeiliInstance

# A bound, not a window: the wait ends the moment the server answers (a busy 2-core
# machine can take tens of seconds to import and start the app).
STARTUP_SECONDS = 120.0
PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
async def live_server(
    meili: MeiliInstance, database: str, runtime, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """Base URL of a running server, e.g. ``http://127.0.0.1:43125``."""
    from meedoen.app.background import search_indexer
    from meedoen.indexing.indexer import OPPORTUNITIES
    from support.app import drain_everything

    # Ready the moment it starts: the index exists and no change from earlier tests waits
    # (readiness waits for those, and this server has no worker to apply them).
    indexer = search_indexer(runtime.search.writer, runtime.search.index_name(OPPORTUNITIES))
    await indexer.ensure_index()
    await drain_everything(indexer)

    port = free_port("127.0.0.1")
    log_path = tmp_path_factory.mktemp("live-server") / "uvicorn.log"
    environment = {
        **{k: v for k, v in os.environ.items() if k not in TEST_PASSWORD_HASHING},
        "MEILI_URL": meili.url,
        "MEILI_MASTER_KEY": meili.master_key,
        "MEEDOEN_INPROCESS_WORKER": "0",
        "MEEDOEN_INPROCESS_MAIL": "0",
        "BASE_URL": f"http://127.0.0.1:{port}",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "meedoen.app.factory:asgi_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(base_url, process, log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_health(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the live server exited:\n{log_path.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base_url}/health/ready", timeout=5.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(
        f"the live server did not get healthy:\n{log_path.read_text(errors='replace')}"
    )
