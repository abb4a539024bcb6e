"""Each engine's copy of the database, taken off the event loop.

SQLite: the online backup API, page by page, while the app keeps running. PostgreSQL:
``pg_dump`` in its custom format, from a snapshot that the manifest's counts were read
from too, and ``pg_restore`` back. Each returns the row count of every table, so the
manifest says what the copy holds and a restore can check it got all of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import asyncpg

from meedoen.settings import ConfigurationError

BACKUP_PAGES_PER_STEP = 1024  # small steps: writers wait for one step, not the whole copy
TABLES_SQLITE = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
TABLES_POSTGRES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"


class BackupFailed(Exception):
    """The backup or restore could not be done; the message says why and what to do."""


# --- SQLite ----------------------------------------------------------------------------


def sqlite_copy(source: Path, target: Path) -> dict[str, int]:
    """Copy the live database ``source`` to ``target`` (blocking: run it in a thread)."""
    with (
        contextlib.closing(sqlite3.connect(source)) as live,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        live.backup(copy, pages=BACKUP_PAGES_PER_STEP)
        # One self-contained file in the archive, not a database that expects a WAL.
        copy.execute("PRAGMA journal_mode=DELETE")
    return sqlite_counts(target)


def sqlite_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        problem = db.execute("PRAGMA integrity_check").fetchone()[0]
        if problem != "ok":
            raise BackupFailed(f"the database copy {path} is damaged ({problem}).")
        names = [row[0] for row in db.execute(TABLES_SQLITE)]
        return {
            name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608 - names from sqlite_master
            for name in sorted(names)
        }


# --- PostgreSQL ------------------------------------------------------------------------


def _client_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConfigurationError(
            f"{name} is not installed: install PostgreSQL's client tools (Debian: "
            "postgresql-client) of the server's major version or newer."
        )
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password (which goes to PGPASSWORD, not the process list)."""
    parts = urlsplit(url)
    env = dict(os.environ)
    if parts.password is not None:
        env["PGPASSWORD"] = unquote(parts.password)
        host = parts.hostname or ""
        user = f"{parts.username}@" if parts.username else ""
        port = f":{parts.port}" if parts.port else ""
        parts = parts._replace(netloc=f"{user}{host}{port}")
    return urlunsplit(parts._replace(scheme="postgresql")), env


async def _run(args: list[str], env: dict[str, str]) -> None:
    process = await asyncio.create_subprocess_exec(
        *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    _, errors = await process.communicate()
    if process.returncode != 0:
        detail = errors.decode(errors="replace").strip().splitlines()
        raise BackupFailed(f"{Path(args[0]).name} failed: {detail[-1] if detail else 'no output'}")


@contextlib.asynccontextmanager
async def _snapshot(url: str) -> AsyncIterator[tuple[str, dict[str, int]]]:
    """A read-only snapshot held open: its id (for pg_dump) and its row counts."""
    connection = await asyncpg.connect(url)
    try:
        async with connection.transaction(isolation="repeatable_read", readonly=True):
            snapshot = await connection.fetchval("SELECT pg_export_snapshot()")
            yield snapshot, await _postgres_counts(connection)
    finally:
        await connection.close()


async def _postgres_counts(connection: asyncpg.Connection) -> dict[str, int]:
    names = [row["tablename"] for row in await connection.fetch(TABLES_POSTGRES)]
    return {
        name: await connection.fetchval(f'SELECT count(*) FROM "{name}"')  # noqa: S608 - names from pg_tables
        for name in sorted(names)
    }


async def postgres_dump(url: str, target: Path) -> dict[str, int]:
    pg_dump = _client_tool("pg_dump")
    address, env = _libpq(url)
    async with _snapshot(url) as (snapshot, counts):
        await _run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", f"--file={target}", f"--dbname={address}"],
            env,
        )  # fmt: skip
    return counts


async def postgres_restore(url: str, dump: Path) -> dict[str, int]:
    """Load ``dump`` into the (empty or to be overwritten) database at ``url``."""
    pg_restore = _client_tool("pg_restore")
    address, env = _libpq(url)
    await _run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={address}", str(dump)],
        env,
    )  # fmt: skip
    return await postgres_counts(url)


async def postgres_counts(url: str) -> dict[str, int]:
    connection = await asyncpg.connect(url)
    try:
        return await _postgres_counts(connection)
    finally:
        await connection.close()
