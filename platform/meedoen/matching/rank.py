"""Ranking: best opportunities for a resident, best residents for an opportunity.

Ranking is brute force over the candidates you pass in. For larger sets, put a
search-index shortlist in front: ``shortlist_filter(resident)`` gives constraints
that are *safe* to filter on, meaning that no opportunity they remove could score
``floor`` points or more. They are derived from the same weights as the engine, so
they stay safe when weights change.

What is deliberately NOT in the shortlist filter:

* wijk / distance: distance earns at most ~12-19 of 100 points, so a far-away
  opportunity with a perfect skill fit can still rank high. Sort by distance in the
  index if you like, but do not filter on it.
* hours: an hours mismatch costs at most ~8 points; hours are often negotiable.
* skills / interests: the engine credits related skills the index does not know.

Because the engine is additive, a kind the resident did not ask for can still
score ~70 when everything else is perfect; so the *safe* filter mostly removes
language levels two or more steps too high, too-high minimum ages, closed postings
and far ladder jumps (rung 1-2 to paid work). On the demo corpus it keeps ~90%.
The real pruning happens under it, in ``shortlist.py``: queries per skill, interest
and fit, every hit pre-ranked with the engine's arithmetic, and only the best few
dozen scored here. That is not guaranteed lossless; the bench measures what it loses.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from meedoen.matching.checks import language_penalty
from meedoen.matching.engine import Match, score
from meedoen.matching.factors import KIND_FOR_TRAINING, is_far_jump, kind_value, ladder_level
from meedoen.matching.facts import facts_of
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.scoring import score_pair, weights_by_factor
from meedoen.matching.sides import ResidentSide, resident_side
from meedoen.matching.vocabulary import vocabulary, wish_terms_in
from meedoen.matching.weights import (
    DEFAULT_WEIGHTS,
    KINDS,
    LADDER_FIT,
    LADDER_LEVEL_RUNG,
    LANGUAGE_LEVELS,
    Weights,
)

# Opportunities that cannot reach this score are safe to leave out of a shortlist.
# The 10th-best match of every corpus resident scores above it (lowest: ~34, someone whose
# postings mostly share little with what they can or want); below 1/3 of 100, so a Dutch
# level two steps too high (x0.3) still leaves the shortlist.
DEFAULT_SHORTLIST_FLOOR = 32.0


def top_matches_for_resident(
    resident: ResidentProfile,
    opportunities: Iterable[OpportunityProfile],
    limit: int = 10,
    today: date | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Match]:
    """The best ``limit`` open opportunities for a resident, best first, with reasons.

    Excluded matches (closed, too young) are left out. Ties are broken by ref so the
    order is deterministic. Everything is scored without words; only the best get them.
    """
    day = today or date.today()
    side = resident_side(resident, day, weights)
    scored = (
        (value, opp.ref, opp)
        for opp in opportunities
        if (value := score_pair(side, opp, facts_of(opp))) is not None
    )
    best = heapq.nsmallest(limit, scored, key=lambda item: (-item[0], item[1]))
    return [score(resident, opp, day, weights) for _, _, opp in best]


def top_candidates_for_opportunity(
    opportunity: OpportunityProfile,
    residents: Iterable[ResidentProfile],
    limit: int = 10,
    today: date | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Match]:
    """The best ``limit`` residents for an opportunity, best first (ties by ref)."""
    day = today or date.today()
    facts = facts_of(opportunity)
    scored = (
        (value, res.ref, res)
        for res in residents
        if (value := score_pair(resident_side(res, day, weights), opportunity, facts)) is not None
    )
    best = heapq.nsmallest(limit, scored, key=lambda item: (-item[0], item[1]))
    return [score(res, opportunity, day, weights) for _, _, res in best]


@dataclass(frozen=True)
class ShortlistFilter:
    """Constraints on opportunities that never remove a match scoring >= floor."""

    kinds: tuple[str, ...]
    language_levels: tuple[str, ...]
    max_min_age: int | None
    status: str = "open"

    def allows(self, opportunity: OpportunityProfile) -> bool:
        """Apply the filter in Python (same semantics as ``to_meilisearch``)."""
        if opportunity.status != self.status:
            return False
        if opportunity.kind not in self.kinds:
            return False
        level = opportunity.language_level
        if level is not None and level not in self.language_levels:
            return False
        too_young = self.max_min_age is not None and (opportunity.min_age or 0) > self.max_min_age
        return not too_young

    def to_meilisearch(self) -> list[str]:
        """Meilisearch filter expressions (AND-ed as a list).

        Needs ``status``, ``kind``, ``language_level`` and ``min_age`` as filterable
        attributes. Opportunities without a language level are kept.
        """
        expressions = [
            f"status = {json.dumps(self.status)}",
            f"kind IN {json.dumps(list(self.kinds))}",
            "(language_level IS NULL OR language_level IN "
            f"{json.dumps(list(self.language_levels))})",
        ]
        if self.max_min_age is not None:
            expressions.append(f"(min_age IS NULL OR min_age <= {self.max_min_age})")
        return expressions


def shortlist_filter(
    resident: ResidentProfile,
    today: date | None = None,
    floor: float = DEFAULT_SHORTLIST_FLOOR,
    weights: Weights = DEFAULT_WEIGHTS,
) -> ShortlistFilter:
    """Safe index constraints for a resident: see the module docstring.

    A kind is dropped only when, even with every other factor perfect, its kind and
    ladder scores keep it below ``floor``. A language level is dropped only when the
    language penalty alone keeps a perfect match below ``floor``. Age is a hard
    filter in the engine, so it is always safe. The bounds are the score's own arithmetic
    for this resident as given (their summary included, as the pre-rank sees them).
    """
    day = today or date.today()
    side = resident_side(resident, day, weights)
    kinds = tuple(k for k in KINDS if _kind_upper_bound(side, k) >= floor)
    levels = tuple(
        level
        for step, level in enumerate(LANGUAGE_LEVELS)
        if can_reach(floor, step - side.language, weights)
    )
    return ShortlistFilter(kinds=kinds, language_levels=levels, max_min_age=side.age)


def can_reach(floor: float, language_gap: int, weights: Weights = DEFAULT_WEIGHTS) -> bool:
    """Can a perfect match reach ``floor`` when the posting asks ``language_gap`` levels
    more Dutch than the resident has? (The penalty of ``checks.language``.)"""
    return 100 * language_penalty(language_gap, weights.penalties) >= floor


def _kind_upper_bound(side: ResidentSide, kind: str) -> float:
    """Highest score any opportunity of ``kind`` could get for this resident.

    The score's own arithmetic with every factor perfect except kind and ladder, which are
    at their best for the kind: the resident's own factor weights (``scoring``), the kind
    value of ``factors.kind`` and the far-jump penalty of ``factors.ladder``. A factor that
    cannot be judged leaves the average, which only lowers a perfect score; every check
    only lowers it too.
    """
    weights = weights_by_factor(side)
    levels = _ladder_levels_of(kind)
    fit = max(LADDER_FIT[side.rung][level] for level in levels)
    kind_fit = kind_value(side.resident.preferred_kinds, kind, paid=True)
    if side.studying:
        kind_fit = max(kind_fit, KIND_FOR_TRAINING)
    total = sum(weights.values())
    best = total - weights["kind"] * (1 - kind_fit) - weights["ladder"] * (1 - fit)
    step = min(LADDER_LEVEL_RUNG[level] for level in levels) - side.rung
    far = side.resident.ladder_rung is not None and is_far_jump(step, fit)
    penalty = side.weights.penalties.ladder_far_jump if far else 1.0
    return 100 * best / total * penalty


def _ladder_levels_of(kind: str) -> set[str]:
    """The ladder levels a posting of ``kind`` can sit at, by its suitable_for labels."""
    return {
        ladder_level(
            OpportunityProfile(ref="", kind=kind, suitable_for=labels, hours_per_week_min=0)
        )
        for labels in ((), ("zonder_ervaring",), ("met_begeleiding",))
    }


def shortlist_terms(resident: ResidentProfile) -> list[str]:
    """Search words for a ranked index query: skills, related skills, interests, wishes.

    Not a safe filter (see module docstring): use as the query text, not as a filter.
    """
    vocab = vocabulary()
    terms: list[str] = list(resident.skills)
    for skill in resident.skills:
        terms += [want for (have, want), f in vocab.related.items() if have == skill and f >= 0.5]
    for interest in resident.interests:
        fit = vocab.interests.get(interest)
        terms += [interest] if fit is None else sorted(fit.sectors) + list(fit.words)
    terms += list(wish_terms_in(resident.summary))
    soft = vocab.soft_skills
    return list(dict.fromkeys(t for t in terms if t not in soft))
