"""Pages that belong to no domain: home, privacy, accessibility, language, health."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from meedoen import i18n
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
async def health() -> Response[dict[str, Any]]:
    """Liveness: this process answers. No database or search call, so a busy or absent
    dependency never makes a supervisor restart a healthy process (see /health/ready)."""
    return Response({"status": "alive"}, status_code=HTTP_200_OK)


@get("/health/ready", name="health-ready", include_in_schema=False, cache=False)
async def ready(runtime: NamedDependency[Runtime]) -> Response[dict[str, Any]]:
    """Readiness: 200 only when the database is migrated, the search index exists with
    today's settings and the changes waiting at start-up are in it; else 503 with why."""
    problems = await runtime.readiness_problems()
    body: dict[str, Any] = {
        "status": "ready" if not problems else "not ready",
        "engine": runtime.settings.database_engine,
        **({"problems": problems} if problems else {}),
    }
    return Response(body, status_code=HTTP_503_SERVICE_UNAVAILABLE if problems else HTTP_200_OK)
