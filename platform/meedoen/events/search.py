"""The meetings index: documents built from the database, its settings, and finding
meetings for /activiteiten — in Meilisearch, or in the database when search is down.

Changes reach the index through the transactional outbox (entity ``meeting``), applied
by the search indexer like every other change. Only public meetings are in the index;
a meeting that stops being public (or is deleted) is removed at its next change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.errors import MeilisearchApiError

from meedoen.events.choices import KIND_LABELS, MEETING_KINDS
from meedoen.events.meetings import LOCAL, MEETING_ENTITY, public_meetings_between, utcnow
from meedoen.events.stands import stands_of
from meedoen.events.tables import Meeting
from meedoen.search.gateway import SearchGateway
from meedoen.search.index_definitions import (
    apply_if_changed,
    expand_synonym_groups,
    index_settings,
    stop_words,
    synonym_groups,
)
from meedoen.search.query import query_words
from meedoen.vocabulary import SUITABLE_FOR, WIJKEN

INDEX = "meetings"
MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 20
TASK_TIMEOUT_MS = 120_000


def meetings_index_for(opportunities_uid: str, opportunities_base: str = "opportunities") -> str:
    """The meetings index beside an opportunities index (same prefix)."""
    prefix = (
        opportunities_uid[: -len(opportunities_base)]
        if opportunities_uid.endswith(opportunities_base)
        else ""
    )
    return f"{prefix}{INDEX}"


def settings() -> dict[str, Any]:
    wanted = index_settings(INDEX)
    wanted["synonyms"] = expand_synonym_groups(synonym_groups())
    wanted["stopWords"] = list(stop_words())
    return wanted


def _ts(moment: dt.datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


async def meeting_documents(refs: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Documents for the public meetings among ``refs`` (all public ones when None)."""
    query = Meeting.select(
        *Meeting.all_columns(),
        Meeting.organiser.name.as_alias("organiser_name"),
        Meeting.organiser.ref.as_alias("organiser_ref"),
        Meeting.organiser.verified.as_alias("organiser_verified"),
        Meeting.organiser.blocked.as_alias("organiser_blocked"),
    ).where(Meeting.status == "gepubliceerd")
    if refs is not None:
        query = query.where(Meeting.ref.is_in(list(refs)))
    documents = []
    for row in await query.run():
        if not row["organiser_verified"] or row["organiser_blocked"]:
            continue
        stands = await stands_of(row["id"]) if row["has_stands"] else []
        documents.append(
            {
                "ref": row["ref"],
                "title": row["title"],
                "kind": row["kind"],
                "kind_label": KIND_LABELS.get(row["kind"], row["kind"]),
                "description": row["description"][:2000],
                "organiser_name": row["organiser_name"],
                "organiser_ref": row["organiser_ref"],
                "wijk": row["wijk"],
                "place": ", ".join(p for p in (row["place_name"], row["address"]) if p),
                "suitable_for": row["suitable_for"],
                "languages": row["languages"],
                "accessibility": row["accessibility"],
                "open_entry": row["open_entry"],
                "cost_cents": row["cost_cents"],
                "public": True,
                "starts_ts": _ts(row["starts_at"]),
                "ends_ts": _ts(row["ends_at"]),
                "stand_names": [s["organisation_name"] for s in stands],
                "stand_kansen": [k["title"] for s in stands for k in s["kansen"]][:200],
            }
        )
    return documents


class MeetingsIndexer:
    """Keeps the meetings index true to the database (an ``indexing.indexer.ExtraIndex``,
    handed to the search indexer by the app assembly)."""

    entity = MEETING_ENTITY

    def __init__(self, client: AsyncClient, uid: str) -> None:
        self.client = client
        self.uid = uid

    async def ensure_index(self) -> None:
        try:
            await self.client.index(self.uid).fetch_info()
        except MeilisearchApiError as error:
            if error.code != "index_not_found":
                raise
            await self.client.create_index(self.uid, primary_key="ref")
        await apply_if_changed(self.client.index(self.uid), settings())

    async def apply(self, refs: Sequence[str]) -> None:
        """Write the documents of ``refs``; remove those that are no longer public."""
        if not refs:
            return
        documents = await meeting_documents(refs)
        gone = sorted(set(refs) - {d["ref"] for d in documents})
        index = self.client.index(self.uid)
        if gone:
            await self._wait((await index.delete_documents(gone)).task_uid)
        if documents:
            await self._wait((await index.add_documents(documents, primary_key="ref")).task_uid)

    async def rebuild(self) -> int:
        await self.ensure_index()
        documents = await meeting_documents()
        index = self.client.index(self.uid)
        await self._wait((await index.delete_all_documents()).task_uid)
        if documents:
            await self._wait((await index.add_documents(documents, primary_key="ref")).task_uid)
        return len(documents)

    async def _wait(self, task_uid: int) -> None:
        task = await self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if task.status != "succeeded":
            raise RuntimeError(f"Meilisearch task {task_uid} {task.status}: {task.error}")


# --- finding -------------------------------------------------------------------------


# Days a search may name: 0001-01-01 in Amsterdam lies before the first moment Python
# can hold in UTC, and a year on from 9999-12-31 does not exist. Nobody meant those.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(9998, 12, 31)


def within_reach(day: dt.date) -> dt.date:
    return min(max(day, FIRST_DAY), LAST_DAY)


@dataclass(frozen=True)
class MeetingSearch:
    """What a visitor asked for on /activiteiten. Lists are OR within, AND between."""

    q: str = ""
    kind: Sequence[str] = ()
    wijk: Sequence[str] = ()
    suitable_for: Sequence[str] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def window(self) -> tuple[dt.datetime, dt.datetime]:
        """The date range as moments: from the start of ``start`` (default: now) to the
        end of ``end`` (default: a year on)."""
        start = (
            dt.datetime.combine(within_reach(self.start), dt.time(0), tzinfo=LOCAL)
            if self.start
            else utcnow()
        )
        end_day = self.end or (start.astimezone(LOCAL).date() + dt.timedelta(days=366))
        end = dt.datetime.combine(within_reach(end_day), dt.time(23, 59, 59), tzinfo=LOCAL)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


@dataclass(frozen=True)
class MeetingResults:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    degraded: bool = False
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total_pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)


def _filter(search: MeetingSearch) -> list[Any]:
    start, end = search.window()
    filters: list[Any] = [
        "public = true",
        f"ends_ts >= {_ts(start)}",
        f"starts_ts <= {_ts(end)}",
    ]
    for name, values in (
        ("kind", search.kind),
        ("wijk", search.wijk),
        ("suitable_for", search.suitable_for),
    ):
        if values:
            filters.append([f"{name} = {_quoted(v)}" for v in values])
    return filters


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


async def find_meetings(gateway: SearchGateway, search: MeetingSearch) -> MeetingResults:
    """Public meetings for ``search``; from the database when search is down."""
    found = await gateway.search_or(
        INDEX,
        lambda index: _search_index(index, search),
        lambda: _search_database(search),
        what="meeting search",
    )
    return found.value


async def _search_index(index: Any, search: MeetingSearch) -> MeetingResults:
    result = await index.search(
        " ".join(query_words(search.q)),
        filter=_filter(search),
        sort=["starts_ts:asc"],
        facets=["kind", "wijk", "suitable_for"],
        hits_per_page=search.per_page,
        page=search.page,
    )
    return MeetingResults(
        items=[_from_document(hit) for hit in result.hits],
        total=int(result.total_hits or 0),
        page=search.page,
        per_page=search.per_page,
        facets={k: dict(v) for k, v in (result.facet_distribution or {}).items()},
    )


def _from_document(document: dict[str, Any]) -> dict[str, Any]:
    return {
        **document,
        "starts_at": dt.datetime.fromtimestamp(document["starts_ts"], dt.UTC),
        "ends_at": dt.datetime.fromtimestamp(document["ends_ts"], dt.UTC),
    }


async def _search_database(search: MeetingSearch) -> MeetingResults:
    """The simpler search: every word must appear in the title, description, place or
    organiser (accents and case ignored); filters as in the index."""
    from meedoen.events.signups import _fold

    start, end = search.window()
    rows = await public_meetings_between(start, end)
    words = [_fold(w) for w in query_words(search.q)]
    found = []
    for row in rows:
        if search.kind and row["kind"] not in search.kind:
            continue
        if search.wijk and row["wijk"] not in search.wijk:
            continue
        if search.suitable_for and not set(search.suitable_for) & set(row["suitable_for"]):
            continue
        text = _fold(
            " ".join(
                (
                    row["title"],
                    row["description"],
                    row["place_name"],
                    row["wijk"],
                    row["organiser_name"],
                    KIND_LABELS.get(row["kind"], ""),
                )
            )
        )
        if all(w in text for w in words):
            found.append(row)
    first = (search.page - 1) * search.per_page
    return MeetingResults(
        items=found[first : first + search.per_page],
        total=len(found),
        page=search.page,
        per_page=search.per_page,
        degraded=True,
    )


def parse_meeting_search(params: Any) -> tuple[MeetingSearch, list[str]]:
    """The page's search from its query parameters (name → all values), leaving out what
    is unknown and saying so (the JSON API builds its search with ``api_meeting_search``)."""
    from meedoen.i18n import gettext

    notices: list[str] = []

    def values(name: str, allowed: Sequence[str]) -> tuple[str, ...]:
        chosen = []
        for value in params.getall(name, []) if hasattr(params, "getall") else params.get(name, []):
            if value in allowed:
                chosen.append(value)
            elif value:
                notices.append(
                    gettext(
                        "‘%(value)s’ kennen we niet als keuze. Die laten we weg.",
                        value=str(value)[:40],
                    )
                )
        return tuple(dict.fromkeys(chosen))

    def day(name: str) -> dt.date | None:
        raw = _first(params, name)
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            notices.append(
                gettext(
                    "De datum ‘%(value)s’ klopt niet. Schrijf hem als 2027-03-14.", value=raw[:20]
                )
            )
            return None

    page_raw = _first(params, "page") or _first(params, "pagina")
    page = (
        int(page_raw) if page_raw.isascii() and page_raw.isdigit() and 0 < len(page_raw) < 4 else 1
    )
    search = MeetingSearch(
        q=_first(params, "q")[:200],
        kind=values("kind", MEETING_KINDS),
        wijk=values("wijk", WIJKEN),
        suitable_for=values("suitable_for", SUITABLE_FOR),
        start=day("van"),
        end=day("tot"),
        page=max(page, 1),
    )
    if search.start and search.end and search.end < search.start:
        notices.append(
            gettext("De einddatum ligt voor de begindatum. We zoeken vanaf de begindatum.")
        )
        search = replace(search, end=None)
    return search, notices


def api_meeting_search(
    *,
    q: str | None,
    kind: Sequence[str] | None,
    wijk: Sequence[str] | None,
    suitable_for: Sequence[str] | None,
    start: dt.date | None,
    end: dt.date | None,
    page: int,
) -> MeetingSearch:
    """The search from the JSON API's parameters, which Litestar has already typed and
    checked against the vocabularies; like the page, an end before the start is left out."""
    return MeetingSearch(
        q=(q or "").strip(),
        kind=tuple(dict.fromkeys(kind or ())),
        wijk=tuple(dict.fromkeys(wijk or ())),
        suitable_for=tuple(dict.fromkeys(suitable_for or ())),
        start=start,
        end=None if start and end and end < start else end,
        page=page,
    )


def _first(params: Any, name: str) -> str:
    found = params.getall(name, []) if hasattr(params, "getall") else params.get(name, [])
    if isinstance(found, str):
        return found.strip()
    return str(found[0]).strip() if found else ""
