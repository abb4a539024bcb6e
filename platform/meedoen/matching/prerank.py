"""The pre-rank: the score of thousands of search hits, without writing a word.

The shortlist (``shortlist.py``) pre-ranks every hit of its queries and lets the engine
score only the best few dozen. It calls the one scoring function (``scoring.score_pair``)
without notes, on the posting's fields from the index and its text facts (``PostingFacts``,
stored with the document): so the estimate *is* the engine's score, and a change to the
score changes both. The residents index holds no summaries; the service adds them from the
database before the pre-rank.
"""

from __future__ import annotations

from meedoen.matching.facts import PostingFacts
from meedoen.matching.profiles import OpportunityProfile
from meedoen.matching.scoring import score_pair
from meedoen.matching.sides import ResidentSide

__all__ = ["ResidentSide", "estimate"]


def estimate(side: ResidentSide, opp: OpportunityProfile, found: PostingFacts) -> float | None:
    """The engine's score of this pair (None when the engine would exclude it)."""
    return score_pair(side, opp, found)
