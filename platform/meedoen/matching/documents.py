"""What an opportunity's search document carries for matching: its facts, weights, place.

The shortlist filters, sorts and pre-ranks on these fields (matching/prerank.py), so the
matching engine's view of a posting lives in the index next to the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from meedoen.matching.engine import ladder_level
from meedoen.matching.facts import posting_facts, skill_weight
from meedoen.matching.geography import geo_point
from meedoen.matching.profiles import OpportunityProfile


def matching_fields(opportunity: Mapping[str, Any]) -> dict[str, Any]:
    """What the matching shortlist filters, sorts and pre-ranks on (matching/prerank.py).

    ``_geo`` is the centroid of the wijk (or postcode area) the engine measures travel
    from; ``skill_weight`` what the skills weigh in the engine (fewer: a resident covers
    more of them); ``matching`` holds the engine's answers about the text (``PostingFacts``), so
    thousands of candidates are ranked without their descriptions.
    """
    profile = OpportunityProfile.from_corpus(opportunity)
    fields: dict[str, Any] = {
        "ladder_level": ladder_level(profile),
        "skill_weight": skill_weight(profile.skills),
        "matching": posting_facts(profile).as_document(),
    }
    point = geo_point(profile.wijk, profile.postcode)
    if point is not None:
        fields["_geo"] = point
    return fields
