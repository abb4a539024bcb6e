"""App instances in child processes (uvicorn, in-process worker) for the fault tests.

Like ``support.live_server``, but any number of them, each with its own environment
(another database, another index prefix) and, on request, a journal of the outbox
changes its worker applied and completed (see ``journaled_instance``).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from meedoen.opportunities.service import OpportunityInput
from meedoen.search.server import free_port
from support.live_server import PROJECT_DIR

TESTS_DIR = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60.0


@dataclass
class Instance:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    journal: Path | None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def journal_entries(self) -> list[JournalEntry]:
        """What this instance's worker applied and completed, in the order it happened."""
        if self.journal is None or not self.journal.exists():
            return []
        entries = []
        for line in self.journal.read_text().splitlines():
            at, what, event_id, ref = line.split(" ", 3)
            entries.append(JournalEntry(int(at), what, int(event_id), ref, self.url))
        return entries


@dataclass(frozen=True, order=True)
class JournalEntry:
    at: int  # time.monotonic_ns(), comparable between processes
    what: str  # "applied" or "completed"
    event_id: int
    ref: str
    instance: str


@contextmanager
def app_instance(
    work_dir: Path, environment: dict[str, str], *, journal: bool = False, name: str = "app"
) -> Iterator[Instance]:
    """A uvicorn child serving the app with ``environment`` over the test session's."""
    with app_instances(work_dir, [environment], journal=journal, names=[name]) as (instance,):
        yield instance


@contextmanager
def app_instances(
    work_dir: Path,
    environments: list[dict[str, str]],
    *,
    journal: bool = False,
    names: list[str] | None = None,
) -> Iterator[list[Instance]]:
    """Several instances, started side by side (an app takes seconds to import)."""
    names = names or [f"app{i}" for i in range(len(environments))]
    instances: list[Instance] = []
    try:
        for environment, name in zip(environments, names, strict=True):
            instances.append(_spawn(work_dir, environment, journal, name))
        for instance in instances:
            wait_until_serving(instance)
        yield instances
    finally:
        for instance in instances:
            instance.process.terminate()
        for instance in instances:
            try:
                instance.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                instance.process.kill()
                instance.process.wait()


def _spawn(work_dir: Path, environment: dict[str, str], journal: bool, name: str) -> Instance:
    port = free_port("127.0.0.1")
    log_path = work_dir / f"{name}.log"
    journal_path = work_dir / f"{name}.journal" if journal else None
    env = {
        **os.environ,
        "MEEDOEN_INPROCESS_WORKER": "1",
        "BASE_URL": f"http://127.0.0.1:{port}",
        **environment,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(TESTS_DIR), os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    arguments = ["--factory", "meedoen.app.factory:asgi_app", "--host", "127.0.0.1"]
    arguments += ["--port", str(port), "--log-level", "warning"]
    if journal_path is not None:
        env["MEEDOEN_TEST_JOURNAL"] = str(journal_path)
        command = [sys.executable, "-m", "faults.journaled_instance", *arguments]
    else:
        command = [sys.executable, "-m", "uvicorn", *arguments]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    return Instance(f"http://127.0.0.1:{port}", process, log_path, journal_path)


def wait_until_serving(instance: Instance, seconds: float = STARTUP_SECONDS) -> None:
    """Until ``/health`` answers at all (200, or 503 when a dependency is down)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            raise RuntimeError(f"the instance exited:\n{instance.log()}")
        try:
            if httpx.get(f"{instance.url}/health", timeout=2.0).status_code in (200, 503):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the instance did not start serving:\n{instance.log()}")


async def save_retrying_when_locked(
    organisation: str, posting: OpportunityInput, ref: str | None = None
) -> str:
    """``save_opportunity``; on SQLite, tried again when another writer holds the lock.

    Known problem (reported): ``save_opportunity`` edits in a deferred transaction that reads
    before it writes, so on SQLite a concurrent writer (a worker's claim) makes it fail at
    once with "database is locked" instead of waiting for the busy timeout. The transaction
    is rolled back, so nothing half-saved stays behind; a user would simply save again.
    """
    from meedoen.opportunities.service import save_opportunity
    from meedoen.organisations.service import organisation_id

    organisation_key = await organisation_id(organisation)
    assert organisation_key is not None

    deadline = time.monotonic() + 20
    delay = 0.02
    while True:
        try:
            return await save_opportunity(organisation_key, posting, ref=ref)
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.5)
