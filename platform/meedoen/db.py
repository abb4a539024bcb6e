"""Database engines for SQLite (embedded default) and PostgreSQL (production)."""

from __future__ import annotations

import asyncio
import contextlib
import io
from typing import Any
from urllib.parse import urlsplit

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.table import Table

from meedoen.settings import ConfigurationError


def current_engine() -> Engine:
    # Imported on first use: piccolo_conf reads DATABASE_URL once, when it is imported.
    from meedoen import piccolo_conf

    return piccolo_conf.DB


def write_transaction() -> Any:
    """A transaction for work that reads and then writes.

    On SQLite it begins IMMEDIATE, taking the write lock up front: a deferred
    transaction that read first fails at once with "database is locked" when another
    writer (the outbox worker, the mail sender) committed in between, instead of
    waiting for the busy timeout. PostgreSQL needs nothing special.
    """
    engine = current_engine()
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


async def lock_row(table: type[Table], row_id: int) -> None:
    """Inside a :func:`write_transaction`: hold the row until the transaction ends.

    For rules that read and then write ("at most 20", "one active coach"): two requests
    that lock the same row take turns, so the second reads what the first wrote. SQLite
    needs nothing more: its write transaction began IMMEDIATE, holding the database's
    single write lock. On PostgreSQL, ``SELECT … FOR UPDATE`` locks the row.
    """
    if isinstance(current_engine(), SQLiteEngine):
        return
    name = table._meta.tablename
    await table.raw(f'SELECT 1 FROM "{name}" WHERE id = {{}} FOR UPDATE', row_id).run()  # noqa: S608 - the name is our own table's


def is_unique_violation(error: BaseException) -> bool:
    """True when the database refused a row because a unique index already has its key."""
    import sqlite3

    from asyncpg.exceptions import UniqueViolationError

    if isinstance(error, UniqueViolationError):
        return True
    return isinstance(error, sqlite3.IntegrityError) and "UNIQUE" in str(error)


def is_database_busy(error: BaseException) -> bool:
    """True when the database could not take the work now but may in a moment: SQLite's
    write lock still held after the busy timeout, or a PostgreSQL deadlock, serialization
    failure or full connection slots. Worth a retry, not a bug report."""
    import sqlite3

    from asyncpg.exceptions import (
        DeadlockDetectedError,
        SerializationError,
        TooManyConnectionsError,
    )

    if isinstance(error, DeadlockDetectedError | SerializationError | TooManyConnectionsError):
        return True
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


async def check_database(within_seconds: float = 3.0) -> str | None:
    """Return None when the database answers, else a short description of the problem."""
    try:
        async with asyncio.timeout(within_seconds):
            await current_engine().run_ddl("SELECT 1")
    except Exception as error:
        return describe_database_error(error)
    return None


def describe_database_error(error: BaseException) -> str:
    name = type(error).__name__
    if isinstance(error, TimeoutError):
        return "no answer within a few seconds"
    message = str(error).strip().splitlines()[0] if str(error).strip() else name
    return f"{name}: {message}"


async def migrate() -> None:
    """Apply every pending migration of every app, in dependency order."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    engine = current_engine()
    if isinstance(engine, SQLiteEngine):
        # WAL lets readers continue while the worker writes.
        await engine.run_ddl("PRAGMA journal_mode=WAL")
    # Piccolo prints progress per migration; the CLI shows its own summary instead.
    with contextlib.redirect_stdout(io.StringIO()):
        result = await run_forwards(app_name="all")
    if not result.success:
        raise ConfigurationError(f"Migrations failed: {result.message}")


async def pending_migrations() -> int:
    """How many migrations of our apps have not been applied to this database yet."""
    from piccolo.apps.migrations.commands.check import CheckMigrationManager

    with contextlib.redirect_stdout(io.StringIO()):
        return int(await CheckMigrationManager(app_name="all").havent_ran_count())


async def start_pool() -> None:
    engine = current_engine()
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=10)


async def close_pool() -> None:
    engine = current_engine()
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()


def database_label(url: str) -> str:
    """The URL without its password, safe to print."""
    if url.startswith("sqlite:///"):
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"
