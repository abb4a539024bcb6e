"""Where the best residents for a posting are: the queries of the shortlist (see shortlist.py).

The residents index holds no summaries; the service adds them to the hits from the
database before the pre-rank, so wishes and limits count as they do in the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from meedoen.matching.factors import ladder_level
from meedoen.matching.facts import posting_facts
from meedoen.matching.prerank import ResidentSide, estimate
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.shortlist import (
    MAX_SKILLS,
    Audience,
    Pool,
    Query,
    allowed_language_levels,
    candidate_terms,
    combinations,
    equals,
    free_ring,
    has_all,
    is_in,
    most_of,
    nearest_first,
    spread,
)
from meedoen.matching.vocabulary import vocabulary
from meedoen.matching.weights import DEFAULT_LANGUAGE_LEVEL, DEFAULT_RUNG, LADDER_FIT

# What a search hit of the residents index brings for the pre-rank (never more is indexed).
RESIDENT_FIELDS = (
    "ref",
    "wijk",
    "birth_year",
    "skills",
    "interests",
    "preferred_kinds",
    "hours_per_week",
    "language_level",
    "ladder_rung",
    "has_driving_licence",
)
# Hits per round trip, shared among its queries (``spread``): the main queries get two
# shares, those beyond the wanted kind one (see shortlist_opportunities.py).
EXPLORE_BUDGET = 1500
EXPAND_BUDGET = 1200
MAIN, OTHER = 2, 1
EXPAND_FROM = 20
EXPAND_SHAPES = 6


class ResidentPool(Pool):
    """Residents found for one posting, pre-ranked with the engine's arithmetic."""

    def __init__(self, opportunity: OpportunityProfile, today: date) -> None:
        self.opportunity = opportunity
        self.today = today
        self.facts = posting_facts(opportunity)
        super().__init__(self._score)

    def _score(self, hit: Mapping[str, Any]) -> float | None:
        resident = ResidentProfile.from_corpus(hit)
        return estimate(ResidentSide(resident, self.today), self.opportunity, self.facts)


def visibility_filter(audience: Audience, caseload: Iterable[str]) -> str:
    """Who an audience may see: organisations only findable residents; a coach also
    their own caseload (the index holds no private residents at all)."""
    if audience == "organisation":
        return 'visibility = "findable"'
    refs = sorted(caseload)
    if not refs:
        return 'visibility = "findable"'
    return f'(visibility = "findable" OR (visibility = "coach" AND {is_in("ref", refs)}))'


def resident_safe_filters(opportunity: OpportunityProfile, today: date) -> list[str]:
    """Age (a hard filter) and language (hopeless below the floor), as index filters."""
    filters = []
    if opportunity.min_age is not None:
        filters.append(f"(birth_year IS NULL OR birth_year <= {today.year - opportunity.min_age})")
    levels = allowed_language_levels(opportunity)
    if levels is not None:
        unknown = " OR language_level IS NULL" if DEFAULT_LANGUAGE_LEVEL in levels else ""
        filters.append(f"({is_in('language_level', levels)}{unknown})")
    return filters


def ladder_filter(opportunity: OpportunityProfile, good: float = 0.75) -> str:
    """Residents whose rung fits this posting's ladder level well (unknown = middle rung)."""
    level = ladder_level(opportunity)
    fitting = [rung for rung, row in LADDER_FIT.items() if row[level] >= good]
    if not fitting or len(fitting) == len(LADDER_FIT):
        return ""
    unknown = " OR ladder_rung IS NULL" if DEFAULT_RUNG in fitting else ""
    return f"({is_in('ladder_rung', fitting)}{unknown})"


def resident_hours_fit(opportunity: OpportunityProfile) -> str:
    """Residents whose weekly hours fall within the posting's range (or who did not say)."""
    low, high = opportunity.hours_per_week_min, opportunity.hours_per_week_max
    if low is None and high is None:
        return ""
    low = low or 0
    high = high if high is not None else low
    return f"(hours_per_week IS NULL OR hours_per_week {low} TO {high})"


def wants_kind(kind: str) -> str:
    """Residents who ask for this kind of work, or did not say what they want."""
    return f"({equals('preferred_kinds', kind)} OR preferred_kinds IS EMPTY)"


def explore_queries(
    opportunity: OpportunityProfile, today: date, audience: Audience, caseload: Iterable[str]
) -> list[Query]:
    """The first round: one query per thing the engine rewards, under the safe filters.

    Residents with each skill the posting credits (also those who want other work: the
    best fit can still be someone who asked for a stage), and with fitting rung and
    hours; residents with combinations of its skills; with interests that fit;
    fitting kind, rung and hours close by, for postings that ask little; and anyone.
    """
    base = (visibility_filter(audience, caseload), *resident_safe_filters(opportunity, today))
    kind = wants_kind(opportunity.kind)
    wanting = (*base, kind)
    near = nearest_first(opportunity.wijk, opportunity.postcode)
    hours = resident_hours_fit(opportunity)
    fits = tuple(f for f in (ladder_filter(opportunity), hours) if f)
    skills, interests = candidate_terms(opportunity)
    core = [s for s in opportunity.skills if not vocabulary().is_soft(s)][:MAX_SKILLS]
    queries: list[Query] = []
    for skill in skills[:MAX_SKILLS]:
        has = equals("skills", skill)
        queries.append(Query((*wanting, has), MAIN, near))
        if fits:
            queries.append(Query((*wanting, has, *fits), MAIN, near))
        queries.append(Query((*base, f"NOT {kind}", has), OTHER, near))
    for combo in combinations(core):
        queries.append(Query((*base, *has_all("skills", combo)), MAIN, near))
    if interests:
        liking = (*wanting, is_in("interests", interests))
        queries.append(Query(liking, MAIN, near))
        if hours:
            queries.append(Query((*liking, hours), MAIN, near))
    queries.append(Query((*wanting, *fits), MAIN, near))
    # Anyone, in no order (cheap): in a small population, where the top ten reaches weak
    # matches, that is everyone.
    queries.append(Query(base, MAIN))
    return spread(queries, EXPLORE_BUDGET)


def expand_queries(
    opportunity: OpportunityProfile,
    today: date,
    audience: Audience,
    caseload: Iterable[str],
    pool: ResidentPool,
) -> list[Query]:
    """The second round: residents like the best found so far (the same skills of this
    posting but one, first wish, rung and welcomed age), close by, with fitting hours,
    and in ref order where travel costs nothing (see ``free_ring``)."""
    base = (visibility_filter(audience, caseload), *resident_safe_filters(opportunity, today))
    near = nearest_first(opportunity.wijk, opportunity.postcode)
    ring = free_ring(opportunity.wijk, opportunity.postcode)
    hours = resident_hours_fit(opportunity)
    queries: list[Query] = []
    shapes: set[tuple[Any, ...]] = set()
    for ref in pool.best(EXPAND_FROM):
        hit = pool.hits[ref]
        skills = tuple(sorted(set(hit.get("skills") or ()) & set(opportunity.skills)))
        kinds = tuple(hit.get("preferred_kinds") or ())[:1]
        shape = (skills, kinds, hit.get("ladder_rung"), age_band(opportunity, today, hit))
        if shape in shapes:
            continue
        shapes.add(shape)
        like = (*base, *most_of("skills", skills), *has_all("preferred_kinds", kinds))
        like += tuple(
            f for f in (equals("ladder_rung", shape[2]) if shape[2] else "", shape[3]) if f
        )
        queries.append(Query(like, MAIN, near))
        if hours:
            queries.append(Query((*like, hours), MAIN, near))
        if ring:
            queries.append(Query((*like, ring), MAIN, ("ref:asc",)))
        if len(shapes) >= EXPAND_SHAPES:
            break
    return spread(queries, EXPAND_BUDGET)


def age_band(opportunity: OpportunityProfile, today: date, hit: Mapping[str, Any]) -> str:
    """The age group a posting welcomes (55plus, jongeren), if ``hit`` is in it."""
    born = hit.get("birth_year")
    if born is None:
        return ""
    age = today.year - int(born)
    if "55plus" in opportunity.suitable_for and age >= 55:
        return f"birth_year <= {today.year - 55}"
    if "jongeren" in opportunity.suitable_for and age <= 27:
        return f"birth_year >= {today.year - 27}"
    return ""
