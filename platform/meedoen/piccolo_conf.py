"""Piccolo's configuration: the engine from DATABASE_URL and every domain's app."""

import sqlite3
from typing import Any

from piccolo.conf.apps import AppRegistry
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from meedoen.settings import load_settings, sqlite_path, validate_database_url
from meedoen.textfold import sql_translate


class SQLiteConnection(sqlite3.Connection):
    """An SQLite connection with the SQL functions PostgreSQL has and our queries use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.create_function("translate", 3, sql_translate, deterministic=True)


def engine_from_url(url: str) -> Engine:
    """Build (but do not connect) the Piccolo engine for a DATABASE_URL."""
    validate_database_url(url)
    if url.startswith("sqlite:///"):
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        # A generous busy timeout: the outbox worker and web requests write concurrently.
        return SQLiteEngine(path=str(path), timeout=30, factory=SQLiteConnection)
    return PostgresEngine(config={"dsn": url}, log_queries=False)


DB = engine_from_url(load_settings().database_url)

APP_REGISTRY = AppRegistry(
    apps=[
        "meedoen.organisations.piccolo_app",
        "meedoen.opportunities.piccolo_app",
        "meedoen.accounts.piccolo_app",
        "meedoen.residents.piccolo_app",
        "meedoen.indexing.piccolo_app",
        "meedoen.mail.piccolo_app",
        "meedoen.audit.piccolo_app",
        "meedoen.placements.piccolo_app",
        "meedoen.responses.piccolo_app",
        "meedoen.goals.piccolo_app",
        "meedoen.alerts.piccolo_app",
        "meedoen.scheduler.piccolo_app",
        "meedoen.notifications.piccolo_app",
        "meedoen.events.piccolo_app",
        "meedoen.view_budget.piccolo_app",
        "meedoen.traject.piccolo_app",
        "meedoen.schools.piccolo_app",
        "meedoen.insight.piccolo_app",
        "meedoen.talentscan.piccolo_app",
        "meedoen.programmes.piccolo_app",
    ]
)
