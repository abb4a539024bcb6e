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

import asyncio
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
    opportunity_condition,
    opportunity_overlap,
    published,
    resident_condition,
    resident_overlap,
)
from meedoen.opportunities.tables import Opportunity
from meedoen.residents.tables import Resident

if TYPE_CHECKING:
    from meedoen.runtime import Runtime

log = logging.getLogger(__name__)

OPPORTUNITIES = "opportunities"
SEARCH_TIMEOUT_SECONDS = 3.0

_RESIDENT_COLUMNS = (
    Resident.ref,
    Resident.first_name,
    Resident.wijk,
    Resident.birth_year,
    Resident.skills,
    Resident.interests,
    Resident.preferred_kinds,
    Resident.hours_per_week,
    Resident.language_level,
    Resident.ladder_rung,
    Resident.has_driving_licence,
    Resident.summary,
    Resident.visibility,
)
_OPPORTUNITY_COLUMNS = (
    Opportunity.ref,
    Opportunity.kind,
    Opportunity.title,
    Opportunity.description,
    Opportunity.skills,
    Opportunity.sector,
    Opportunity.wijk,
    Opportunity.postcode,
    Opportunity.hours_per_week_min,
    Opportunity.hours_per_week_max,
    Opportunity.paid,
    Opportunity.suitable_for,
    Opportunity.language_level,
    Opportunity.min_age,
    Opportunity.start_date,
    Opportunity.status,
    Opportunity.organisation.ref.as_alias("organisation_ref"),
)


class UnknownReference(LookupError):
    """No resident or opportunity has this reference; the message is one sentence."""


# --- opportunities for a resident ----------------------------------------------------


async def matches_for_resident(
    runtime: Runtime | None,
    resident_ref: str,
    limit: int = 10,
    today: date | None = None,
    *,
    keep: int = DEFAULT_KEEP,
) -> list[Match]:
    """The ``limit`` best published opportunities for a resident, best first."""
    day = today or date.today()
    rows = await _residents(Resident.ref == resident_ref)
    if not rows:
        raise UnknownReference(f"there is no resident with reference '{resident_ref}'.")
    resident = _resident_profile(rows[0])
    opportunities = await opportunity_shortlist(runtime, resident, day, max(keep, limit))
    return top_matches_for_resident(resident, opportunities, limit, day)


async def opportunity_shortlist(
    runtime: Runtime | None, resident: ResidentProfile, day: date, keep: int
) -> list[OpportunityProfile]:
    """Published opportunities worth scoring for ``resident``: index first, else database."""
    queries = for_resident.explore_queries(resident, day)
    if not queries:
        return []
    pool = for_resident.PostingPool(resident, day)
    fields = for_resident.POSTING_FIELDS
    hits = await _search(runtime, OPPORTUNITIES, queries, fields)
    if hits is not None:
        pool.add(hits)
        more = for_resident.expand_queries(resident, day, pool)
        pool.add(await _search(runtime, OPPORTUNITIES, more, fields) or [])
        return await _opportunities(Opportunity.ref.is_in(pool.best(keep) or [""]) & published())
    condition = opportunity_condition(resident, day)
    overlap = opportunity_overlap(resident)
    if overlap is not None and await Opportunity.count().where(condition) > DATABASE_SCORE_CAP:
        condition &= overlap
    return await _opportunities(condition)


# --- residents for an opportunity ----------------------------------------------------


async def candidates_for_opportunity(
    runtime: Runtime | None,
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
    found = await _opportunities(Opportunity.ref == opportunity_ref)
    if not found:
        raise UnknownReference(f"there is no opportunity with reference '{opportunity_ref}'.")
    opportunity = found[0]
    allowed = resident_condition(opportunity, day, audience, caseload)
    refs = await resident_shortlist(runtime, opportunity, day, audience, caseload, allowed, keep)
    if refs is not None:
        # A caseload is small: always score all of it, whatever the index found.
        rows = await _residents(allowed & Resident.ref.is_in(sorted(set(refs) | caseload) or [""]))
    else:
        condition = allowed
        overlap = resident_overlap(opportunity)
        if overlap is not None and await Resident.count().where(condition) > DATABASE_SCORE_CAP:
            condition &= overlap | Resident.ref.is_in(sorted(caseload) or [""])
        rows = await _residents(condition)
    residents = [_resident_profile(r) for r in rows if may_see(audience, caseload, r)]
    return top_candidates_for_opportunity(opportunity, residents, limit, day)


async def resident_shortlist(
    runtime: Runtime | None,
    opportunity: OpportunityProfile,
    day: date,
    audience: Audience,
    caseload: frozenset[str],
    allowed: Any,
    keep: int,
) -> list[str] | None:
    """The ``keep`` residents most worth scoring for ``opportunity``; None without search."""
    if not opportunity.is_open:
        return []
    queries = for_opportunity.explore_queries(opportunity, day, audience, caseload)
    pool = for_opportunity.ResidentPool(opportunity, day)
    hits = await _search(runtime, RESIDENTS, queries, for_opportunity.RESIDENT_FIELDS)
    if hits is None:
        return None
    await _pool_residents(pool, hits, allowed)
    more = for_opportunity.expand_queries(opportunity, day, audience, caseload, pool)
    hits = await _search(runtime, RESIDENTS, more, for_opportunity.RESIDENT_FIELDS)
    await _pool_residents(pool, hits or [], allowed)
    return pool.best(keep)


async def _pool_residents(
    pool: for_opportunity.ResidentPool, hits: list[dict[str, Any]], allowed: Any
) -> None:
    """Pool residents from the index with their summaries (which the index never holds);
    who may not be seen (any more) is left out."""
    new = sorted({str(hit["ref"]) for hit in hits} - pool.seen)
    if not new:
        return
    rows = await Resident.select(Resident.ref, Resident.summary).where(
        allowed & Resident.ref.is_in(new)
    )
    summaries = {row["ref"]: row["summary"] for row in rows}
    pool.add({**hit, "summary": summaries[hit["ref"]]} for hit in hits if hit["ref"] in summaries)


def may_see(audience: Audience, caseload: frozenset[str], resident: Mapping[str, Any]) -> bool:
    """The visibility rule itself, checked on every row before it is scored."""
    visibility = resident.get("visibility")
    if visibility == "findable":
        return True
    return audience == "coach" and visibility == "coach" and resident.get("ref") in caseload


# --- loading -------------------------------------------------------------------------


async def _search(
    runtime: Runtime | None, base: str, queries: Sequence[Query], fields: Sequence[str]
) -> list[dict[str, Any]] | None:
    """The hits of ``queries``, one multi-search round trip; None when search is down."""
    if not queries:
        return []
    if runtime is None or not await runtime.search.ready() or runtime.search.reader is None:
        return None
    uid = runtime.search.index_name(base)
    payload = {"queries": [query.as_payload(uid, fields) for query in queries]}
    try:
        async with asyncio.timeout(SEARCH_TIMEOUT_SECONDS):
            response = await runtime.search.reader.http_client.post("multi-search", json=payload)
        response.raise_for_status()
        results = response.json()["results"]
    except Exception as error:
        log.warning(
            "match shortlist from the database, search failed: %s: %s", type(error).__name__, error
        )
        return None
    return [hit for result in results for hit in result["hits"]]


async def _residents(where: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await Resident.select(*_RESIDENT_COLUMNS).where(where).run()
    return rows


async def _opportunities(where: Any) -> list[OpportunityProfile]:
    rows = await Opportunity.select(*_OPPORTUNITY_COLUMNS).where(where).run()
    return [_opportunity_profile(row) for row in rows]


def _resident_profile(row: Mapping[str, Any]) -> ResidentProfile:
    return ResidentProfile.from_corpus(row)


def _opportunity_profile(row: Mapping[str, Any]) -> OpportunityProfile:
    return OpportunityProfile.from_corpus({**row, "start": row.get("start_date")})
