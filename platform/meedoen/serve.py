"""``meedoen serve``: migrate, optionally seed, start a local Meilisearch, run the web app."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading

import click
import uvicorn

from meedoen.launch import ensure_port_free, local_master_key, with_database
from meedoen.search.server import MeilisearchServer
from meedoen.settings import Settings, load_settings

log = logging.getLogger("meedoen.serve")
SUPERVISE_INTERVAL_SECONDS = 5.0


def serve_app(host: str, port: int, demo: bool) -> None:
    settings = load_settings()
    ensure_port_free(host, port)
    asyncio.run(with_database(_prepare_database(demo)))
    server = None
    if settings.meili_url is None:
        server, settings = _start_local_meilisearch(settings)
    stop_supervising = threading.Event()
    if server is not None:
        threading.Thread(
            target=_supervise,
            args=(server, stop_supervising),
            daemon=True,
            name="meilisearch-supervisor",
        ).start()
    try:
        _print_banner(settings, host, port, demo)
        from meedoen.app.factory import create_app

        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_level="info",
            proxy_headers=True,
            server_header=False,
        )
    finally:
        stop_supervising.set()
        if server is not None:
            server.stop()


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


def _supervise(server: MeilisearchServer, stop: threading.Event) -> None:
    while not stop.wait(SUPERVISE_INTERVAL_SECONDS):
        try:
            if server.ensure_running():
                log.warning("Meilisearch had stopped and was restarted.")
        except Exception as error:
            log.error("Meilisearch could not be restarted: %s", error)


def _print_banner(settings: Settings, host: str, port: int, demo: bool) -> None:
    from meedoen.db import database_label

    click.echo(f"Database: {database_label(settings.database_url)}")
    if demo and not settings.is_production:
        from meedoen.demo.seed import DEMO_ACCOUNTS

        click.echo("Demo accounts (development only):")
        for account in DEMO_ACCOUNTS:
            click.echo(f"  {account.role:<13} {account.email:<34} {account.password}")
    click.echo(f"Meedoen West: http://{host}:{port}/")
