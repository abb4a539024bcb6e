"""The matching engine: one resident, one posting, a score and the reasons for it.

``score()`` is the scoring function (``scoring.py``) with a notebook attached: every factor
and check writes down what it found, in Dutch and English, strongest first. Closed postings
and residents below the minimum age are excluded with a concern explaining why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from meedoen.matching.factors import ladder_level
from meedoen.matching.facts import facts_of
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.reasons import Reason
from meedoen.matching.scoring import Collected, score_pair
from meedoen.matching.sides import resident_side
from meedoen.matching.weights import DEFAULT_WEIGHTS, Weights

__all__ = ["Match", "Reason", "explain", "ladder_level", "score"]


@dataclass(frozen=True)
class Match:
    """The outcome of matching one resident with one opportunity."""

    resident_ref: str
    opportunity_ref: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    concerns: list[Reason] = field(default_factory=list)
    excluded: bool = False
    factors: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def ref(self) -> str:
        """The opportunity this match is about."""
        return self.opportunity_ref


def score(
    resident: ResidentProfile,
    opportunity: OpportunityProfile,
    today: date,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Match:
    """Score how well ``opportunity`` fits ``resident`` on ``today`` (0-100), with reasons.

    Closed opportunities and residents below the minimum age are excluded
    (``excluded=True``, score 0) with a concern explaining why.
    """
    notes = Collected()
    side = resident_side(resident, today, weights)
    value = score_pair(side, opportunity, facts_of(opportunity), notes)
    return Match(
        resident_ref=resident.ref,
        opportunity_ref=opportunity.ref,
        score=0.0 if value is None else value,
        reasons=notes.ordered(notes.reasons),
        concerns=notes.ordered(notes.concerns),
        excluded=value is None,
        factors=notes.values,
    )


def explain(match: Match, lang: str = "nl") -> dict[str, Any]:
    """A JSON-ready summary of a match for the CLI and API (Dutch texts by default)."""
    return {
        "ref": match.opportunity_ref,
        "resident_ref": match.resident_ref,
        "score": match.score,
        "reasons": [r.text(lang) for r in match.reasons],
        "concerns": [c.text(lang) for c in match.concerns],
        "excluded": match.excluded,
    }
