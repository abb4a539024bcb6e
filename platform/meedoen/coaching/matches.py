"""The match list a coach proposes placements from: the matching engine's best
published opportunities for a resident, with the opportunity's title and organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meedoen.i18n import current_language
from meedoen.matching.reasons import for_the_coach
from meedoen.matching.service import matches_for_resident
from meedoen.opportunities.service import Opportunity, posting_summaries, published_opportunity
from meedoen.residents.service import Resident
from meedoen.search.gateway import SearchGateway


@dataclass(frozen=True)
class MatchItem:
    opportunity_ref: str
    title: str
    organisation_name: str
    kind: str
    wijk: str
    hours_per_week_min: int
    hours_per_week_max: int
    score: float
    reasons: list[str]
    concerns: list[str]


async def match_list(search: SearchGateway, resident: Resident, limit: int = 10) -> list[MatchItem]:
    matches = await matches_for_resident(search, resident.ref, limit)
    refs = [m.opportunity_ref for m in matches]
    rows: dict[str, dict[str, Any]] = await posting_summaries(refs)
    language = current_language()
    return [
        MatchItem(
            opportunity_ref=m.opportunity_ref,
            title=rows[m.opportunity_ref]["title"],
            organisation_name=rows[m.opportunity_ref]["organisation_name"],
            kind=rows[m.opportunity_ref]["kind"],
            wijk=rows[m.opportunity_ref]["wijk"],
            hours_per_week_min=rows[m.opportunity_ref]["hours_per_week_min"],
            hours_per_week_max=rows[m.opportunity_ref]["hours_per_week_max"],
            score=m.score,
            # Written for the coach about the resident, by first name, not to the resident.
            reasons=[for_the_coach(r, language, resident.first_name) for r in m.reasons[:3]],
            concerns=[for_the_coach(c, language, resident.first_name) for c in m.concerns[:2]],
        )
        for m in matches
        if m.opportunity_ref in rows
    ]


async def proposable_opportunity(ref: str) -> Opportunity | None:
    """An opportunity a coach may propose: published by a verified, unblocked organisation."""
    return await published_opportunity(ref)
