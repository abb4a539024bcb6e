"""Shortlists: which few dozen candidates the engine scores, found in the index or the database.

The engine scores one pair in ~0.15 ms and reads texts; scoring a district of 50,000
postings (or 100,000 residents) for every page view is out of the question. So a
shortlist is built in three steps, none of which scores every pair:

1. **Explore** (one multi-search round trip). Filter-only queries under the *safe*
   filter (``rank.shortlist_filter``: closed, too young and hopeless language levels or
   kinds never come back), one per thing the score rewards: each of the resident's
   skills and combinations of them, within the wanted kinds and also beyond them, with
   fitting hours, in the interest sectors, the summary's wishes, a fitting rung on the
   participatieladder. Each comes back nearest first (``_geoPoint``: the engine measures
   travel between the same centroids) or best skill coverage first (``skill_weight``).
2. **Pre-rank** every hit with ``prerank.estimate``: the engine's arithmetic on the
   fields the index returns (for a posting that is the whole score, its text already
   reduced to facts at indexing time).
3. **Expand** (a second round trip): the best postings found tell which *kinds of
   posting* pay off (kind, sector, the skills that earned credit). The district has many
   near-copies of those, and the engine tells them apart by distance and hours, so
   postings like each of the best few are asked for again, nearest first and with
   fitting hours. Everything is pre-ranked; the best ``keep`` are loaded from the
   database and scored by the engine, which writes the reasons.

``bench/matching_bench.py`` measures what this loses against scoring everything (recall
of the brute-force top ten). When search is down, the database gives the safe filter in
SQL instead, narrowed by skill/interest overlap only when that would leave too many rows.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from meedoen.matching import geography
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.rank import (
    DEFAULT_SHORTLIST_FLOOR,
    can_reach,
    shortlist_filter,
    shortlist_terms,
)
from meedoen.matching.vocabulary import vocabulary
from meedoen.matching.weights import (
    DEFAULT_LANGUAGE_LEVEL,
    DEFAULT_WEIGHTS,
    LADDER_FIT,
    LANGUAGE_LEVELS,
    scored_rung,
)
from meedoen.opportunities.for_matching import PostingFilter
from meedoen.residents.for_matching import Overlap, ResidentFilter

Audience = Literal["organisation", "coach"]
AUDIENCES: tuple[Audience, ...] = ("organisation", "coach")

# How many pre-ranked candidates the engine scores. For a posting the pre-rank is the
# engine's score itself, so this only absorbs an index that lags the database.
DEFAULT_KEEP = 40
# Above this many rows the database shortlist also asks for a shared skill or interest.
DATABASE_SCORE_CAP = 3000
# Combinations of own skills are asked up to this size (and all of them together).
MAX_COMBINATION = 3
# At most this many of someone's skills get their own queries.
MAX_SKILLS = 6


@dataclass(frozen=True)
class Query:
    """One filter-only query of a multi-search: what it asks, how many, in which order.

    Builders give ``limit`` as a share of the round trip's budget (see ``spread``).
    """

    filters: tuple[str, ...]
    limit: int
    sort: tuple[str, ...] = ()
    q: str = ""
    """Words to search for (the resident's own words); empty: filters only."""

    def as_payload(self, index_uid: str, fields: Sequence[str]) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "indexUid": index_uid,
            "q": self.q,
            "filter": list(self.filters),
            "limit": self.limit,
            "attributesToRetrieve": list(fields),
        }
        if self.sort:
            payload["sort"] = list(self.sort)
        if self.q:
            # Most common words go first when no posting has them all (search/README.md).
            payload["matchingStrategy"] = "frequency"
        return payload


class Pool:
    """Candidates found so far, each pre-ranked once; the best come out first.

    ``estimate`` turns a search hit into a score, or None when the engine would exclude
    the pair. Ties go to the lower ref, as in ``rank``.
    """

    def __init__(self, estimate: Callable[[Mapping[str, Any]], float | None]) -> None:
        self._estimate = estimate
        self.scores: dict[str, float] = {}
        self.hits: dict[str, Mapping[str, Any]] = {}
        self.seen: set[str] = set()

    def add(self, hits: Iterable[Mapping[str, Any]]) -> None:
        for hit in hits:
            ref = str(hit["ref"])
            if ref in self.seen:
                continue
            self.seen.add(ref)
            value = self._estimate(hit)
            if value is not None:
                self.scores[ref] = value
                self.hits[ref] = hit

    def best(self, count: int) -> list[str]:
        """The ``count`` best refs, best first."""
        ranked = sorted(self.scores.items(), key=lambda item: (-item[1], item[0]))
        return [ref for ref, _ in ranked[:count]]

    def __len__(self) -> int:
        return len(self.seen)


def spread(queries: Sequence[Query], budget: int, least: int = 20, most: int = 400) -> list[Query]:
    """Share ``budget`` hits among ``queries`` in proportion to their ``limit``.

    Someone with two skills gets few queries, each of which can go deep; someone with
    six gets many, each shallower: the round trip costs about the same.
    """
    total = sum(query.limit for query in queries)
    if not total:
        return list(queries)
    return [
        replace(query, limit=max(least, min(most, round(budget * query.limit / total))))
        for query in queries
    ]


# --- filter and sort expressions -----------------------------------------------------


def is_in(attribute: str, values: Iterable[Any]) -> str:
    return f"{attribute} IN {json.dumps(list(values), ensure_ascii=False)}"


def equals(attribute: str, value: Any) -> str:
    return f"{attribute} = {json.dumps(value, ensure_ascii=False)}"


def has_all(attribute: str, values: Iterable[str]) -> tuple[str, ...]:
    return tuple(equals(attribute, value) for value in values)


def most_of(attribute: str, values: Sequence[str]) -> tuple[str, ...]:
    """All ``values`` but one at most, as a filter (all of them when there are two or fewer).

    A near-copy of a posting (or a resident) often swapped or added one skill.
    """
    if len(values) <= 2:
        return has_all(attribute, values)
    groups = [
        " AND ".join(has_all(attribute, combo))
        for combo in itertools.combinations(values, len(values) - 1)
    ]
    return ("(" + " OR ".join(f"({group})" for group in groups) + ")",)


def nearest_first(wijk: str | None, postcode: str | None = None) -> tuple[str, ...]:
    """Sort nearest first, ties by ref (like the engine's ranking); unsorted without a place."""
    point = geography.geo_point(wijk, postcode)
    if point is None:
        return ()
    return (f"_geoPoint({point['lat']}, {point['lng']}):asc", "ref:asc")


def free_ring(wijk: str | None, postcode: str | None = None) -> str:
    """Wijken within the minutes the engine does not count as travel, as a filter.

    Within them distance scores the same, so the engine ranks equal candidates by ref;
    asked in ref order, the index gives the same ones.
    """
    home = geography.place_for(wijk, postcode)
    if home is None:
        return ""
    free = DEFAULT_WEIGHTS.travel.free_minutes
    ring = [
        name
        for name, place in geography.WIJKEN.items()
        if geography.cycling_minutes(home, place) <= free
    ]
    return is_in("wijk", ring)


def combinations(items: Sequence[str], largest: int = MAX_COMBINATION) -> list[tuple[str, ...]]:
    """Combinations of two up to ``largest`` items, and all of them together."""
    sizes = list(range(2, min(largest, len(items)) + 1))
    if len(items) > largest:
        sizes.append(len(items))
    return [combo for size in sizes for combo in itertools.combinations(items, size)]


def good_ladder_levels(rung: int | None, good: float = 0.75) -> list[str]:
    """Ladder levels that fit a resident's rung well (unknown: the middle rung)."""
    row = LADDER_FIT[scored_rung(rung)]
    return [level for level, fit in row.items() if fit >= good]


# --- database fallback ---------------------------------------------------------------


def posting_filter(resident: ResidentProfile, today: date) -> PostingFilter:
    """The safe shortlist filter for the database (published postings only)."""
    safe = shortlist_filter(resident, today, DEFAULT_SHORTLIST_FLOOR)
    return PostingFilter(
        kinds=list(safe.kinds),
        language_levels=list(safe.language_levels),
        max_min_age=safe.max_min_age,
    )


def with_posting_overlap(wanted: PostingFilter, resident: ResidentProfile) -> PostingFilter | None:
    """``wanted``, narrowed to postings sharing a skill or an interest sector with the
    resident; None when the resident names neither."""
    vocab = vocabulary()
    skills = [t for t in shortlist_terms(resident) if t not in vocab.interests][:20]
    sectors = sorted(
        {s for i in resident.interests if (fit := vocab.interests.get(i)) for s in fit.sectors}
    )
    if not skills and not sectors:
        return None
    return replace(wanted, skills=skills, sectors=sectors)


def allowed_language_levels(opportunity: OpportunityProfile) -> list[str] | None:
    """Own levels that keep a perfect match above the floor (the same rule as
    ``rank.shortlist_filter``: two or more levels short cannot)."""
    required = opportunity.language_level
    if required not in LANGUAGE_LEVELS:
        return None
    need = LANGUAGE_LEVELS.index(required)
    return [
        level
        for step, level in enumerate(LANGUAGE_LEVELS)
        if can_reach(DEFAULT_SHORTLIST_FLOOR, need - step)
    ]


def resident_filter(
    opportunity: OpportunityProfile, today: date, audience: Audience, caseload: Iterable[str]
) -> ResidentFilter:
    """Who may be shown, plus the safe filters, for the database."""
    refs = sorted(caseload)
    levels = allowed_language_levels(opportunity)
    return ResidentFilter(
        coach_caseload=refs if audience == "coach" else (),
        born_by=None if opportunity.min_age is None else today.year - opportunity.min_age,
        language_levels=levels,
        unknown_level=levels is not None and DEFAULT_LANGUAGE_LEVEL in levels,
    )


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


def resident_overlap(opportunity: OpportunityProfile, caseload: Iterable[str]) -> Overlap | None:
    """Residents with a skill or interest that this posting credits, and the caseload
    anyway (database); None when the posting credits none."""
    skills, interests = candidate_terms(opportunity)
    if not skills[:20] and not interests[:10]:
        return None
    return Overlap(skills=skills[:20], interests=interests[:10], refs=sorted(caseload))
