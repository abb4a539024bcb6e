"""Where the best postings for a resident are: the queries of the shortlist (see shortlist.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from meedoen.matching.facts import PostingFacts, summary_facts
from meedoen.matching.prerank import ResidentSide, estimate
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.rank import shortlist_filter
from meedoen.matching.shortlist import (
    MAX_SKILLS,
    Pool,
    Query,
    combinations,
    equals,
    free_ring,
    good_ladder_levels,
    has_all,
    is_in,
    most_of,
    nearest_first,
    spread,
)
from meedoen.matching.vocabulary import vocabulary
from meedoen.matching.words import wanted_words

# What a search hit of the opportunities index brings for the pre-rank.
POSTING_FIELDS = (
    "ref",
    "kind",
    "title",
    "skills",
    "sector",
    "wijk",
    "postcode",
    "hours_per_week_min",
    "hours_per_week_max",
    "paid",
    "suitable_for",
    "language_level",
    "min_age",
    "status",
    "matching",
)
# Hits per round trip, shared among its queries (``spread``; every query has one share).
# Measured with bench/matching_bench.py: more hits find more of the brute-force top ten
# and cost time (~40 microseconds a hit, most of it in Meilisearch).
EXPLORE_BUDGET = 1500
EXPAND_BUDGET = 1200
SHARE = 1
# Kinds of posting to expand: the distinct ones among the best so many found.
EXPAND_FROM = 20
EXPAND_SHAPES = 6


class PostingPool(Pool):
    """Postings found for one resident, pre-ranked with the engine's arithmetic."""

    def __init__(self, resident: ResidentProfile, today: date) -> None:
        self.side = ResidentSide(resident, today)
        super().__init__(self._score)

    def _score(self, hit: Mapping[str, Any]) -> float | None:
        # A document indexed before the facts existed is estimated as if its text said
        # nothing; the engine, which reads the text, has the last word anyway.
        facts = PostingFacts.from_document(hit.get("matching")) or PostingFacts()
        return estimate(self.side, OpportunityProfile.from_corpus(hit), facts)


def own_skills(resident: ResidentProfile) -> list[str]:
    """The skills a posting can ask of this resident with full credit (licences included)."""
    vocab = vocabulary()
    skills = list(resident.skills)
    if resident.has_driving_licence:
        skills.append("rijbewijs B")
    for licence, implied in vocab.licence_implies.items():
        if licence in skills:
            skills += sorted(implied)
    return list(dict.fromkeys(skills))


def related_skills(resident: ResidentProfile, own: Sequence[str]) -> list[str]:
    """Skills that earn partial credit (heftruck -> reachtruck), not already own."""
    related = vocabulary().related
    found = {want for (have, want), f in related.items() if have in own and f >= 0.5}
    return sorted(found - set(own))


def hours_fit(hours: int | None) -> str:
    """Postings whose hours range holds ``hours`` (the engine's full hours score)."""
    if hours is None:
        return ""
    return (
        f"(hours_per_week_min IS NULL OR hours_per_week_min <= {int(hours)}) AND "
        f"(hours_per_week_max IS NULL OR hours_per_week_max >= {int(hours)})"
    )


def interest_filter(resident: ResidentProfile) -> str:
    """Postings in a field the resident is interested in (engine._interest_fit)."""
    vocab = vocabulary()
    fits = [vocab.interests[i] for i in resident.interests if i in vocab.interests]
    if not fits:
        return ""
    sectors = sorted({s for fit in fits for s in fit.sectors})
    skills = sorted({s for fit in fits for s in fit.skills})
    known = [i for i in resident.interests if i in vocab.interests]
    parts = [is_in("matching.title_interests", known)]
    if sectors:
        parts.append(is_in("sector", sectors))
    if skills:
        parts.append(is_in("skills", skills))
    return "(" + " OR ".join(parts) + ")"


def own_words_query(resident: ResidentProfile, most: int = 10) -> str:
    """The resident's rarest own words (at most ten: Meilisearch reads no more)."""
    found = sorted(wanted_words(resident.summary), key=lambda w: -w.weight)
    return " ".join([w.word for w in found if " " not in w.word][:most])


def explore_queries(resident: ResidentProfile, today: date) -> list[Query]:
    """The first round: one query per thing the engine rewards, under the safe filter.

    Skills earn the most points, so most queries ask for the resident's skills: each on
    its own (postings asking few other skills first: the resident covers most of what
    they ask), in the wanted kinds and in the others (a good fit of a kind the resident
    did not name can still rank), and in combinations. Then related skills, the interest
    sectors, the summary's wishes, a fitting rung, kind and hours close to home, and
    anything of the wanted kinds.
    """
    safe = shortlist_filter(resident, today)
    if not safe.kinds:
        return []
    base = (*safe.to_meilisearch(), "organisation_verified = true")
    wanted_kinds = [k for k in resident.preferred_kinds if k in safe.kinds] or list(safe.kinds)
    wanted = (*base, is_in("kind", wanted_kinds))
    near = nearest_first(resident.wijk, resident.postcode)
    covered = ("skill_weight:asc", *near)
    hours = hours_fit(resident.hours_per_week)
    own = own_skills(resident)[:MAX_SKILLS]
    queries = [Query((*wanted, equals("skills", skill)), SHARE, covered) for skill in own]
    other_kinds = [k for k in safe.kinds if k not in wanted_kinds]
    if other_kinds:
        others = (*base, is_in("kind", other_kinds))
        queries += [Query((*others, equals("skills", skill)), SHARE, covered) for skill in own]
    queries += [
        Query((*base, *has_all("skills", combo)), SHARE, covered) for combo in combinations(own)
    ]
    related = related_skills(resident, own)
    if related:
        queries.append(Query((*wanted, is_in("skills", related)), SHARE, covered))
    interests = interest_filter(resident)
    if interests:
        queries.append(Query((*wanted, interests), SHARE, near))
        if hours:
            queries.append(Query((*wanted, interests, hours), SHARE, near))
    wishes = list(summary_facts(resident.summary).wishes)
    if wishes:
        said = f"({is_in('matching.wishes_in_title', wishes)} OR "
        said += f"{is_in('matching.wishes_in_text', wishes)})"
        queries.append(Query((*wanted, said), SHARE, near))
    said = own_words_query(resident)
    if said:
        # The resident's own words, searched in the postings' text (Meilisearch's ranking).
        queries.append(Query(base, 2 * SHARE, (), said))
        queries.append(Query(wanted, 2 * SHARE, (), said))
    # Fitting kind, rung and hours close to home: what counts when skills say little.
    ladder = is_in("ladder_level", good_ladder_levels(resident.ladder_rung))
    queries.append(Query(tuple(f for f in (*wanted, ladder, hours) if f), SHARE, near))
    # Anything wanted, in no order (cheap): in a small district, where the top ten reaches
    # weak matches, that is everything.
    queries.append(Query(wanted, 3 * SHARE))
    return spread(queries, EXPLORE_BUDGET)


def expand_queries(resident: ResidentProfile, today: date, pool: PostingPool) -> list[Query]:
    """The second round: postings like the best found so far (kind, sector and the skills
    of the resident they ask for, but one), close by, with fitting hours, and in ref order
    where travel costs nothing (see ``free_ring``)."""
    safe = shortlist_filter(resident, today)
    base = (*safe.to_meilisearch(), "organisation_verified = true")
    near = nearest_first(resident.wijk, resident.postcode)
    ring = free_ring(resident.wijk, resident.postcode)
    hours = hours_fit(resident.hours_per_week)
    own = set(own_skills(resident))
    queries: list[Query] = []
    shapes: set[tuple[Any, ...]] = set()
    for ref in pool.best(EXPAND_FROM):
        hit = pool.hits[ref]
        skills = tuple(sorted(own.intersection(hit.get("skills") or ())))
        shape = (str(hit.get("kind") or ""), hit.get("sector") or None, skills)
        if shape in shapes:
            continue
        shapes.add(shape)
        like = (*base, equals("kind", shape[0]), *most_of("skills", skills))
        if shape[1]:
            like = (*like, equals("sector", shape[1]))
        queries.append(Query(like, SHARE, near))
        if hours:
            queries.append(Query((*like, hours), SHARE, near))
        if ring:
            queries.append(Query((*like, ring), SHARE, ("ref:asc",)))
        if len(shapes) >= EXPAND_SHAPES:
            break
    return spread(queries, EXPAND_BUDGET)
