"""The public, read-only JSON API for meetings (open data, in the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, QueryParameter

from meedoen.events.choices import MeetingKind
from meedoen.events.meetings import public_meeting
from meedoen.events.search import api_meeting_search, find_meetings
from meedoen.i18n import gettext
from meedoen.search.gateway import SearchGateway
from meedoen.settings import Settings
from meedoen.vocabulary import Audience, Wijk
from meedoen.web.errors import ApiError, UserFacingHTTPException


class OrganiserSummary(msgspec.Struct):
    ref: str
    name: str


class SlotItem(msgspec.Struct):
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int | None
    places_left: int | None


class MeetingItem(msgspec.Struct):
    """One meeting in a list."""

    ref: str
    title: str
    kind: str
    organiser: OrganiserSummary
    wijk: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    url: str
    ics: str


class MeetingPage(msgspec.Struct):
    items: list[MeetingItem]
    total: int
    page: int
    per_page: int
    degraded: bool


class MeetingDetail(msgspec.Struct):
    """A meeting with its place, accessibility, languages, cost and time slots."""

    ref: str
    title: str
    kind: str
    description: str
    status: str
    organiser: OrganiserSummary
    place_name: str
    address: str
    postcode: str
    wijk: str
    directions: str
    accessibility: list[str]
    languages: list[str]
    cost_cents: int
    suitable_for: list[str]
    open_entry: bool
    groups_welcome: bool
    has_stands: bool
    slots: list[SlotItem]
    url: str
    ics: str


class MeetingApi(Controller):
    path = "/api/v1/meetings"
    tags = ["meetings"]

    @get("/", summary="Search public meetings", cache=60)
    async def list_meetings(
        self,
        search: NamedDependency[SearchGateway],
        settings: NamedDependency[Settings],
        q: Annotated[
            str | None, QueryParameter(description="Words to search for", max_length=200)
        ] = None,
        kind: Annotated[
            list[MeetingKind] | None, QueryParameter(description="Kinds of meeting")
        ] = None,
        wijk: Annotated[list[Wijk] | None, QueryParameter(description="Wijken")] = None,
        suitable_for: Annotated[
            list[Audience] | None, QueryParameter(description="Who it suits")
        ] = None,
        van: Annotated[
            dt.date | None, QueryParameter(description="From this day (default today)")
        ] = None,
        tot: Annotated[dt.date | None, QueryParameter(description="Until this day")] = None,
        page: Annotated[int, QueryParameter(ge=1, le=50)] = 1,
    ) -> MeetingPage:
        wanted = api_meeting_search(
            q=q, kind=kind, wijk=wijk, suitable_for=suitable_for, start=van, end=tot, page=page
        )
        results = await find_meetings(search, wanted)
        base = settings.base_url
        return MeetingPage(
            items=[
                MeetingItem(
                    ref=item["ref"],
                    title=item["title"],
                    kind=item["kind"],
                    organiser=OrganiserSummary(item["organiser_ref"], item["organiser_name"]),
                    wijk=item["wijk"],
                    starts_at=item["starts_at"],
                    ends_at=item["ends_at"],
                    url=f"{base}/activiteiten/{item['ref']}",
                    ics=f"{base}/activiteiten/{item['ref']}/agenda.ics",
                )
                for item in results.items
            ],
            total=results.total,
            page=results.page,
            per_page=results.per_page,
            degraded=results.degraded,
        )

    @get(
        "/{ref:str}",
        summary="One public meeting",
        responses={404: ResponseSpec(ApiError, description="No public meeting has this ref.")},
        cache=60,
    )
    async def meeting(
        self, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> MeetingDetail:
        view = await public_meeting(ref)
        if view is None:
            raise UserFacingHTTPException(
                status_code=404, detail=gettext("Deze activiteit bestaat niet.")
            )
        m, base = view.meeting, settings.base_url
        return MeetingDetail(
            ref=view.ref,
            title=m["title"],
            kind=m["kind"],
            description=m["description"],
            status=m["status"],
            organiser=OrganiserSummary(view.organiser["ref"], view.organiser["name"]),
            place_name=m["place_name"],
            address=m["address"],
            postcode=m["postcode"],
            wijk=m["wijk"],
            directions=m["directions"],
            accessibility=list(m["accessibility"]),
            languages=list(m["languages"]),
            cost_cents=m["cost_cents"],
            suitable_for=list(m["suitable_for"]),
            open_entry=m["open_entry"],
            groups_welcome=m["groups_welcome"],
            has_stands=m["has_stands"],
            slots=[
                SlotItem(s["starts_at"], s["ends_at"], s["capacity"], s["free"]) for s in view.slots
            ],
            url=f"{base}/activiteiten/{view.ref}",
            ics=f"{base}/activiteiten/{view.ref}/agenda.ics",
        )
