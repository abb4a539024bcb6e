"""Finding a resident or placement for a coach, with the access rules applied.

Every route of the coaching domain reaches a resident's data through these functions,
so an id changed in a URL or form meets the same check as a link that was clicked.
"""

from __future__ import annotations

from litestar.exceptions import NotFoundException

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import (
    authorize,
    may_keep_caseload,
    may_view_resident_file,
    may_work_on_resident_file,
)
from meedoen.placements.caseload import active_coach_ids
from meedoen.placements.service import Placement, get_placement
from meedoen.residents.service import Resident, resident_by_id, resident_by_ref


async def resident_for(user: CurrentUser | None, ref: str, *, change: bool = False) -> Resident:
    """The resident behind ``ref`` if ``user`` coaches them; 404 otherwise.

    Unknown and not-yours answer alike, so a coach cannot find out which refs exist.
    """
    authorize(may_keep_caseload(user))
    resident = await resident_by_ref(ref)
    if resident is None:
        raise NotFoundException()
    coaches = await active_coach_ids(resident.id)
    rule = may_work_on_resident_file if change else may_view_resident_file
    if not rule(user, coaches):
        raise NotFoundException()
    return resident


async def placement_for(
    user: CurrentUser | None, ref: str, *, change: bool = False
) -> tuple[Placement, Resident]:
    """The placement behind ``ref`` and its resident, if ``user`` coaches that resident."""
    authorize(may_keep_caseload(user))
    placement = await get_placement(ref)
    if placement is None:
        raise NotFoundException()
    resident = None
    if placement.resident is not None:
        resident = await resident_by_id(placement.resident)
    # A placement whose resident deleted their account is statistics only: nobody's file.
    coaches = await active_coach_ids(resident.id) if resident is not None else set()
    rule = may_work_on_resident_file if change else may_view_resident_file
    if resident is None or not rule(user, coaches):
        raise NotFoundException()
    return placement, resident
