"""The Litestar application factory: one place where the app is assembled."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Litestar, Request, Router
from litestar.config.csrf import CSRFConfig
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.htmx import HTMXPlugin

from meedoen import __version__
from meedoen.accounts.csrf import API_PREFIX, csrf_cookie_name, session_bound_csrf
from meedoen.accounts.sessions import session_middleware_for
from meedoen.app.extensions import register_extensions
from meedoen.app.pages import PagesController, health, ready
from meedoen.app.wiring import domain_dependencies
from meedoen.notifications.middleware import unread_count_middleware
from meedoen.runtime import Runtime
from meedoen.search.gateway import SearchBusy, SearchGateway
from meedoen.settings import Settings, load_settings
from meedoen.web.compression import compression_config
from meedoen.web.errors import (
    http_exception_handler,
    internal_error_handler,
    search_busy_handler,
)
from meedoen.web.flash import flash_middleware
from meedoen.web.form_data import CleanInputRequest
from meedoen.web.middleware import language_middleware, security_headers_middleware
from meedoen.web.static_files import STATIC_PREFIX, static_files_router
from meedoen.web.templating import template_config

log = logging.getLogger(__name__)


def domain_routers() -> list[Any]:
    """Every domain's routes; each domain exposes ``route_handlers`` in its routes module."""
    from meedoen.accounts import routes as account_routes
    from meedoen.admin import routes as admin_routes
    from meedoen.alerts import routes as alert_routes
    from meedoen.coaching import routes as coaching_routes
    from meedoen.events import routes as event_routes
    from meedoen.goals import routes as goal_routes
    from meedoen.insight import routes as insight_routes
    from meedoen.matching import routes as matching_routes
    from meedoen.notifications import routes as notification_routes
    from meedoen.opportunities import routes as opportunity_routes
    from meedoen.organisations import routes as organisation_routes
    from meedoen.privacy import routes as privacy_routes
    from meedoen.programmes import routes as programme_routes
    from meedoen.residents import routes as resident_routes
    from meedoen.responses import routes_guardian as guardian_routes
    from meedoen.responses import routes_organisation as response_inbox_routes
    from meedoen.responses import routes_resident as resident_response_routes
    from meedoen.retention import routes as retention_routes
    from meedoen.schools import routes as school_routes
    from meedoen.talentscan import routes as talentscan_routes
    from meedoen.traject import routes as traject_routes

    return [
        *account_routes.route_handlers,
        *opportunity_routes.route_handlers,
        *goal_routes.route_handlers,
        *insight_routes.route_handlers,
        *coaching_routes.route_handlers,
        *organisation_routes.route_handlers,
        *response_inbox_routes.route_handlers,
        *admin_routes.route_handlers,
        *resident_routes.route_handlers,
        *talentscan_routes.route_handlers,
        *privacy_routes.route_handlers,
        *resident_response_routes.route_handlers,
        guardian_routes.GuardianPages,
        *alert_routes.route_handlers,
        *matching_routes.route_handlers,
        *notification_routes.route_handlers,
        *retention_routes.route_handlers,
        *event_routes.route_handlers,
        *traject_routes.route_handlers,
        *school_routes.route_handlers,
        *programme_routes.route_handlers,
    ]


async def load_page_extras(request: Request[Any, Any, Any]) -> None:
    """Put what other domains add to a page on ``request.state`` before it renders: the
    next meetings on the home page, /kansen, organisation pages and kansen."""
    from meedoen.events.page_extras import upcoming_for_path

    if request.method != "GET" or request.headers.get("hx-request") == "true":
        return
    try:
        request.state.upcoming_meetings = await upcoming_for_path(request.url.path)
    except Exception as error:  # the page itself must still work
        log.warning("upcoming meetings: %s: %s", type(error).__name__, error)
        request.state.upcoming_meetings = None


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> Litestar:
    settings = settings or load_settings()
    register_extensions(settings)
    # Whoever passes a runtime in (the tests) starts and stops it; otherwise the app does.
    owns_runtime = runtime is None
    if runtime is None:
        from meedoen.app.background import in_process_services
        from meedoen.indexing import outbox

        runtime = Runtime(settings, background=in_process_services(settings), backlog=outbox)

    def provide_runtime() -> Runtime:
        return runtime

    def provide_settings() -> Settings:
        return runtime.settings

    def provide_search() -> SearchGateway:
        return runtime.search_gateway()

    csrf = CSRFConfig(
        secret=settings.secret_key,
        cookie_name=csrf_cookie_name(settings.is_production),
        header_name="x-csrf-token",
        cookie_secure=settings.is_production,
        cookie_httponly=True,
        cookie_samesite="lax",
        # The public JSON API is read-only; CSRF guards state-changing browser requests.
        # Static files get no cookie, so caches may share them. Path *prefixes*: Litestar
        # searches the pattern anywhere in the path.
        exclude=[f"^{API_PREFIX}", f"^{STATIC_PREFIX}"],
    )
    return Litestar(
        route_handlers=[
            PagesController,
            health,
            ready,
            *domain_routers(),
            static_files_router(),
        ],
        dependencies={
            "runtime": Provide(provide_runtime, use_cache=True, sync_to_thread=False),
            "settings": Provide(provide_settings, use_cache=True, sync_to_thread=False),
            # Per request: tests swap the runtime's readiness, the gateway follows it.
            "search": Provide(provide_search, sync_to_thread=False),
            **domain_dependencies(),
        },
        middleware=[
            security_headers_middleware(settings.is_production),
            language_middleware,
            flash_middleware(settings.secret_key, settings.is_production),
            session_middleware_for(settings.is_production),
            session_bound_csrf(settings.secret_key, settings.is_production),
            unread_count_middleware,
        ],
        csrf_config=csrf,
        compression_config=compression_config(),
        # Forms and query parameters come through it without control characters.
        request_class=CleanInputRequest,
        before_request=load_page_extras,
        template_config=template_config(),
        plugins=[HTMXPlugin()],
        exception_handlers={
            HTTPException: http_exception_handler,
            SearchBusy: search_busy_handler,
            Exception: internal_error_handler,
        },
        on_startup=[runtime.startup] if owns_runtime else [],
        on_shutdown=[runtime.shutdown] if owns_runtime else [],
        openapi_config=OpenAPIConfig(
            title="Meedoen West API",
            version=__version__,
            description="Open data about volunteering, stages, leerwerkplekken, dagbesteding "
            "and jobs in Enschede West.",
            # Only the JSON schema: the HTML viewers load scripts from CDNs, which the
            # Content-Security-Policy (rightly) forbids.
            path="/api/schema",
            render_plugins=[JsonRenderPlugin(path="/openapi.json")],
        ),
        debug=False,
    )


def asgi_app() -> Litestar:
    """Entry point for ASGI servers: ``uvicorn --factory meedoen.app.factory:asgi_app``."""
    return create_app()


__all__ = ["Router", "create_app"]
