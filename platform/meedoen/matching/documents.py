"""What an opportunity's search document carries for matching: its facts, weights, place.

The shortlist filters, sorts and pre-ranks on these fields (matching/prerank.py), so the
matching engine's view of a posting lives in the index next to the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from meedoen.indexing.documents import opportunity_document
from meedoen.matching.engine import ladder_level
from meedoen.matching.facts import posting_facts, skill_weight
from meedoen.matching.geography import geo_point
from meedoen.matching.profiles import OpportunityProfile
from meedoen.offload import in_thread
from meedoen.opportunities.service import index_rows


async def opportunity_documents(
    refs: Sequence[str] | None = None, organisation_refs: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The opportunities index's documents (the search fields with the matching fields
    beside them) of the opportunities chosen as ``opportunities.service.index_rows`` does."""
    rows = await index_rows(refs, organisation_refs)
    # Building documents is CPU work (vocabulary matching): in the bounded pool.
    return await in_thread(_documents_of, rows)


def _documents_of(rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[dict[str, Any]]:
    return [indexed_opportunity(opportunity, organisation) for opportunity, organisation in rows]


def indexed_opportunity(
    opportunity: Mapping[str, Any], organisation: Mapping[str, Any]
) -> dict[str, Any]:
    """The indexed document of one opportunity of one organisation."""
    return {**opportunity_document(opportunity, organisation), **matching_fields(opportunity)}


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
