"""What a domain needs from a domain above it, handed in as Litestar dependencies.

A domain never imports a domain that uses it (docs/architecture.md). When one of its
pages needs an answer only a domain above it can give — the resident's profile shows the
kansen that match, which matching works out from that very profile; registering for an
organisation creates the organisation, which organisations owns — the lower domain names
what it needs as a type, and this module, which may import every domain, provides it.
"""

from __future__ import annotations

from typing import Any

from litestar.di import Provide

from meedoen.accounts.policies import current_user
from meedoen.coaching.matches import match_list
from meedoen.matching import geography
from meedoen.opportunities.travel import TravelFromHome
from meedoen.organisations.service import found_organisation
from meedoen.placements.caseload import active_coach_ids
from meedoen.residents.service import CvReaders, Resident, Suggestions, resident_of
from meedoen.responses.proposals import proposals_for
from meedoen.responses.service import organisations_sent_cv
from meedoen.search.gateway import SearchGateway

RECOMMENDATIONS_ON_PROFILE = 5


async def cv_readers_of(resident_id: int) -> CvReaders:
    return CvReaders(
        coach_ids=await active_coach_ids(resident_id),
        organisation_ids=await organisations_sent_cv(resident_id),
    )


async def suggestions_for(search: SearchGateway, resident: Resident) -> Suggestions:
    return Suggestions(
        recommendations=await match_list(search, resident, limit=RECOMMENDATIONS_ON_PROFILE),
        proposals=await proposals_for(resident.id),
    )


async def travel_for(request: Any) -> TravelFromHome | None:
    """Cycling minutes from the signed-in resident's own wijk, for cards and kans pages."""
    user = current_user(request)
    if user is None or user.role != "resident":
        return None
    resident = await resident_of(user.account_id)
    home = geography.place_for(resident.wijk) if resident is not None else None
    if resident is None or home is None:
        return None

    def minutes(wijk: str, postcode: str | None) -> int | None:
        place = geography.place_for(wijk, postcode)
        return None if place is None else max(1, round(geography.cycling_minutes(home, place)))

    return TravelFromHome(resident.wijk, minutes)


def _constant(value: Any) -> Provide:
    return Provide(lambda: value, use_cache=True, sync_to_thread=False)


def domain_dependencies() -> dict[str, Provide]:
    """The dependencies domains name for answers from the domains above them."""
    return {
        "cv_readers_of": _constant(cv_readers_of),
        "found_organisation": _constant(found_organisation),
        "suggestions_for": _constant(suggestions_for),
        "travel_for": _constant(travel_for),
    }
