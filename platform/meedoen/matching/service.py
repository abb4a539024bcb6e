"""Matchmaking: the best opportunities for a resident, the best residents for an opportunity.

Both directions shortlist first (``shortlist.py``: the search index, or the database when
search is down) and then let the engine score only the shortlist; nothing here scores
every pair. Who may be seen is decided here, whatever the index returned:

* an organisation only ever gets residents who chose ``findable``;
* a coach gets ``findable`` residents and the residents of their own caseload who share
  their profile with their coach (``coach``). A ``private`` resident is in no list at
  all, not even their coach's: private means nobody browses the profile.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from meedoen.matching import shortlist_opportunities as for_resident
from meedoen.matching import shortlist_residents as for_opportunity
from meedoen.matching.engine import Match
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.rank import top_candidates_for_opportunity, top_matches_for_resident
from meedoen.matching.residents_index import RESIDENTS
from meedoen.matching.shortlist import (
    AUDIENCES,
    DATABASE_SCORE_CAP,
    DEFAULT_KEEP,
    Audience,
    Query,
    posting_filter,
    resident_filter,
    resident_overlap,
    with_posting_overlap,
)
from meedoen.opportunities import for_matching as posting_db
from meedoen.residents import for_matching as resident_db
from meedoen.residents.for_matching import ResidentFilter

if TYPE_CHECKING:
    from meedoen.search.gateway import SearchGateway

log = logging.getLogger(__name__)

OPPORTUNITIES = "opportunities"


class UnknownReference(LookupError):
    """No resident or opportunity has this reference; the message is one sentence."""


# --- opportunities for a resident ----------------------------------------------------


async def matches_for_resident(
    search: SearchGateway,
    resident_ref: str,
    limit: int = 10,
    today: date | None = None,
    *,
    keep: int = DEFAULT_KEEP,
) -> list[Match]:
    """The ``limit`` best published opportunities for a resident, best first."""
    day = today or date.today()
    row = await resident_db.resident_row(resident_ref)
    if row is None:
        raise UnknownReference(f"there is no resident with reference '{resident_ref}'.")
    resident = _resident_profile(row)
    opportunities = await opportunity_shortlist(search, resident, day, max(keep, limit))
    return top_matches_for_resident(resident, opportunities, limit, day)


async def opportunity_shortlist(
    search: SearchGateway, resident: ResidentProfile, day: date, keep: int
) -> list[OpportunityProfile]:
    """Published opportunities worth scoring for ``resident``: index first, else database."""
    queries = for_resident.explore_queries(resident, day)
    if not queries:
        return []
    pool = for_resident.PostingPool(resident, day)
    fields = for_resident.POSTING_FIELDS
    hits = await _search(search, OPPORTUNITIES, queries, fields)
    if hits is not None:
        pool.add(hits)
        more = for_resident.expand_queries(resident, day, pool)
        pool.add(await _search(search, OPPORTUNITIES, more, fields) or [])
        rows = await posting_db.posting_rows_of_refs(pool.best(keep), published_only=True)
        return [_opportunity_profile(row) for row in rows]
    wanted = posting_filter(resident, day)
    narrower = with_posting_overlap(wanted, resident)
    if narrower is not None and await posting_db.count_postings(wanted) > DATABASE_SCORE_CAP:
        wanted = narrower
    return [_opportunity_profile(row) for row in await posting_db.posting_rows(wanted)]


# --- residents for an opportunity ----------------------------------------------------


async def candidates_for_opportunity(
    search: SearchGateway,
    opportunity_ref: str,
    limit: int = 10,
    *,
    audience: Audience,
    coach_resident_refs: Iterable[str] = frozenset(),
    today: date | None = None,
    keep: int = DEFAULT_KEEP,
) -> list[Match]:
    """The ``limit`` best residents for an opportunity that ``audience`` may see.

    ``coach_resident_refs`` is the coach's caseload (ignored for organisations). A
    closed opportunity has no candidates: the engine excludes every match.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    day = today or date.today()
    caseload = frozenset(coach_resident_refs) if audience == "coach" else frozenset()
    found = await posting_db.posting_rows_of_refs([opportunity_ref])
    if not found:
        raise UnknownReference(f"there is no opportunity with reference '{opportunity_ref}'.")
    opportunity = _opportunity_profile(found[0])
    allowed = resident_filter(opportunity, day, audience, caseload)
    refs = await resident_shortlist(search, opportunity, day, audience, caseload, allowed, keep)
    if refs is not None:
        # A caseload is small: always score all of it, whatever the index found.
        rows = await resident_db.resident_rows(allowed, sorted(set(refs) | caseload))
    else:
        overlap = resident_overlap(opportunity, caseload)
        if overlap is not None and await resident_db.count_residents(allowed) > DATABASE_SCORE_CAP:
            rows = await resident_db.resident_rows(allowed, overlap=overlap)
        else:
            rows = await resident_db.resident_rows(allowed)
    residents = [_resident_profile(r) for r in rows if may_see(audience, caseload, r)]
    return top_candidates_for_opportunity(opportunity, residents, limit, day)


async def resident_shortlist(
    search: SearchGateway,
    opportunity: OpportunityProfile,
    day: date,
    audience: Audience,
    caseload: frozenset[str],
    allowed: ResidentFilter,
    keep: int,
) -> list[str] | None:
    """The ``keep`` residents most worth scoring for ``opportunity``; None without search."""
    if not opportunity.is_open:
        return []
    queries = for_opportunity.explore_queries(opportunity, day, audience, caseload)
    pool = for_opportunity.ResidentPool(opportunity, day)
    hits = await _search(search, RESIDENTS, queries, for_opportunity.RESIDENT_FIELDS)
    if hits is None:
        return None
    await _pool_residents(pool, hits, allowed)
    more = for_opportunity.expand_queries(opportunity, day, audience, caseload, pool)
    hits = await _search(search, RESIDENTS, more, for_opportunity.RESIDENT_FIELDS)
    await _pool_residents(pool, hits or [], allowed)
    return pool.best(keep)


async def _pool_residents(
    pool: for_opportunity.ResidentPool, hits: list[dict[str, Any]], allowed: ResidentFilter
) -> None:
    """Pool residents from the index with their summaries (which the index never holds);
    who may not be seen (any more) is left out."""
    new = sorted({str(hit["ref"]) for hit in hits} - pool.seen)
    if not new:
        return
    summaries = await resident_db.summaries(allowed, new)
    pool.add({**hit, "summary": summaries[hit["ref"]]} for hit in hits if hit["ref"] in summaries)


def may_see(audience: Audience, caseload: frozenset[str], resident: Mapping[str, Any]) -> bool:
    """The visibility rule itself, checked on every row before it is scored."""
    visibility = resident.get("visibility")
    if visibility == "findable":
        return True
    return audience == "coach" and visibility == "coach" and resident.get("ref") in caseload


# --- loading -------------------------------------------------------------------------


async def _search(
    search: SearchGateway, base: str, queries: Sequence[Query], fields: Sequence[str]
) -> list[dict[str, Any]] | None:
    """The hits of ``queries``, one multi-search round trip; None when search is down."""
    if not queries:
        return []

    async def multi_search(index: Any) -> list[dict[str, Any]]:
        payload = {"queries": [query.as_payload(index.uid, fields) for query in queries]}
        response = await index.http_client.post("multi-search", json=payload)
        response.raise_for_status()
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    answer = await search.ask(base, multi_search, what="match shortlist")
    if answer.outcome != "results" or answer.value is None:
        return None
    return [hit for result in answer.value for hit in result["hits"]]


def _resident_profile(row: Mapping[str, Any]) -> ResidentProfile:
    return ResidentProfile.from_corpus(row)


def _opportunity_profile(row: Mapping[str, Any]) -> OpportunityProfile:
    return OpportunityProfile.from_corpus({**row, "start": row.get("start_date")})
