"""A resident's coaching file: what the coach sees on one page, and the coach notes.

Every time a coach opens the file, the audit log records it: the resident may later
ask who looked at their data, and the municipality must be able to answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.audit.service import record_audit
from meedoen.events.contacts import visits_of_resident
from meedoen.i18n import gettext
from meedoen.input_rules import bsn_problem
from meedoen.placements import caseload, ladder
from meedoen.placements.caseload import CaseloadLink, CoachNote, active_link
from meedoen.placements.service import placements_of_residents
from meedoen.residents.service import Resident
from meedoen.responses.for_coaches import CoachResponseView, responses_for_coach

MAX_NOTE = 4000


@dataclass(frozen=True)
class ResidentFile:
    resident: Resident
    link: CaseloadLink | None
    """``None`` for an admin or a coach who reads the file without keeping it."""
    path: list[dict[str, Any]]
    chart: ladder.TimelineChart
    chart_narrow: ladder.TimelineChart
    """The same chart for a phone: 320 units wide, so it draws at about full size there."""
    chart_description: str
    placements: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    responses: list[CoachResponseView]
    meetings: list[dict[str, Any]]
    """Meetings the resident signed up for, and the organisations they spoke with there."""


async def open_file(user: CurrentUser, resident: Resident) -> ResidentFile:
    """Everything on the file page; records the view in the audit log.

    The caller has checked access (``access.resident_for``).
    """
    link = await active_link(resident.id, user.account_id)
    path = await ladder.ladder_path(resident.id)
    await record_audit(user, "resident.file_viewed", "resident", resident.ref)
    return ResidentFile(
        resident=resident,
        link=link,
        path=path,
        chart=ladder.timeline_chart(path),
        chart_narrow=ladder.timeline_chart(path, width=320),
        chart_description=ladder.timeline_description(path),
        placements=await placements_of_residents([resident.id]),
        notes=await caseload.notes_of(resident.id),
        responses=await responses_for_coach([resident.id]),
        meetings=await visits_of_resident(resident.id),
    )


def note_problem(text: str) -> str | None:
    if not text.strip():
        return gettext("Schrijf eerst een notitie.")
    if len(text) > MAX_NOTE:
        return gettext("Maak de notitie korter dan %(max)s tekens.", max=MAX_NOTE)
    problem = bsn_problem(text)
    return gettext(problem) if problem else None


async def add_note(user: CurrentUser, resident: Resident, text: str) -> CoachNote:
    """Keep a note; the caller has checked this coach may work on the file."""
    return await caseload.add_note(resident.id, user.account_id, text.strip())
