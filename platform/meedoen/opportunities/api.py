"""The public, read-only JSON API for opportunities: open data for the neighbourhood.

Strict where the search page is lenient: a value it cannot use is a 400 that says
which one and why, so programs learn about their mistakes instead of getting
silently different results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, QueryParameter

from meedoen.i18n import gettext
from meedoen.opportunities import service
from meedoen.opportunities.labels import facet_label
from meedoen.opportunities.params import api_search
from meedoen.search.gateway import SearchGateway
from meedoen.search.query import (
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    SearchResults,
    SortOrder,
    last_page,
)
from meedoen.settings import Settings
from meedoen.vocabulary import (
    Audience,
    EducationLevel,
    HoursBand,
    Kind,
    LearningRoute,
    OrganisationType,
    Sector,
    Wijk,
)
from meedoen.web.errors import ApiError, UserFacingHTTPException


class OrganisationSummary(msgspec.Struct):
    ref: str
    name: str


class OpportunityItem(msgspec.Struct):
    """One opportunity in a list."""

    ref: str
    title: str
    kind: str
    organisation: OrganisationSummary
    wijk: str
    sector: str
    hours_per_week_min: int
    hours_per_week_max: int
    paid: bool
    start: dt.date | None
    url: str
    status: str


class FacetCount(msgspec.Struct):
    value: str
    label: str
    count: int
    selected: bool


class OpportunityPage(msgspec.Struct):
    """One page of search results, with the number of results per filter value."""

    items: list[OpportunityItem]
    total: Annotated[
        int,
        msgspec.Meta(
            description="How many kansen match: the exact number, also above 1,000 "
            "(the search engine pages through the first 1,000 only; see `pages`)."
        ),
    ]
    page: int
    per_page: int
    pages: Annotated[
        int,
        msgspec.Meta(
            description="How many pages there are to ask for: at most 1,000 results "
            "are paged through, so `pages × per_page` may be less than `total`."
        ),
    ]
    facets: dict[str, list[FacetCount]]
    degraded: bool = False


class OpportunityDetail(msgspec.Struct):
    """Everything public about one opportunity."""

    ref: str
    title: str
    kind: str
    organisation: OrganisationSummary
    wijk: str
    postcode: str
    sector: str
    description: str
    what_you_learn: str
    guidance: str
    skills: list[str]
    suitable_for: list[str]
    language_level: str
    hours_per_week_min: int
    hours_per_week_max: int
    paid: bool
    allowance: str
    min_age: int | None
    start: dt.date | None
    end: dt.date | None
    url: str
    status: str
    # A stage's facts (empty for other kinds); stage_allowance in euros a month, 0 "geen".
    education_levels: list[str] = []
    learning_routes: list[str] = []
    duration_weeks: int | None = None
    stage_allowance: int | None = None
    study_programme: str = ""
    crebo: str = ""
    recognised_company: bool = False


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _item(document: Mapping[str, Any], base_url: str) -> OpportunityItem:
    return OpportunityItem(
        ref=str(document["ref"]),
        title=str(document.get("title") or ""),
        kind=str(document.get("kind") or ""),
        organisation=OrganisationSummary(
            ref=str(document.get("organisation_ref") or ""),
            name=str(document.get("organisation_name") or ""),
        ),
        wijk=str(document.get("wijk") or ""),
        sector=str(document.get("sector") or ""),
        hours_per_week_min=int(document.get("hours_per_week_min") or 0),
        hours_per_week_max=int(document.get("hours_per_week_max") or 0),
        paid=bool(document.get("paid")),
        start=_date(document.get("start")),
        url=f"{base_url}/kansen/{document['ref']}",
        status=str(document.get("status") or "open"),
    )


def opportunity_page(results: SearchResults, degraded: bool, base_url: str) -> OpportunityPage:
    return OpportunityPage(
        items=[_item(hit.document, base_url) for hit in results.items],
        total=results.total_hits,
        page=results.page,
        per_page=results.per_page,
        pages=results.total_pages,
        facets={
            facet: [
                FacetCount(v.value, facet_label(facet, v.value), v.count, v.selected)
                for v in values
            ]
            for facet, values in results.facets.items()
        },
        degraded=degraded,
    )


def opportunity_detail(item: service.PublicOpportunity, base_url: str) -> OpportunityDetail:
    o, org = item.opportunity, item.organisation
    return OpportunityDetail(
        ref=o["ref"],
        title=o["title"],
        kind=o["kind"],
        organisation=OrganisationSummary(ref=org["ref"], name=org["name"]),
        wijk=o["wijk"],
        postcode=o["postcode"],
        sector=o["sector"],
        description=o["description"],
        what_you_learn=o["what_you_learn"],
        guidance=o["guidance"],
        skills=list(o["skills"] or []),
        suitable_for=list(o["suitable_for"] or []),
        language_level=o["language_level"],
        hours_per_week_min=o["hours_per_week_min"],
        hours_per_week_max=o["hours_per_week_max"],
        paid=bool(o["paid"]),
        allowance=o["allowance"],
        min_age=o["min_age"],
        start=_date(o["start_date"]),
        end=_date(o["end_date"]),
        url=f"{base_url}/kansen/{o['ref']}",
        status="gesloten" if item.is_closed else "open",
        education_levels=list(o.get("education_levels") or []),
        learning_routes=list(o.get("learning_routes") or []),
        duration_weeks=o.get("duration_weeks"),
        stage_allowance=o.get("stage_allowance"),
        study_programme=o.get("study_programme") or "",
        crebo=o.get("crebo") or "",
        recognised_company=bool(org.get("leerbedrijf_confirmed_at")),
    )


ERRORS = {
    400: ResponseSpec(ApiError, description="A parameter has a value that cannot be used."),
}
FILTER_HELP = "Repeat the parameter for more values (OR within a filter, AND between filters)."


class OpportunityApi(Controller):
    path = "/api/v1/opportunities"
    tags = ["Opportunities"]

    @get(
        "/",
        name="api:opportunities",
        summary="Search open opportunities",
        description="Open postings of verified organisations. `degraded` is true when the "
        "full-text search is unavailable and a simpler database search answered.",
        responses=ERRORS,
        cache=False,
    )
    async def search(
        self,
        search: NamedDependency[SearchGateway],
        settings: NamedDependency[Settings],
        q: Annotated[str, QueryParameter(description="Words to search for.")] = "",
        kind: Annotated[list[Kind] | None, QueryParameter(description=FILTER_HELP)] = None,
        wijk: Annotated[list[Wijk] | None, QueryParameter(description=FILTER_HELP)] = None,
        sector: Annotated[list[Sector] | None, QueryParameter(description=FILTER_HELP)] = None,
        hours: Annotated[
            list[HoursBand] | None, QueryParameter(description="Hours per week. " + FILTER_HELP)
        ] = None,
        suitable_for: Annotated[
            list[Audience] | None, QueryParameter(description=FILTER_HELP)
        ] = None,
        organisation_type: Annotated[
            list[OrganisationType] | None, QueryParameter(description=FILTER_HELP)
        ] = None,
        paid: Annotated[
            bool | None, QueryParameter(description="Only paid or only unpaid.")
        ] = None,
        level: Annotated[
            list[EducationLevel] | None,
            QueryParameter(description="Stages for this level of education. " + FILTER_HELP),
        ] = None,
        route: Annotated[
            list[LearningRoute] | None,
            QueryParameter(description="Stages on this mbo learning route. " + FILTER_HELP),
        ] = None,
        leerbedrijf: Annotated[
            list[Literal["erkend"]] | None,
            QueryParameter(description="Only stages at a confirmed erkend leerbedrijf."),
        ] = None,
        stagevergoeding: Annotated[
            list[Literal["met", "geen"]] | None,
            QueryParameter(description="Stages with or without a stagevergoeding. " + FILTER_HELP),
        ] = None,
        sort: Annotated[
            SortOrder, QueryParameter(description="Order of the results.")
        ] = "relevance",
        # The one cap: no page size serves a page past this (the last at one per page).
        page: Annotated[int, QueryParameter(ge=1, le=last_page(1))] = 1,
        per_page: Annotated[int, QueryParameter(ge=1, le=MAX_PER_PAGE)] = DEFAULT_PER_PAGE,
    ) -> OpportunityPage:
        wanted = api_search(
            q=q,
            facets={
                "kind": kind,
                "wijk": wijk,
                "sector": sector,
                "hours": hours,
                "suitable_for": suitable_for,
                "organisation_type": organisation_type,
                "level": level,
                "route": route,
                "leerbedrijf": leerbedrijf,
                "stagevergoeding": stagevergoeding,
            },
            paid=paid,
            sort=sort,
            page=page,
            per_page=per_page,
        )
        findings = await service.find_opportunities(search, wanted)
        return opportunity_page(findings.results, findings.degraded, settings.base_url)

    @get(
        "/{ref:str}",
        name="api:opportunity",
        summary="One opportunity",
        description="Open and closed postings are public; others are 404.",
        responses={404: ResponseSpec(ApiError, description="No public opportunity has this ref.")},
        cache=False,
    )
    async def detail(
        self, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> OpportunityDetail:
        item = await service.public_opportunity(ref)
        if item is None:
            raise UserFacingHTTPException(
                status_code=404, detail=gettext("Er is geen openbare kans met deze code.")
            )
        return opportunity_detail(item, settings.base_url)
