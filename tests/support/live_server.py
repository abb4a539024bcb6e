"""Pytest plugin: the real app served by uvicorn in a child process, for browser tests.

It shares the session's database (``DATABASE_URL`` is already in the environment), its
Meilisearch and its index prefix, and runs the outbox worker in-process like production,
with production's Argon2id cost (the suite's own accounts are hashed cheaper).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
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
def live_server(
    meili: MeiliInstance, database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Base URL of a running server, e.g. ``http://127.0.0.1:43125``."""
    port = free_port("127.0.0.1")
    log_path = tmp_path_factory.mktemp("live-server") / "uvicorn.log"
    environment = {
        **{k: v for k, v in os.environ.items() if k not in TEST_PASSWORD_HASHING},
        "MEILI_URL": meili.url,
        "MEILI_MASTER_KEY": meili.master_key,
        "MEEDOEN_INPROCESS_WORKER": "1",
        # Mail stays in the shared outbox for the tests' own sender (the `mailbox`
        # fixture), which delivers it to the test SMTP server they read from.
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
