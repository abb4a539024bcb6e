"""Piccolo's configuration: the engine from DATABASE_URL and every domain's app."""

from piccolo.conf.apps import AppRegistry

from meedoen.db import engine_from_url
from meedoen.settings import load_settings

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
    ]
)
