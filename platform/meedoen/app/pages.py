"""Pages that belong to no domain: home, privacy, accessibility, language, health."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from meedoen import i18n
from meedoen.db import check_database
from meedoen.runtime import Runtime
from meedoen.web.middleware import LANGUAGE_COOKIE
from meedoen.web.redirects import safe_next
from meedoen.web.templating import render

ONE_YEAR = 365 * 24 * 3600


class PagesController(Controller):
    include_in_schema = False

    @get("/", name="home")
    async def home(self, request: Request[Any, Any, Any]) -> Template:
        return render(request, "pages/home.html")

    @get("/privacy", name="privacy")
    async def privacy(
        self, request: Request[Any, Any, Any], runtime: NamedDependency[Runtime]
    ) -> Template:
        from meedoen.retention.rules import RULES

        # How long data is kept follows the rules and the periods this server is set to.
        context = {"retention_rules": RULES, "retention_periods": runtime.settings.retention}
        return render(request, "pages/privacy.html", context)

    @get("/toegankelijkheid", name="accessibility")
    async def accessibility(self, request: Request[Any, Any, Any]) -> Template:
        return render(request, "pages/toegankelijkheid.html")

    @get("/taal/{language:str}", name="switch-language")
    async def switch_language(
        self, language: FromPath[str], next: FromQuery[str | None] = None
    ) -> Redirect:
        chosen = language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        response = Redirect(path=safe_next(next))
        response.set_cookie(
            LANGUAGE_COOKIE, chosen, max_age=ONE_YEAR, httponly=True, samesite="lax"
        )
        return response


@get("/health", name="health", include_in_schema=False, cache=False)
async def health(runtime: NamedDependency[Runtime]) -> Response[dict[str, Any]]:
    """State of the database and search; 503 when either is down, for load balancers."""
    database_problem = await check_database()
    search_problem = await runtime.search_problem()
    body = {
        "status": "ok" if not (database_problem or search_problem) else "degraded",
        "database": {
            "up": database_problem is None,
            "engine": runtime.settings.database_engine,
            **({"error": database_problem} if database_problem else {}),
        },
        "search": {
            "up": search_problem is None,
            **({"error": search_problem} if search_problem else {}),
        },
    }
    healthy = database_problem is None and search_problem is None
    return Response(body, status_code=HTTP_200_OK if healthy else HTTP_503_SERVICE_UNAVAILABLE)
