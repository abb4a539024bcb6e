"""`meedoen serve --demo` is the quick start: it must come up whole and go down clean, and
from the moment it says it is ready, every search is complete.

One start serves both tests (it seeds the demo district and fills a fresh index, the
better part of a minute): from its first answer the searches are watched without pause."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

from meedoen.search.server import free_port


def start_serve(data_dir: Path, port: int) -> tuple[subprocess.Popen, Path]:
    """``meedoen serve --demo`` on its own data folder; its output goes to a file.

    Not to a pipe: a pipe nobody reads fills up (64 KB of access log lines), and then
    the server blocks on its next log line and answers nothing."""
    env = {**os.environ, "MEEDOEN_DATA_DIR": str(data_dir), "MEEDOEN_ENV": "development"}
    for name in ("DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "SECRET_KEY"):
        env.pop(name, None)
    log_path = data_dir / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "meedoen.cli", "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    return process, log_path


def stop_serve(process: subprocess.Popen, log_path: Path) -> str:
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    return log_path.read_text(errors="replace")


DEMO_OPPORTUNITIES = 379


@dataclass
class ServeRun:
    data_dir: Path
    answers: list[tuple]  # (ready at that moment, query, total, degraded), in order
    health: dict
    home: httpx.Response
    warm: dict  # a search for "zorg" well after readiness
    meilisearch: list[psutil.Process]
    output: str


@pytest.fixture(scope="module")
def serve_run(tmp_path_factory: pytest.TempPathFactory) -> ServeRun:
    data_dir = tmp_path_factory.mktemp("serve")
    port = free_port("127.0.0.1")
    base_url = f"http://127.0.0.1:{port}"
    process, log_path = start_serve(data_dir, port)
    try:
        answers = asyncio.run(watch_searches_until_ready(base_url, process, log_path))
        health = httpx.get(f"{base_url}/health/ready", timeout=30).json()
        home = httpx.get(f"{base_url}/", timeout=30)
        warm = httpx.get(f"{base_url}/api/v1/opportunities", params={"q": "zorg"}, timeout=30)
        children = psutil.Process(process.pid).children(recursive=True)
        meilisearch = [c for c in children if "meilisearch" in c.name()]
    finally:
        output = stop_serve(process, log_path)
    return ServeRun(data_dir, answers, health, home, warm.json(), meilisearch, output)


@pytest.mark.slow
def test_serve_with_demo_runs_its_own_meilisearch_and_stops_it_on_exit(serve_run):
    assert serve_run.health["status"] == "ready"
    assert serve_run.home.status_code == 200 and "Meedoen West" in serve_run.home.text
    assert "demo-coach-west" in serve_run.output, "demo passwords are printed in development"
    assert (serve_run.data_dir / "meedoen.sqlite").exists()
    assert (serve_run.data_dir / "meilisearch").is_dir(), "the local index lives in this folder"
    assert serve_run.meilisearch, "serve started its own Meilisearch"
    assert all(
        not child.is_running() or child.status() == psutil.STATUS_ZOMBIE
        for child in serve_run.meilisearch
    ), "Meilisearch stopped with the app"


@pytest.mark.slow
def test_from_the_moment_serve_is_ready_every_search_is_complete(serve_run):
    warm, answers = serve_run.warm, serve_run.answers
    assert not warm["degraded"]
    complete = [(ready, q, total) for ready, q, total, degraded in answers if not degraded]
    # No answer claims to be complete while it is short: before readiness either the
    # database answers (degraded, with the notice) or the index already holds everything.
    for ready, query, total in complete:
        expected = DEMO_OPPORTUNITIES if query == "" else warm["total"]
        assert total == expected, (ready, query, total)
    after = [(q, total, degraded) for ready, q, total, degraded in answers if ready]
    assert after, "no search after readiness"
    assert all(not degraded for _, _, degraded in after), "ready, yet answered by the database"


async def watch_searches_until_ready(
    base_url: str, process: subprocess.Popen, log_path: Path
) -> list[tuple]:
    """Search without pause from the first answer until well after readiness says yes.

    Returns (ready_at_that_moment, query, total, degraded) for every answer."""
    answers: list[tuple] = []
    ready = False
    ready_since = None
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            try:
                probe = await http.get("/health/ready")
                ready = probe.status_code == 200
                for query in ("", "zorg"):
                    response = await http.get("/api/v1/opportunities", params={"q": query})
                    if response.status_code == 200:
                        body = response.json()
                        answers.append((ready, query, body["total"], body["degraded"]))
            except httpx.TransportError:
                await asyncio.sleep(0.2)
                continue
            if ready and ready_since is None:
                ready_since = time.monotonic()
            if ready_since is not None and time.monotonic() - ready_since > 5:
                return answers
    log_tail = log_path.read_text(errors="replace")[-3000:]
    pytest.fail(f"meedoen serve did not get ready: {answers[-5:]}\n{log_tail}")
