"""Shortlists: which few hundred candidates are worth scoring, from the index or the database.

The engine scores one pair in ~0.15 ms, so scoring a district of 50,000 postings for
every page view is out of the question. A Meilisearch query is no OR of its words
(every strategy keeps the first or the rarest word), so a shortlist is built from one
small query per term, all in one multi-search round trip, each under the *safe*
filter of ``rank.shortlist_filter`` (which never drops anything that could score at
least the floor). Every hit votes with its term's weight (own skill > related skill >
wish > interest); the best-voted ``keep`` candidates are scored by the engine. Two more
queries make sure a perfect fit of another kind, and work close to home, get a vote.

Text alone ranks ties arbitrarily: in a district with a hundred near-copies of a
posting, a term query returns any hundred of them, while the engine prefers the ones
close to home with fitting hours. So every term is also asked within *rings* of wijken
around home (``rings``: the wijken where travel costs nothing, then those within easy
cycling distance) and, in the nearest ring, with fitting hours; and a few term-less
structured queries (kind, ladder, ring, hours) find good fits that share no word. A
candidate found by several of those queries collects more votes, so the ones the
engine would rank high are the ones it gets to score.

That is not lossless (``bench/matching_bench.py`` and the tests measure recall against
brute force). When search is down the database gives the safe filter in SQL instead,
narrowed by skill/interest overlap only when it would leave too many rows to score.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from typing import Any, Literal

from meedoen.matching import geography
from meedoen.matching.engine import ladder_level
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.rank import DEFAULT_SHORTLIST_FLOOR, shortlist_filter, shortlist_terms
from meedoen.matching.residents_index import term_token
from meedoen.matching.vocabulary import vocabulary, wish_terms_in
from meedoen.matching.weights import (
    DEFAULT_LANGUAGE_LEVEL,
    DEFAULT_RUNG,
    DEFAULT_WEIGHTS,
    LADDER_FIT,
    LANGUAGE_LEVELS,
)
from meedoen.opportunities.tables import Opportunity
from meedoen.residents.tables import Resident

Audience = Literal["organisation", "coach"]
AUDIENCES: tuple[Audience, ...] = ("organisation", "coach")

# How many shortlisted candidates the engine scores (~0.15 ms each); each query brings
# a quarter as many hits. See the bench for recall and latency at other values.
DEFAULT_HIT_LIMIT = 400
MAX_QUERY_WORDS = 10  # Meilisearch reads the first ten words of a query, no more
MAX_TERMS = 12  # one query per term
RING_TERMS = 8  # the strongest terms are also asked per ring of wijken
NEARBY_CYCLING_MINUTES = 15.0
# Above this many rows the database shortlist also asks for a shared skill or interest.
DATABASE_SCORE_CAP = 3000


# What a structured query's filter guarantees about every hit, in vote points (a skill
# term of weight 1.0 stands for ~10 engine points): the wanted kind and a fitting
# ladder rung (~kind 16 + ladder 13 points), no travel cost, an easy ride, fitting hours.
FACT_POINTS: dict[str, float] = {
    "kind": 0.8,
    "ladder": 0.6,
    "ring0": 0.5,
    "ring1": 0.3,
    "hours": 0.4,
}


@dataclass(frozen=True)
class Query:
    """One ranked query of a multi-search.

    A hit earns ``weight`` once per search term (however many queries of that term
    found it) plus the points of every fact (``FACT_POINTS``) its query's filter
    guarantees; so one candidate found near home with fitting hours for two terms
    outranks one found for a single term anywhere.
    """

    q: str
    filters: tuple[str, ...]
    limit: int
    weight: float = 1.0
    facts: frozenset[str] = frozenset()

    def as_payload(self, index_uid: str) -> dict[str, Any]:
        return {
            "indexUid": index_uid,
            "q": self.q,
            "filter": list(self.filters),
            "limit": self.limit,
            "attributesToRetrieve": ["ref"],
            "matchingStrategy": "all",
        }


def vote(queries: Sequence[Query], hits: Sequence[Sequence[str]], keep: int) -> list[str]:
    """The ``keep`` refs with most points; ties go to the better rank in any list."""
    terms: dict[str, dict[str, float]] = {}
    facts: dict[str, set[str]] = {}
    best_rank: dict[str, int] = {}
    for query, refs in zip(queries, hits, strict=True):
        for rank, ref in enumerate(refs):
            found = terms.setdefault(ref, {})
            found[query.q] = max(found.get(query.q, 0.0), query.weight)
            facts.setdefault(ref, set()).update(query.facts)
            best_rank[ref] = min(best_rank.get(ref, rank), rank)
    points = {
        ref: sum(found.values()) + sum(FACT_POINTS.get(fact, 0.0) for fact in facts[ref])
        for ref, found in terms.items()
    }
    ranked = sorted(points, key=lambda ref: (-points[ref], best_rank[ref], ref))
    return ranked[:keep]


def nearby_wijken(wijk: str | None) -> list[str]:
    """Wijken within easy cycling distance of ``wijk`` (itself included)."""
    home = geography.place_for(wijk)
    if home is None:
        return []
    return [
        name
        for name, place in geography.WIJKEN.items()
        if geography.cycling_minutes(home, place) <= NEARBY_CYCLING_MINUTES
    ]


def rings(wijk: str | None) -> list[list[str]]:
    """Wijken around ``wijk``, widening: where travel costs no points, then an easy ride.

    Each ring includes the previous one; empty when the wijk is unknown. Travel within
    ``free_minutes`` earns the full distance score, so the first ring holds the
    postings (or residents) the engine cannot tell apart by distance.
    """
    home = geography.place_for(wijk)
    if home is None:
        return []
    minutes = {
        name: geography.cycling_minutes(home, place) for name, place in geography.WIJKEN.items()
    }
    found: list[list[str]] = []
    for limit in (DEFAULT_WEIGHTS.travel.free_minutes, NEARBY_CYCLING_MINUTES):
        ring = sorted(name for name, m in minutes.items() if m <= limit)
        if ring and (not found or len(ring) > len(found[-1])):
            found.append(ring)
    return found


def _in(attribute: str, values: Sequence[Any]) -> str:
    return f"{attribute} IN {json.dumps(list(values))}"


def _all(*filters: str) -> tuple[str, ...]:
    return tuple(f for f in filters if f)


# --- opportunities for a resident ----------------------------------------------------


def weighted_terms(resident: ResidentProfile, most: int = MAX_TERMS) -> list[tuple[str, float]]:
    """Search words for a resident with their weight, strongest first.

    Own vocational skills weigh most (skills earn the most points), then related
    skills, wishes from the summary, interest sectors and interest words.
    """
    vocab = vocabulary()
    weights: dict[str, float] = {}

    def add(term: str, weight: float) -> None:
        if term and term not in vocab.soft_skills and len(term.split()) <= MAX_QUERY_WORDS:
            weights[term] = max(weights.get(term, 0.0), weight)

    for skill in resident.skills:
        add(skill, 1.0)
    for (have, want), factor in vocab.related.items():
        if have in resident.skills and factor >= 0.5:
            add(want, 0.8 * factor)
    for term in wish_terms_in(resident.summary):
        add(term, 0.7)
    for interest in resident.interests:
        fit = vocab.interests.get(interest)
        for sector in sorted(fit.sectors) if fit else [interest]:
            add(sector, 0.5)
        for word in fit.words if fit else ():
            add(word, 0.3)
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    return ranked[:most]


def opportunity_queries(
    resident: ResidentProfile, today: date, hit_limit: int = DEFAULT_HIT_LIMIT
) -> list[Query]:
    """Queries whose hits vote for the opportunities worth scoring for ``resident``."""
    safe = shortlist_filter(resident, today, DEFAULT_SHORTLIST_FLOOR)
    if not safe.kinds:
        return []
    base = (*safe.to_meilisearch(), "organisation_verified = true")
    wanted = [k for k in resident.preferred_kinds if k in safe.kinds]
    preferred = (*base, _in("kind", wanted)) if wanted else base
    terms = weighted_terms(resident)
    per_term = max(hit_limit // 4, 10)
    hours = hours_fit(resident.hours_per_week)
    around = rings(resident.wijk)
    kind = frozenset({"kind"}) if wanted else frozenset()
    queries = [Query(term, preferred, per_term, weight, kind) for term, weight in terms]
    # The same terms close to home, and close to home with fitting hours: among equal
    # texts the engine prefers those (distance and hours are a fifth of the points).
    # With two or more wanted kinds each gets its own nearby queries, so the kind with
    # more postings cannot crowd the other out.
    buckets = (
        [preferred] if len(wanted) < 2 else [(*base, f"kind = {json.dumps(k)}") for k in wanted]
    )
    for term, weight in terms[:RING_TERMS]:
        for bucket in buckets:
            for number, ring in enumerate(around):
                near = kind | {f"ring{number}"}
                filters = (*bucket, _in("wijk", ring))
                queries.append(Query(term, filters, per_term, weight, near))
                if number == 0 and hours:
                    queries.append(
                        Query(term, (*filters, hours), per_term, weight, near | {"hours"})
                    )
    # A perfect fit of a kind the resident did not name can still rank (rank.py).
    queries += [Query(term, base, per_term // 2, w) for term, w in terms[:4] if w >= 1.0]
    if around:
        for number, ring in enumerate(around):
            facts = kind | {f"ring{number}"} | ({"hours"} if hours else set())
            filters = _all(*preferred, _in("wijk", ring), hours)
            queries.append(Query("", filters, per_term, 0.0, frozenset(facts)))
    return queries


def hours_fit(hours: int | None) -> str:
    """Postings whose hours range holds ``hours`` (the engine's full hours score)."""
    if hours is None:
        return ""
    return (
        f"(hours_per_week_min IS NULL OR hours_per_week_min <= {int(hours)}) AND "
        f"(hours_per_week_max IS NULL OR hours_per_week_max >= {int(hours)})"
    )


def published() -> Any:
    """Open postings of verified, unblocked organisations: all a resident may be offered."""
    organisation = Opportunity.organisation
    return (
        (Opportunity.status == "open")
        & organisation.verified.eq(True)  # type: ignore[union-attr]
        & organisation.blocked.eq(False)  # type: ignore[union-attr]
    )


def opportunity_condition(resident: ResidentProfile, today: date) -> Any:
    """The safe shortlist filter as a database condition (published postings only)."""
    safe = shortlist_filter(resident, today, DEFAULT_SHORTLIST_FLOOR)
    condition = (
        published()
        & Opportunity.kind.is_in(list(safe.kinds) or [""])
        & (
            Opportunity.language_level.is_in(list(safe.language_levels) or [""])
            | (Opportunity.language_level == "")
        )
    )
    if safe.max_min_age is not None:
        condition &= Opportunity.min_age.is_null() | (Opportunity.min_age <= safe.max_min_age)
    return condition


def opportunity_overlap(resident: ResidentProfile) -> Any:
    """Postings sharing a skill or an interest sector with the resident (database)."""
    vocab = vocabulary()
    skills = [t for t in shortlist_terms(resident) if t not in vocab.interests]
    sectors = sorted(
        {s for i in resident.interests if (fit := vocab.interests.get(i)) for s in fit.sectors}
    )
    parts = [Opportunity.skills.any(skill) for skill in skills[:20]]
    if sectors:
        parts.append(Opportunity.sector.is_in(sectors))
    return reduce(operator.or_, parts) if parts else None


# --- residents for an opportunity ----------------------------------------------------


def visibility_filter(audience: Audience, caseload: Iterable[str]) -> str:
    """Who an audience may see: organisations only findable residents; a coach also
    their own caseload (the index holds no private residents at all)."""
    if audience == "organisation":
        return 'visibility = "findable"'
    refs = sorted(caseload)
    if not refs:
        return 'visibility = "findable"'
    return f'(visibility = "findable" OR (visibility = "coach" AND {_in("ref", refs)}))'


def allowed_language_levels(opportunity: OpportunityProfile) -> list[str] | None:
    """Own levels that keep a match above the floor (two or more levels short cannot)."""
    required = opportunity.language_level
    if required not in LANGUAGE_LEVELS:
        return None
    need = LANGUAGE_LEVELS.index(required)
    return [lvl for lvl in LANGUAGE_LEVELS if need - LANGUAGE_LEVELS.index(lvl) <= 1]


def resident_safe_filters(opportunity: OpportunityProfile, today: date) -> list[str]:
    """Age (a hard filter) and language (hopeless below the floor), as index filters."""
    filters = []
    if opportunity.min_age is not None:
        filters.append(f"(birth_year IS NULL OR birth_year <= {today.year - opportunity.min_age})")
    levels = allowed_language_levels(opportunity)
    if levels is not None:
        unknown = " OR language_level IS NULL" if DEFAULT_LANGUAGE_LEVEL in levels else ""
        filters.append(f"({_in('language_level', levels)}{unknown})")
    return filters


def candidate_terms(opportunity: OpportunityProfile) -> tuple[list[str], list[str]]:
    """Skills that earn credit for this posting, and interests that fit it."""
    vocab = vocabulary()
    core = [s for s in opportunity.skills if not vocab.is_soft(s)]
    related = [have for (have, want), f in vocab.related.items() if want in core and f >= 0.5]
    interests = [
        name
        for name, fit in vocab.interests.items()
        if opportunity.sector in fit.sectors or fit.skills & set(opportunity.skills)
    ]
    return list(dict.fromkeys([*core, *related])), interests


def resident_queries(
    opportunity: OpportunityProfile,
    today: date,
    audience: Audience,
    caseload: Iterable[str] = (),
    hit_limit: int = DEFAULT_HIT_LIMIT,
) -> list[Query]:
    """Queries whose hits vote for the residents worth scoring for ``opportunity``."""
    base = (visibility_filter(audience, caseload), *resident_safe_filters(opportunity, today))
    wants_kind = (*base, f'(preferred_kinds = "{opportunity.kind}" OR preferred_kinds IS EMPTY)')
    skills, interests = candidate_terms(opportunity)
    weighted = [(skill, 1.0 if skill in opportunity.skills else 0.6) for skill in skills]
    weighted += [(interest, 0.5) for interest in interests]
    weighted = weighted[:MAX_TERMS]
    per_term = max(hit_limit // 4, 10)
    around = rings(opportunity.wijk)
    rung = ladder_filter(opportunity)
    hours = resident_hours_fit(opportunity)
    fits = _all(*wants_kind, rung)
    fit_facts = frozenset({"kind", "ladder"} if rung else {"kind"})
    queries = [Query(term_token(term), base, per_term, weight) for term, weight in weighted]
    # Kind (16 points), ladder (13), distance (12) and hours (8) decide between residents
    # with the same skills: ask the terms again among those who fit on them.
    for term, weight in weighted[:RING_TERMS]:
        token = term_token(term)
        queries.append(Query(token, fits, per_term, weight, fit_facts))
        if hours:
            queries.append(Query(token, (*fits, hours), per_term, weight, fit_facts | {"hours"}))
        for number, ring in enumerate(around):
            near = fit_facts | {f"ring{number}"}
            queries.append(Query(token, (*fits, _in("wijk", ring)), per_term, weight, near))
    # Who wants this kind of work, near it or anywhere, gets a vote too; the last query
    # only matters in a small population, where a top ten includes weaker matches.
    for number, ring in enumerate(around):
        facts = fit_facts | {f"ring{number}"} | ({"hours"} if hours else set())
        filters = _all(*fits, _in("wijk", ring), hours)
        queries.append(Query("", filters, per_term, 0.0, frozenset(facts)))
    queries.append(Query("", fits, per_term, 0.0, fit_facts))
    queries.append(Query("", base, per_term, 0.0))
    return queries


def ladder_filter(opportunity: OpportunityProfile, good: float = 0.75) -> str:
    """Residents whose rung fits this posting's ladder level well (unknown = middle rung)."""
    level = ladder_level(opportunity)
    fitting = [rung for rung, row in LADDER_FIT.items() if row[level] >= good]
    if not fitting or len(fitting) == len(LADDER_FIT):
        return ""
    unknown = " OR ladder_rung IS NULL" if DEFAULT_RUNG in fitting else ""
    return f"({_in('ladder_rung', fitting)}{unknown})"


def resident_hours_fit(opportunity: OpportunityProfile) -> str:
    """Residents whose weekly hours fall within the posting's range (or who did not say)."""
    low, high = opportunity.hours_per_week_min, opportunity.hours_per_week_max
    if low is None and high is None:
        return ""
    low = low or 0
    high = high if high is not None else low
    return f"(hours_per_week IS NULL OR hours_per_week {low} TO {high})"


def resident_condition(
    opportunity: OpportunityProfile, today: date, audience: Audience, caseload: Iterable[str]
) -> Any:
    """Who may be shown, plus the safe filters, as a database condition."""
    condition: Any = Resident.visibility == "findable"
    refs = sorted(caseload)
    if audience == "coach" and refs:
        condition |= (Resident.visibility == "coach") & Resident.ref.is_in(refs)
    if opportunity.min_age is not None:
        born_by = today.year - opportunity.min_age
        condition &= Resident.birth_year.is_null() | (Resident.birth_year <= born_by)
    levels = allowed_language_levels(opportunity)
    if levels is not None:
        known = Resident.language_level.is_in(levels)
        unknown = Resident.language_level == ""
        condition &= known | unknown if DEFAULT_LANGUAGE_LEVEL in levels else known
    return condition


def resident_overlap(opportunity: OpportunityProfile) -> Any:
    """Residents with a skill or interest that this posting credits (database)."""
    skills, interests = candidate_terms(opportunity)
    parts = [Resident.skills.any(s) for s in skills[:20]]
    parts += [Resident.interests.any(i) for i in interests[:10]]
    return reduce(operator.or_, parts) if parts else None
