"""What a command or the server needs before it starts: a database, a free port, a key.

Shared by ``meedoen.cli`` and ``meedoen.serve``, below both, so neither imports the other
to get them.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import warnings
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

from meedoen.settings import ConfigurationError, load_settings

T = TypeVar("T")
# A command waits this long for the database to answer before it says it cannot reach it:
# long enough for a busy server, where /health's short check would give up too early.
COMMAND_DATABASE_WAIT_SECONDS = 15.0


class DatabaseUnreachable(Exception):
    pass


async def with_database(coroutine: Awaitable[T]) -> T:
    from meedoen.db import check_database, close_pool, database_label, start_pool

    try:
        settings = load_settings()
        problem = await check_database(within_seconds=COMMAND_DATABASE_WAIT_SECONDS)
    except BaseException:
        discard(coroutine)
        raise
    if problem:
        discard(coroutine)
        raise DatabaseUnreachable(
            f"cannot use the database at {database_label(settings.database_url)} ({problem}): "
            "check DATABASE_URL and that the database server is running."
        )
    await start_pool()
    try:
        return await coroutine
    finally:
        await close_pool()


def configure_logging(verbose: bool) -> None:
    """Our log lines with time, level and logger; every command and web process alike."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Piccolo announces every connection and warns when one fails, httpx every request
    # to Meilisearch; we report those ourselves.
    for noisy in ("piccolo", "httpx", "httpx2"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module=r"piccolo\.")


def discard(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()


def ensure_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise ConfigurationError(
                f"port {port} on {host} is already in use: stop the other program or "
                f"choose another port with --port."
            ) from None


def local_master_key(data_dir: Path) -> str:
    """The local Meilisearch's master key, generated once and kept in the data folder."""
    path = data_dir / "meili_master_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    path.write_text(key)
    path.chmod(0o600)
    os.environ.setdefault("MEILI_MASTER_KEY", key)
    return key
