"""Routes of the opportunities domain: the search page, the detail page and the JSON API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from meedoen.i18n import gettext
from meedoen.opportunities import service
from meedoen.opportunities.api import OpportunityApi
from meedoen.opportunities.jsonld import job_posting
from meedoen.opportunities.params import parse_search
from meedoen.opportunities.presenters import detail_context, search_context
from meedoen.opportunities.travel import TravelFor
from meedoen.search import demand
from meedoen.search.gateway import SearchGateway
from meedoen.settings import Settings
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.templating import render


def query_lists(request: Request[Any, Any, Any]) -> dict[str, list[str]]:
    """Every query parameter with all its values (facets may repeat)."""
    params = request.query_params
    return {name: params.getall(name) for name in params}


class OpportunityPages(Controller):
    path = "/kansen"
    include_in_schema = False

    @get("/", name="opportunities:search", cache=False)
    async def search(
        self,
        request: Request[Any, Any, Any],
        search: NamedDependency[SearchGateway],
        travel_for: NamedDependency[TravelFor],
    ) -> Template:
        parsed = parse_search(query_lists(request))
        findings = await service.find_on_existing_page(search, parsed.search)
        # What the resident got (also from the database when search is slow or down),
        # anonymously and in memory only: see meedoen.search.demand.
        demand.TALLY.note(parsed.search, findings.results.total_hits, dt.date.today())
        return render(
            request,
            "opportunities/search.html",
            search_context(parsed, findings, await travel_for(request)),
            fragment="opportunities/_results.html",
        )

    @get("/{ref:str}", name="opportunities:detail", cache=False)
    async def detail(
        self,
        request: Request[Any, Any, Any],
        search: NamedDependency[SearchGateway],
        settings: NamedDependency[Settings],
        travel_for: NamedDependency[TravelFor],
        ref: FromPath[str],
    ) -> Template:
        item = await service.public_opportunity(ref)
        if item is None:
            raise UserFacingHTTPException(
                status_code=404,
                detail=gettext(
                    "Deze kans bestaat niet, of is niet meer te zien. Zoek een andere kans."
                ),
            )
        similar = await service.similar_to(search, item)
        base_url = settings.base_url
        posting = None if item.is_closed else job_posting(item, base_url)
        return render(
            request,
            "opportunities/detail.html",
            detail_context(item, similar, posting, base_url, await travel_for(request)),
        )


route_handlers: list[Any] = [OpportunityPages, OpportunityApi]
