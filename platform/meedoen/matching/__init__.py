"""Matching residents with opportunities (pure Python, no I/O except the vocabulary).

Public API::

    from meedoen.matching import ResidentProfile, OpportunityProfile, score, explain
    from meedoen.matching import top_matches_for_resident, top_candidates_for_opportunity
    from meedoen.matching import shortlist_filter
"""

from meedoen.matching.engine import Match, explain, score
from meedoen.matching.profiles import OpportunityProfile, ResidentProfile
from meedoen.matching.rank import (
    ShortlistFilter,
    shortlist_filter,
    shortlist_terms,
    top_candidates_for_opportunity,
    top_matches_for_resident,
)
from meedoen.matching.reasons import Reason

__all__ = [
    "Match",
    "OpportunityProfile",
    "Reason",
    "ResidentProfile",
    "ShortlistFilter",
    "explain",
    "score",
    "shortlist_filter",
    "shortlist_terms",
    "top_candidates_for_opportunity",
    "top_matches_for_resident",
]
