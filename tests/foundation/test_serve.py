"""`meedoen serve --demo` is the quick start: it must come up whole and go down clean, and
from the moment it says it is ready, every search is complete.

One start serves these tests (it seeds the demo district and fills a fresh index, the
better part of a minute): from its first answer the searches are watched without pause.
It runs two web processes, as on a two-core server: both answer, one background worker
indexes, both find Meilisearch again after serve restarts it, and Ctrl-C stops them all."""

import asyncio
import os
import re
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


def start_serve(
    data_dir: Path, port: int, *arguments: str, demo: bool = True
) -> tuple[subprocess.Popen, Path]:
    """``meedoen serve [--demo]`` on its own data folder; its output goes to a file.

    Not to a pipe: a pipe nobody reads fills up (64 KB of access log lines), and then
    the server blocks on its next log line and answers nothing."""
    env = {**os.environ, "MEEDOEN_DATA_DIR": str(data_dir), "MEEDOEN_ENV": "development"}
    for name in SET_BY_SERVE:
        env.pop(name, None)
    command = [sys.executable, "-m", "meedoen.cli", "serve", "--port", str(port), *arguments]
    if demo:
        command.append("--demo")
    log_path = data_dir / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command,
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


SET_BY_SERVE = (
    "DATABASE_URL",
    "MEILI_URL",
    "MEILI_MASTER_KEY",
    "SECRET_KEY",
    "MEEDOEN_WEB_WORKERS",
    "MEEDOEN_INPROCESS_WORKER",
    "MEEDOEN_INPROCESS_MAIL",
)
DEMO_OPPORTUNITIES = 379


@dataclass
class ServeRun:
    data_dir: Path
    answers: list[tuple]  # (ready at that moment, query, total, degraded), in order
    health: dict
    home: httpx.Response
    warm: dict  # a search for "zorg" well after readiness
    meilisearch: list[psutil.Process]
    web: list[psutil.Process]  # the processes that answer requests
    answering: set[int]  # which of them held a connection of ours
    after_restart: tuple[set[int], list[tuple[int, bool]]]  # searches once Meilisearch is back
    background: list[psutil.Process]  # `meedoen worker` children
    web_environments: list[dict[str, str]]
    every_posting: list[str]  # the refs of every posting, page by page
    descendants: list[psutil.Process]
    left_running: list[psutil.Process]  # of those, still running after serve exited
    output: str


@pytest.fixture(scope="module")
def serve_run(tmp_path_factory: pytest.TempPathFactory) -> ServeRun:
    data_dir = tmp_path_factory.mktemp("serve")
    port = free_port("127.0.0.1")
    base_url = f"http://127.0.0.1:{port}"
    process, log_path = start_serve(data_dir, port, "--workers", "2")
    try:
        answers = asyncio.run(watch_searches_until_ready(base_url, process, log_path))
        health = httpx.get(f"{base_url}/health/ready", timeout=30).json()
        home = httpx.get(f"{base_url}/", timeout=30)
        warm = httpx.get(f"{base_url}/api/v1/opportunities", params={"q": "zorg"}, timeout=30)
        every_posting = all_posting_refs(base_url)
        children = psutil.Process(process.pid).children(recursive=True)
        meilisearch = [c for c in children if "meilisearch" in c.name()]
        web = [c for c in children if "multiprocessing.spawn" in " ".join(c.cmdline())]
        background = [c for c in children if c.cmdline()[-2:] == ["meedoen.cli", "worker"]]
        web_environments = [c.environ() for c in web]
        answering, _ = searches_on_every_process(base_url, port, web)
        restarted = restart_meilisearch_behind_serve(process, meilisearch[0], base_url)
        after_restart = searches_on_every_process(base_url, port, web)
        children.append(restarted)
    finally:
        output = stop_serve(process, log_path)
    # Once serve has exited, what it started goes too (the multiprocessing resource
    # tracker notices its parent is gone a moment later).
    _, left = psutil.wait_procs(children, timeout=10)
    return ServeRun(
        data_dir,
        answers,
        health,
        home,
        warm.json(),
        meilisearch,
        web,
        answering,
        after_restart,
        background,
        web_environments,
        every_posting,
        children,
        left,
        output,
    )


def all_posting_refs(base_url: str) -> list[str]:
    refs: list[str] = []
    page = 1
    while True:
        body = httpx.get(
            f"{base_url}/api/v1/opportunities", params={"page": page, "per_page": 50}, timeout=30
        ).json()
        refs += [item["ref"] for item in body["items"]]
        if page >= body["pages"]:
            return refs
        page += 1


def searches_on_every_process(
    base_url: str, port: int, web: list[psutil.Process], most: int = 200
) -> tuple[set[int], list[tuple[int, bool]]]:
    """Open connections one by one, each searching "zorg" once and then kept open, until
    every web process holds one (or ``most`` are open). Returns the pids that held one and
    the (total, degraded) of every search."""
    clients = []
    holding: set[int] = set()
    found: list[tuple[int, bool]] = []
    try:
        while len(clients) < most and len(holding) < len(web):
            client = httpx.Client(base_url=base_url, timeout=30)
            clients.append(client)
            body = client.get("/api/v1/opportunities", params={"q": "zorg"}).json()
            found.append((body["total"], body["degraded"]))
            holding = {
                process.pid
                for process in web
                for connection in process.net_connections(kind="tcp")
                if connection.laddr and connection.laddr.port == port and connection.raddr
            }
    finally:
        for client in clients:
            client.close()
    return holding, found


def restart_meilisearch_behind_serve(
    serve: subprocess.Popen, meilisearch: psutil.Process, base_url: str
) -> psutil.Process:
    """Kill serve's Meilisearch and wait until its supervisor has started a new one that
    answers (the web processes are told nothing)."""
    meilisearch.kill()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        fresh = [
            c
            for c in psutil.Process(serve.pid).children()
            if "meilisearch" in c.name() and c.pid != meilisearch.pid
        ]
        if fresh and httpx.get(f"{base_url}/health/ready", timeout=10).status_code == 200:
            return fresh[0]
    pytest.fail("serve did not bring Meilisearch back")


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
def test_two_web_processes_answer_and_one_background_worker_indexes(serve_run):
    assert len(serve_run.web) == 2, [p.cmdline() for p in serve_run.descendants]
    assert serve_run.answering == {p.pid for p in serve_run.web}, "both processes answer"
    assert len(serve_run.background) == 1, "exactly one background worker"
    for environment in serve_run.web_environments:
        # The web processes leave the outbox, mail and periodic jobs to that worker.
        assert environment["MEEDOEN_INPROCESS_WORKER"] == "0"
        assert environment["MEEDOEN_INPROCESS_MAIL"] == "0"
        assert environment["MEILI_URL"].startswith("http://127.0.0.1:")
    assert "Web processes: 2" in serve_run.output
    assert len(re.findall(r"creating search index \S*opportunities:", serve_run.output)) == 1
    # Every posting is found, once.
    assert len(serve_run.every_posting) == DEMO_OPPORTUNITIES
    assert len(set(serve_run.every_posting)) == DEMO_OPPORTUNITIES


@pytest.mark.slow
def test_every_web_process_finds_meilisearch_again_after_serve_restarts_it(serve_run):
    holding, searches = serve_run.after_restart
    assert holding == {p.pid for p in serve_run.web}
    assert searches and all(found == (serve_run.warm["total"], False) for found in searches), (
        searches
    )


@pytest.mark.slow
def test_ctrl_c_stops_every_process_serve_started(serve_run):
    assert len(serve_run.descendants) >= 4  # 2 web, the worker, Meilisearch
    assert serve_run.left_running == []
    assert "Traceback" not in serve_run.output, serve_run.output[-5000:]


@pytest.mark.slow
def test_serve_with_one_web_process_runs_the_background_work_in_it(tmp_path):
    port = free_port("127.0.0.1")
    process, log_path = start_serve(tmp_path, port, "--workers", "1", demo=False)
    try:
        deadline = time.monotonic() + 120
        ready = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=10)
            except httpx.TransportError:
                ready = None
            if ready is not None and ready.status_code == 200:
                break
            time.sleep(0.5)
        children = [c.name() for c in psutil.Process(process.pid).children(recursive=True)]
    finally:
        output = stop_serve(process, log_path)
    assert ready is not None and ready.status_code == 200, output[-3000:]
    # Only Meilisearch beside it: the web process itself created the index.
    assert children == ["meilisearch"], output[-3000:]
    assert "Web processes: 1" in output
    assert re.search(r"creating search index \S*opportunities:", output), output[-3000:]


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
