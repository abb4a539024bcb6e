"""A database too busy to take a write (SQLite's lock held past its busy timeout, a
PostgreSQL deadlock or serialization failure) answers 503 with Retry-After and a plain
Dutch sentence, never a 500 that reads like a bug."""

from __future__ import annotations

import sqlite3

import httpx
import pytest
from asyncpg.exceptions import DeadlockDetectedError, SerializationError
from litestar import Litestar, get, post
from litestar.exceptions import HTTPException

from meedoen.db import is_database_busy
from meedoen.web.errors import http_exception_handler, internal_error_handler
from meedoen.web.templating import template_config


def busy_app(database_file: str) -> Litestar:
    """Routes that write to a SQLite file another connection holds the write lock of."""

    def write() -> None:
        with sqlite3.connect(database_file, timeout=0.05) as connection:
            connection.execute("INSERT INTO t VALUES (1)")

    @post("/api/v1/schrijven")
    async def api_write() -> None:
        write()

    @post("/schrijven")
    async def page_write() -> None:
        write()

    @get("/kapot")
    async def broken() -> None:
        raise RuntimeError("a real bug")

    return Litestar(
        [api_write, page_write, broken],
        template_config=template_config(),
        exception_handlers={
            HTTPException: http_exception_handler,
            Exception: internal_error_handler,
        },
    )


@pytest.mark.engine_independent
async def test_a_locked_database_answers_503_with_retry_after(tmp_path):
    database_file = str(tmp_path / "busy.sqlite")
    holder = sqlite3.connect(database_file, isolation_level=None)
    holder.execute("CREATE TABLE t (n INTEGER)")
    holder.execute("BEGIN IMMEDIATE")  # another process writing, for longer than we wait
    try:
        transport = httpx.ASGITransport(app=busy_app(database_file))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            api = await client.post("/api/v1/schrijven")
            page = await client.post("/schrijven")
            bug = await client.get("/kapot")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    for answer in (api, page):
        assert answer.status_code == 503
        assert answer.headers["retry-after"] == "5"
    assert (
        api.json()["detail"] == "Het is nu heel druk. Probeer het over een paar seconden opnieuw."
    )
    assert "Het is nu heel druk" in page.text
    assert bug.status_code == 500, "only a busy database is a 503"


@pytest.mark.engine_independent
def test_what_counts_as_a_busy_database():
    assert is_database_busy(sqlite3.OperationalError("database is locked"))
    assert is_database_busy(DeadlockDetectedError("deadlock detected"))
    assert is_database_busy(SerializationError("could not serialize access"))
    assert not is_database_busy(sqlite3.OperationalError("no such table: t"))
    assert not is_database_busy(RuntimeError("database is locked"))
