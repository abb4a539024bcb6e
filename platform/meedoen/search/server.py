"""Supervise a local Meilisearch child process: start, health-wait, stop, restart after a crash."""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import ctypes.util
import errno
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Self

import httpx

from meedoen.search.binary import MeilisearchUnavailable, ensure_meilisearch

log = logging.getLogger(__name__)

LOG_FILE_NAME = "meilisearch.log"
DB_DIR_NAME = "data.ms"
MIN_MASTER_KEY_BYTES = 16
HEALTH_POLL_SECONDS = 0.05
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
PORT_TAKEN_MARKERS = ("Address already in use", "os error 98")


class MeilisearchServer:
    """One Meilisearch process bound to 127.0.0.1, with its data and log inside ``data_dir``.

    Usable as ``with server:`` or ``async with server:``. A supervisor calls
    ``ensure_running()`` periodically to bring it back after a crash.
    """

    def __init__(
        self,
        data_dir: Path,
        master_key: str,
        *,
        port: int | None = None,
        binary: Path | None = None,
        startup_timeout: float = 30.0,
        stop_timeout: float = 10.0,
    ) -> None:
        if len(master_key.encode()) < MIN_MASTER_KEY_BYTES:
            raise ValueError(
                f"the Meilisearch master key must be at least {MIN_MASTER_KEY_BYTES} bytes long"
            )
        self.data_dir = Path(data_dir)
        self.master_key = master_key
        self.host = "127.0.0.1"
        self.port = port
        self.binary = binary
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.restart_count = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.RLock()

    @property
    def url(self) -> str:
        """Base URL of the running server, e.g. ``http://127.0.0.1:7700``."""
        if self.port is None:
            raise MeilisearchUnavailable("the Meilisearch server has no port yet: call start()")
        return f"http://{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        """File that receives the server's stdout and stderr."""
        return self.data_dir / LOG_FILE_NAME

    @property
    def pid(self) -> int | None:
        """Process id of the current child, if one was started."""
        return self._process.pid if self._process is not None else None

    @property
    def is_running(self) -> bool:
        """True while the child process is alive (it may still be starting up)."""
        return self._process is not None and self._process.poll() is None

    # -- synchronous lifecycle -------------------------------------------------------------

    def start(self) -> Self:
        """Spawn the server and block until ``/health`` reports it available."""
        with self._lock:
            if self.is_running:
                return self
            self._spawn()
            self._wait_until_healthy_blocking()
            return self

    def stop(self) -> None:
        """Ask the server to shut down (SIGTERM), then kill it if it does not within the timeout."""
        with self._lock:
            process, self._process = self._process, None
            _running_servers.discard(self)
            if process is not None:
                terminate_process(process, self.stop_timeout)

    def restart(self) -> Self:
        """Stop whatever is left of the server and start a fresh process on the same port."""
        with self._lock:
            self.stop()
            self.restart_count += 1
            return self.start()

    def ensure_running(self) -> bool:
        """Restart the server if its process has died; return True when a restart happened."""
        with self._lock:
            if self.is_running:
                return False
            self._report_unexpected_exit()
            self.restart()
            return True

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- asynchronous lifecycle ------------------------------------------------------------
    # The child is spawned on the calling (event loop) thread on purpose: PR_SET_PDEATHSIG
    # fires when the *thread* that forked exits, so spawning from a short-lived worker
    # thread would get the server killed behind our back.

    async def astart(self) -> Self:
        """Async twin of ``start()``: spawn here, then wait for health without blocking the loop."""
        if self.is_running:
            return self
        with self._lock:
            self._spawn()
        await self._wait_until_healthy_async()
        return self

    async def astop(self) -> None:
        """Async twin of ``stop()``; the blocking wait runs in a worker thread."""
        await asyncio.to_thread(self.stop)

    async def __aenter__(self) -> Self:
        return await self.astart()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.astop()

    # -- internals -------------------------------------------------------------------------

    def _spawn(self) -> None:
        """Start the child process with its output going to the log file."""
        binary = self.binary or ensure_meilisearch()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._claim_port()
        with self.log_path.open("ab") as log_file:
            write_log_banner(log_file, self.port)
            self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                self._command(binary),
                cwd=self.data_dir,  # Meilisearch reads ./config.toml and writes ./dumps here
                env=self._environment(),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                # Own session: a Ctrl-C in the terminal reaches us, and we stop it cleanly.
                start_new_session=True,
                preexec_fn=die_with_parent_hook(),
            )
        _running_servers.add(self)

    def _command(self, binary: Path) -> list[str]:
        return [
            str(binary),
            "--db-path",
            str(self.data_dir / DB_DIR_NAME),
            "--http-addr",
            f"{self.host}:{self.port}",
            "--env",
            "production",
            "--no-analytics",
        ]

    def _environment(self) -> dict[str, str]:
        """Child environment: ours minus stray MEILI_* settings, plus the master key.

        The key travels in the environment rather than argv so ``ps`` does not show it.
        """
        environment = {k: v for k, v in os.environ.items() if not k.startswith("MEILI_")}
        environment["MEILI_MASTER_KEY"] = self.master_key
        environment["NO_COLOR"] = "1"  # plain log lines, readable in error messages
        return environment

    def _claim_port(self) -> None:
        """Pick a free port if none was given, or fail clearly if the given one is taken."""
        if self.port is None:
            self.port = free_port(self.host)
        elif not port_is_free(self.host, self.port):
            raise port_taken_error(self.host, self.port)

    def _wait_until_healthy_blocking(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while not self._is_healthy():
            self._raise_if_dead_or_late(deadline)
            time.sleep(HEALTH_POLL_SECONDS)

    async def _wait_until_healthy_async(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while not await asyncio.to_thread(self._is_healthy):
            self._raise_if_dead_or_late(deadline)
            await asyncio.sleep(HEALTH_POLL_SECONDS)

    def _is_healthy(self) -> bool:
        try:
            response = httpx.get(f"{self.url}/health", timeout=1.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and response.json().get("status") == "available"

    def _raise_if_dead_or_late(self, deadline: float) -> None:
        """Turn a dead or slow start into a clear error, and never leave the child behind."""
        if not self.is_running:
            error = self._startup_death_error()
            self.stop()
            raise error
        if time.monotonic() > deadline:
            self.stop()
            raise MeilisearchUnavailable(
                f"Meilisearch did not become healthy on {self.url} within "
                f"{self.startup_timeout:.0f} s: see {self.log_path}, last lines: "
                f"{log_tail(self.log_path)}"
            )

    def _startup_death_error(self) -> MeilisearchUnavailable:
        tail = log_tail(self.log_path)
        assert self.port is not None
        if any(marker in tail for marker in PORT_TAKEN_MARKERS):
            return port_taken_error(self.host, self.port)
        code = self._process.returncode if self._process is not None else None
        return MeilisearchUnavailable(
            f"Meilisearch exited during startup with code {code}: "
            f"see {self.log_path}, last lines: {tail}"
        )

    def _report_unexpected_exit(self) -> None:
        if self._process is not None:
            log.warning(
                "Meilisearch (pid %s) exited with code %s; restarting. Last log lines: %s",
                self._process.pid,
                self._process.returncode,
                log_tail(self.log_path),
            )


def terminate_process(process: subprocess.Popen[bytes], timeout: float) -> None:
    """SIGTERM, wait, then SIGKILL: Meilisearch flushes cleanly on SIGTERM."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port(host: str) -> int:
    """Ask the kernel for a currently unused TCP port on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def port_is_free(host: str, port: int) -> bool:
    """Tell whether we could listen on ``host:port`` the way Meilisearch does."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Meilisearch binds with SO_REUSEADDR, so lingering TIME_WAIT sockets do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return False
            raise
        return True


def port_taken_error(host: str, port: int) -> MeilisearchUnavailable:
    return MeilisearchUnavailable(
        f"port {port} on {host} is already in use by another process: "
        "stop that process or start Meilisearch on a different port"
    )


def log_tail(path: Path, lines: int = 8) -> str:
    """Return the last lines of the server log, joined on one line for error messages."""
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no log written)"
    tail = [ANSI_ESCAPE.sub("", line).strip() for line in text.splitlines()[-lines:]]
    return " | ".join(line for line in tail if line) or "(log is empty)"


def write_log_banner(log_file: IO[bytes], port: int | None) -> None:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
    log_file.write(f"--- meedoen: starting Meilisearch on port {port} at {stamp} ---\n".encode())
    log_file.flush()


# -- never leave orphans ---------------------------------------------------------------------

_running_servers: set[MeilisearchServer] = set()


@atexit.register
def _stop_all_servers() -> None:
    for server in list(_running_servers):
        server.stop()


PR_SET_PDEATHSIG = 1


def die_with_parent_hook() -> Callable[[], None] | None:
    """Return a pre-exec hook asking Linux to SIGTERM the child when we die, if available.

    Resolved before forking: loading libraries inside the forked child can deadlock.
    This covers the parent being SIGKILLed, where atexit handlers never run.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        # If the parent died before prctl took effect, the signal will never come.
        if os.getppid() != parent:
            os._exit(1)

    return die_with_parent


__all__ = ["MeilisearchServer", "MeilisearchUnavailable"]
