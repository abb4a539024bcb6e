"""Routes of the insight view: administrators and schools' talentcoördinatoren, who see
the same aggregates (never a person)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromPath
from litestar.response import Template

from meedoen.accounts.policies import current_user
from meedoen.goals import exports
from meedoen.goals.filters import parse_filters
from meedoen.goals.service import today
from meedoen.i18n import gettext
from meedoen.insight import service
from meedoen.offload import in_thread
from meedoen.schools.service import is_talent_coordinator
from meedoen.vocabulary import WIJKEN
from meedoen.web.downloads import download
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.templating import render

Req = Request[Any, Any, Any]


async def admin_or_talent_coordinator(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    user = current_user(connection)
    if user is None:
        raise NotAuthorizedException()
    if not (user.is_admin or (user.role == "organisation" and await is_talent_coordinator(user))):
        raise PermissionDeniedException()


class InsightPages(Controller):
    """Young talent in West and unmet demand, for the district's administrators."""

    path = "/beheer/inzicht"
    guards = [admin_or_talent_coordinator]
    include_in_schema = False

    @get("/", name="insight:page", cache=False)
    async def page(self, request: Req) -> Template:
        filters = parse_filters(request.query_params, today())
        insight = await service.insight_for(filters)
        return render(
            request,
            "insight/page.html",
            {
                "insight": insight,
                "filters": filters,
                "tables": insight.tables,
                "query": urlencode(filters.query()),
                "wijk_options": [(w, w) for w in WIJKEN],
            },
            fragment="insight/_figures.html",
        )

    @get("/export/{table_file:str}", name="insight:export", cache=False)
    async def export(self, request: Req, table_file: FromPath[str]) -> Response[bytes]:
        key, _, extension = table_file.rpartition(".")
        filters = parse_filters(request.query_params, today())
        table = await service.table_for(filters, key)
        if table is None or extension != "csv":
            raise UserFacingHTTPException(
                status_code=404,
                detail=gettext("Deze download bestaat niet. Ga terug naar Inzicht."),
            )
        body = await in_thread(exports.table_csv, table)
        name = f"meedoen-west-{key}-{filters.van}-{filters.tot}.csv"
        return download(body, exports.CSV_TYPE, name)


route_handlers: list[Any] = [InsightPages]
