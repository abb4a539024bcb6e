"""`meedoen serve --demo` is the quick start: it must come up whole and go down clean."""

import os
import signal
import subprocess
import sys
import time

import httpx
import psutil
import pytest

from meedoen.search.server import free_port


def wait_for_health(url: str, process: subprocess.Popen, within: float = 90.0) -> httpx.Response:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"meedoen serve exited early:\n{process.stdout.read()}")
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                return response
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail("meedoen serve did not become healthy in time")


@pytest.mark.slow
def test_serve_with_demo_runs_its_own_meilisearch_and_stops_it_on_exit(tmp_path):
    port = free_port("127.0.0.1")
    env = {**os.environ, "MEEDOEN_DATA_DIR": str(tmp_path), "MEEDOEN_ENV": "development"}
    for name in ("DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "SECRET_KEY"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "meedoen.cli", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = wait_for_health(f"http://127.0.0.1:{port}/health", process)
        home = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        children = psutil.Process(process.pid).children(recursive=True)
        meilisearch = [c for c in children if "meilisearch" in c.name()]
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)

    assert health.json()["database"]["up"] and health.json()["search"]["up"]
    assert home.status_code == 200 and "Meedoen West" in home.text
    assert "demo-coach-west" in output, "demo passwords are printed in development"
    assert (tmp_path / "meedoen.sqlite").exists()
    assert (tmp_path / "meilisearch").is_dir(), "the local index lives in this data folder"
    assert meilisearch, "serve started its own Meilisearch"
    assert all(
        not child.is_running() or child.status() == psutil.STATUS_ZOMBIE for child in meilisearch
    ), "Meilisearch stopped with the app"
