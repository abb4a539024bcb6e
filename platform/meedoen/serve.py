"""``meedoen serve``: migrate, optionally seed, start a local Meilisearch, run the web app
in one or more processes (and then its background worker in a process of its own)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import signal
import subprocess
import sys
import threading
from typing import Any

import click
import uvicorn

from meedoen.launch import configure_logging, ensure_port_free, local_master_key, with_database
from meedoen.search.server import MeilisearchServer, die_with_parent_hook
from meedoen.settings import Settings, load_settings

log = logging.getLogger("meedoen.serve")
SUPERVISE_INTERVAL_SECONDS = 5.0
BACKGROUND_STOP_SECONDS = 20.0
WORKER_PING_SECONDS = 30
# Tells web processes that ``meedoen -v serve`` asked for debug logging.
VERBOSE_VARIABLE = "MEEDOEN_VERBOSE"


def serve_app(host: str, port: int, demo: bool, workers: int | None = None) -> None:
    """Serve with ``workers`` web processes (default ``MEEDOEN_WEB_WORKERS``: one per core).

    Everything a web process needs reaches it through the environment: the settings, and
    the address and key of the Meilisearch started here. With more than one web process,
    the outbox worker, the mail sender and the scheduler run once, in a ``meedoen worker``
    child of this process, instead of in every web process.
    """
    settings = load_settings()
    workers = workers or settings.web_workers
    ensure_port_free(host, port)
    asyncio.run(with_database(_prepare_database(demo)))
    server = None
    if settings.meili_url is None:
        server, settings = _start_local_meilisearch(settings)
    background = None
    try:
        _export(settings, workers)
        if workers > 1 and settings.run_worker_in_process:
            background = BackgroundWorker(send_mail=settings.send_mail_in_process)
            background.start()
            # The web processes leave the outbox, the mail and the periodic jobs to it.
            os.environ["MEEDOEN_INPROCESS_WORKER"] = "0"
            os.environ["MEEDOEN_INPROCESS_MAIL"] = "0"
        stop_supervising = threading.Event()
        threading.Thread(
            target=_supervise,
            args=(server, background, stop_supervising),
            daemon=True,
            name="serve-supervisor",
        ).start()
        try:
            _print_banner(settings, host, port, demo, workers)
            uvicorn.run(
                "meedoen.serve:web_process_app",
                factory=True,
                workers=workers,
                host=host,
                port=port,
                log_level="info",
                proxy_headers=True,
                server_header=False,
                # A busy process still answers uvicorn's ping within this, so it is not
                # killed and restarted for being slow.
                timeout_worker_healthcheck=WORKER_PING_SECONDS,
            )
        finally:
            stop_supervising.set()
    finally:
        if background is not None:
            background.stop()
        if server is not None:
            server.stop()


def web_process_app() -> Any:
    """The app of one web process (uvicorn's factory): logging as the ``meedoen`` command
    has it, then the app with the settings from the environment ``serve_app`` prepared."""
    from meedoen.app.factory import create_app

    configure_logging(verbose=os.environ.get(VERBOSE_VARIABLE) == "1")
    return create_app()


def _export(settings: Settings, workers: int) -> None:
    """Hand the settings this process decided to the web processes it starts."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        os.environ[VERBOSE_VARIABLE] = "1"
    if settings.meili_url:
        os.environ["MEILI_URL"] = settings.meili_url
    if settings.meili_master_key:
        os.environ["MEILI_MASTER_KEY"] = settings.meili_master_key
    # They share the cores out between them (meedoen.offload).
    os.environ["MEEDOEN_WEB_WORKERS"] = str(workers)
    # glibc gives every thread that allocates an arena of its own (up to 8 per core);
    # two per process keep a web process under 150 MiB after a load test (~5% less RSS)
    # at no measurable cost in throughput.
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")


async def _prepare_database(demo: bool) -> None:
    from meedoen.db import migrate

    await migrate()
    if demo:
        from meedoen.demo.seed import seed_demo

        report = await seed_demo()
        click.echo(f"Demo data: {report.summary()}")


def _start_local_meilisearch(settings: Settings) -> tuple[MeilisearchServer, Settings]:
    from meedoen.search.binary import ensure_meilisearch

    binary = ensure_meilisearch()
    master_key = settings.meili_master_key or local_master_key(settings.data_dir)
    # Its own data folder inside ours: two data folders never share an index.
    server = MeilisearchServer(settings.data_dir / "meilisearch", master_key, binary=binary)
    server.start()
    click.echo(f"Meilisearch running at {server.url} (data in {server.data_dir}).")
    return server, dataclasses.replace(settings, meili_url=server.url, meili_master_key=master_key)


def _supervise(
    server: MeilisearchServer | None, background: BackgroundWorker | None, stop: threading.Event
) -> None:
    """Bring back a Meilisearch or a background worker that stopped. Meilisearch comes
    back on the same port with the same keys, so every web process finds it again."""
    while not stop.wait(SUPERVISE_INTERVAL_SECONDS):
        if server is not None:
            try:
                if server.ensure_running():
                    log.warning("Meilisearch had stopped and was restarted.")
            except Exception as error:
                log.error("Meilisearch could not be restarted: %s", error)
        if background is not None and not stop.is_set():
            try:
                if background.ensure_running():
                    log.warning("The background worker had stopped and was restarted.")
            except Exception as error:
                log.error("The background worker could not be restarted: %s", error)


class BackgroundWorker:
    """``meedoen worker`` as a child of ``meedoen serve``: the one process that drains the
    search outbox, sends mail and runs the periodic jobs while several web processes serve."""

    def __init__(self, *, send_mail: bool) -> None:
        self.send_mail = send_mail
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        command = [sys.executable, "-m", "meedoen.cli", "worker"]
        if not self.send_mail:
            command.append("--no-mail")
        with self._lock:
            # Its output goes where ours goes. Its own session: a Ctrl-C in the terminal
            # reaches us, and we stop it after the web processes; it dies with us should
            # we be killed.
            self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                command,
                env=dict(os.environ),
                start_new_session=True,
                preexec_fn=die_with_parent_hook(),
            )

    def ensure_running(self) -> bool:
        """Start it again if it has exited; True when it did."""
        with self._lock:
            if self._process is None or self._process.poll() is None:
                return False
            log.warning("background worker exited with code %s", self._process.returncode)
        self.start()
        return True

    def stop(self) -> None:
        """SIGTERM first: the worker hands its claimed batch back before it exits."""
        with self._lock:
            process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=BACKGROUND_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _print_banner(settings: Settings, host: str, port: int, demo: bool, workers: int) -> None:
    from meedoen.db import database_label

    click.echo(f"Database: {database_label(settings.database_url)}")
    if demo and not settings.is_production:
        from meedoen.demo.seed import DEMO_ACCOUNTS

        click.echo("Demo accounts (development only):")
        for account in DEMO_ACCOUNTS:
            click.echo(f"  {account.role:<13} {account.email:<34} {account.password}")
    click.echo(f"Web processes: {workers}")
    click.echo(f"Meedoen West: http://{host}:{port}/")
