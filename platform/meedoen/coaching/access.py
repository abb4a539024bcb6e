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
from meedoen.placements.tables import CaseloadLink, Placement
from meedoen.residents.tables import Resident


async def active_coach_ids(resident_id: int) -> set[int]:
    rows = (
        await CaseloadLink.select(CaseloadLink.coach)
        .where((CaseloadLink.resident == resident_id) & CaseloadLink.ended_at.is_null())
        .run()
    )
    return {row["coach"] for row in rows}


async def active_link(resident_id: int, coach_id: int) -> CaseloadLink | None:
    """The running caseload link between this resident and this coach, if any."""
    return (
        await CaseloadLink.objects()
        .where(
            (CaseloadLink.resident == resident_id)
            & (CaseloadLink.coach == coach_id)
            & CaseloadLink.ended_at.is_null()
        )
        .first()
        .run()
    )


async def resident_for(user: CurrentUser | None, ref: str, *, change: bool = False) -> Resident:
    """The resident behind ``ref`` if ``user`` coaches them; 404 otherwise.

    Unknown and not-yours answer alike, so a coach cannot find out which refs exist.
    """
    authorize(may_keep_caseload(user))
    resident = None
    if ref and len(ref) <= 40:
        resident = await Resident.objects().where(Resident.ref == ref).first().run()
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
    placement = None
    if ref and len(ref) <= 40:
        placement = await Placement.objects().where(Placement.ref == ref).first().run()
    if placement is None:
        raise NotFoundException()
    resident = None
    if placement.resident is not None:
        resident = await Resident.objects().where(Resident.id == placement.resident).first().run()
    # A placement whose resident deleted their account is statistics only: nobody's file.
    coaches = await active_coach_ids(resident.id) if resident is not None else set()
    rule = may_work_on_resident_file if change else may_view_resident_file
    if resident is None or not rule(user, coaches):
        raise NotFoundException()
    return placement, resident
