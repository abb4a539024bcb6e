"""The one scoring function: how well does a posting fit a resident, as a coach would judge?

``score_pair`` is the only place where a match is scored. The engine (``engine.score``,
which also wants to know *why*), the pre-rank of the shortlist (``prerank.estimate``, which
ranks thousands of search hits) and the ranking (``rank.py``) all call it. The score is
built in two steps, with every number in ``weights.py``:

1. a weighted average of factor values between 0 and 1 (``factors.py``: skills, kind,
   ladder, distance, interests, wishes, hours, suitability), where a factor that cannot be
   judged (missing data) leaves the average;
2. multiplied by the penalties of hard-ish problems (``checks.py``: language, licence,
   shifts someone does not want, ...), and by ``little_in_common`` when none of what the
   resident can or wants (skills, interests, own words, training) is in the posting.
   Closed postings and residents below the minimum age are excluded (``None``).

Reasons are an optional observer (``Notes``): pass one and every factor and check tells
it what it found, strongest first later; pass none and nothing is written. The posting's
text is only known through its ``PostingFacts`` (``facts.py``), which the search index
stores, so the pre-rank and the engine see exactly the same posting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from meedoen.matching import checks, factors
from meedoen.matching.facts import PostingFacts
from meedoen.matching.pair import Notes, Pair
from meedoen.matching.profiles import OpportunityProfile
from meedoen.matching.reasons import Reason, reason
from meedoen.matching.sides import ResidentSide
from meedoen.matching.weights import LITTLE_IN_COMMON

__all__ = ["Collected", "Notes", "plan_weights", "score_pair", "weights_by_factor"]


@dataclass
class Collected:
    """Notes kept in order of strength (ties in the order they were found)."""

    reasons: list[tuple[float, Reason]] = field(default_factory=list)
    concerns: list[tuple[float, Reason]] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)

    def good(self, strength: float, item: Reason) -> None:
        self.reasons.append((strength, item))

    def weak(self, severity: float, item: Reason) -> None:
        self.concerns.append((severity, item))

    def value(self, name: str, value: float) -> None:
        self.values[name] = value

    @staticmethod
    def ordered(items: list[tuple[float, Reason]]) -> list[Reason]:
        return [item for _, item in sorted(items, key=lambda pair: -pair[0])]


# name, weight of the factor (from the weights), the factor
Plan = tuple[tuple[str, Callable[[ResidentSide], float], factors.Factor], ...]
PLAN: Plan = (
    ("skills", factors.skills_weight, factors.skills),
    ("kind", lambda side: side.weights.factors.kind, factors.kind),
    ("ladder", lambda side: side.weights.factors.ladder, factors.ladder),
    ("distance", factors.distance_weight, factors.distance),
    ("interests", lambda side: side.weights.factors.interests, factors.interests),
    ("words", lambda side: side.weights.factors.words, factors.own_words),
    ("training", factors.training_weight, factors.learning),
    ("hours", lambda side: side.weights.factors.hours, factors.hours),
    ("suitability", factors.suitability_weight, factors.suitability),
)


def score_pair(
    side: ResidentSide,
    opportunity: OpportunityProfile,
    facts: PostingFacts,
    notes: Notes | None = None,
) -> float | None:
    """The score (0-100, one decimal) of ``opportunity`` for the resident of ``side``;
    None when the pair is excluded (closed, too young)."""
    if excluded(side, opportunity, notes):
        return None
    pair = Pair(side, opportunity, facts, notes)
    total = weighted = 0.0
    content: float | None = None
    for (name, _, factor), weight in zip(PLAN, plan_weights(side), strict=True):
        value = factor(pair, weight)
        if value is not None:
            total += weight
            weighted += weight * value
            if name in CONTENT:
                content = value if content is None else max(content, value)
            if notes is not None:
                notes.value(name, value)
    base = 100.0 * weighted / total if total else 0.0
    if content is not None and content < LITTLE_IN_COMMON:
        # The other factors (kind, ladder, near, hours) say where and when, not what: a
        # posting that shares nothing with what someone can or wants is a fallback.
        pair.penalties.append(side.weights.penalties.little_in_common)
        if notes is not None:
            notes.weak(2.5, reason("little_in_common"))
    for check in checks.CHECKS:
        check(pair)
    penalty = 1.0
    for factor_penalty in pair.penalties:
        penalty *= factor_penalty
    return round(max(0.0, min(100.0, base * penalty)), 1)


# The factors that say *what* someone can and wants to do (the others say where, when and
# which kind): a posting should share at least one of them.
CONTENT = frozenset(("skills", "interests", "words", "training"))


def plan_weights(side: ResidentSide) -> tuple[float, ...]:
    """The weight of each factor of the plan for this resident (worked out once)."""
    found = side.plan_weights
    if found is None:
        found = side.plan_weights = tuple(weight_of(side) for _, weight_of, _ in PLAN)
    return found


def weights_by_factor(side: ResidentSide) -> dict[str, float]:
    """The weight of each factor for this resident, by name (the shortlist's bounds)."""
    return {name: weight for (name, _, _), weight in zip(PLAN, plan_weights(side), strict=True)}


def excluded(side: ResidentSide, opportunity: OpportunityProfile, notes: Notes | None) -> bool:
    """Hard filters: a closed posting, a resident below the minimum age.

    An unknown age is no reason to hide a posting: a concern lets the coach ask.
    """
    if not opportunity.is_open:
        if notes is not None:
            notes.weak(10, reason("closed"))
        return True
    minimum = opportunity.min_age
    if minimum is None:
        return False
    if side.age is None:
        if notes is not None and minimum >= 18:
            notes.weak(1, reason("age_unknown", min_age=minimum))
        return False
    if side.age < minimum:
        if notes is not None:
            notes.weak(10, reason("too_young", min_age=minimum))
        return True
    return False
