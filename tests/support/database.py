"""Pytest plugin: a fresh database per test session, on SQLite or PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
TEST_PASSWORD_HASHING = {
    "ARGON2_TIME_COST": "1",
    "ARGON2_MEMORY_KIB": "1024",
    "ARGON2_PARALLELISM": "1",
}
_created_postgres_database: dict[str, str] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="database engine for this run",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Before anything imports meedoen.piccolo_conf, which reads DATABASE_URL once.
    configure_test_environment(config)


def configure_test_environment(config: pytest.Config) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="meedoen-test-"))
    os.environ["MEEDOEN_ENV"] = "test"
    os.environ["MEEDOEN_DATA_DIR"] = str(data_dir)
    os.environ["SECRET_KEY"] = "test-secret-" + uuid.uuid4().hex
    os.environ["MEILI_INDEX_PREFIX"] = f"t{uuid.uuid4().hex[:8]}_"
    os.environ.pop("MEILI_URL", None)
    os.environ.pop("SMTP_URL", None)
    # The suite makes and signs in thousands of accounts: Argon2id at a cheap cost for
    # them (the same code; every hash records its cost). The live server, where the
    # burst test and the browser journeys sign in, keeps production's cost.
    os.environ.update(TEST_PASSWORD_HASHING)
    if config.getoption("--db") == "postgres":
        os.environ["DATABASE_URL"] = _create_postgres_database()
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'test.sqlite'}"


def server_url() -> str:
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL


def _create_postgres_database() -> str:
    name = f"meedoen_test_{uuid.uuid4().hex[:12]}"
    run_on_server(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server_url())
    url = urlunsplit(parts._replace(path=f"/{name}"))
    _created_postgres_database["name"] = name
    return url


def pytest_unconfigure(config: pytest.Config) -> None:
    name = _created_postgres_database.pop("name", None)
    if not name:
        return
    run_on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_on_server(sql: str) -> None:
    """Run one statement on the PostgreSQL server's maintenance database."""
    import asyncpg

    async def execute() -> None:
        connection = await asyncpg.connect(server_url())
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(execute())


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[str]:
    """The migrated test database; yields its engine name ('sqlite' or 'postgres')."""
    from meedoen.db import close_pool, migrate, start_pool
    from meedoen.settings import load_settings

    await migrate()
    await start_pool()
    yield load_settings().database_engine
    await close_pool()


async def empty_all_tables() -> None:
    from piccolo.conf.apps import Finder

    from meedoen.goals.aggregates import FACT_TABLES
    from meedoen.goals.facts import fetch

    tables = Finder().get_table_classes()
    # Children before parents, so foreign keys never object.
    for table in reversed(_dependency_order(tables)):
        await table.delete(force=True).run()
    # The dashboard's kept facts are not Piccolo tables: the triggers took the deleted
    # rows' counts out, but the periods counted so far (and rows at zero) stay unless
    # emptied too, and a test that starts empty must not see them.
    for name in FACT_TABLES:
        await fetch(f"DELETE FROM {name}", [])


def _dependency_order(tables: list) -> list:  # type: ignore[type-arg]
    ordered: list = []  # type: ignore[type-arg]
    remaining = list(tables)
    while remaining:
        for table in list(remaining):
            parents = {
                fk._foreign_key_meta.resolved_references for fk in table._meta.foreign_key_columns
            }
            if all(parent in ordered or parent is table for parent in parents):
                ordered.append(table)
                remaining.remove(table)
    return ordered


@pytest.fixture
async def clean_database(database: str, meili) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """An empty database for a test that needs to know exactly what is in it.

    The search indexes are emptied with it: documents of postings that are gone would
    otherwise be found by later tests (and a detail page behind them answers 404)."""
    from support.meili import empty_session_indexes

    await empty_all_tables()
    await empty_session_indexes(meili)
    yield database


@pytest.fixture
async def corpus(database: str) -> str:
    """The demo corpus imported (idempotent: cheap when it is already there)."""
    from meedoen.demo.corpus_import import import_corpus
    from meedoen.demo.seed import DEMO_CORPUS_DIR

    await import_corpus(DEMO_CORPUS_DIR)
    return database


# Tests that never touch the database engine (pure functions, search relevance, the
# deployment files, HTML/a11y checks of rendered pages, `meedoen serve` on its own
# SQLite, the CLI's errors before it reaches a database): the PostgreSQL run skips them,
# since running them twice proves nothing more.
ENGINE_INDEPENDENT = (
    "tests/matching/test_engine.py",
    "tests/matching/test_matching_quality.py",
    "tests/search/",
    "tests/foundation/test_serve.py",
    "tests/foundation/test_web_workers.py",
    "tests/foundation/test_cli_errors.py",
    "tests/foundation/test_deployment.py",
    "tests/foundation/test_translations.py",
    "tests/quality/",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(str(config.rootpath))
    for item in items:
        relative = Path(str(item.fspath)).relative_to(root).as_posix()
        if relative.startswith(ENGINE_INDEPENDENT):
            item.add_marker(pytest.mark.engine_independent)
