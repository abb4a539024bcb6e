"""A resident's coaching file: what the coach sees on one page, and the coach notes.

Every time a coach opens the file, the audit log records it: the resident may later
ask who looked at their data, and the municipality must be able to answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.audit.service import record_audit
from meedoen.coaching.access import active_link
from meedoen.events.contacts import visits_of_resident
from meedoen.i18n import gettext
from meedoen.input_rules import bsn_problem
from meedoen.placements import ladder
from meedoen.placements.service import placements_of_residents
from meedoen.placements.tables import CaseloadLink, CoachNote
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
        chart_description=ladder.timeline_description(path),
        placements=await placements_of_residents([resident.id]),
        notes=await notes_of(resident.id),
        responses=await responses_for_coach([resident.id]),
        meetings=await visits_of_resident(resident.id),
    )


async def notes_of(resident_id: int) -> list[dict[str, Any]]:
    """Coach notes about a resident, newest first, with the writer's name."""
    return list(
        await CoachNote.select(
            CoachNote.id,
            CoachNote.text,
            CoachNote.created_at,
            CoachNote.coach.display_name.as_alias("coach_name"),
        )
        .where(CoachNote.resident == resident_id)
        .order_by(CoachNote.created_at, ascending=False)
        .order_by(CoachNote.id, ascending=False)
        .run()
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
    note = CoachNote(
        resident=resident.id,
        coach=user.account_id,
        text=text.strip(),
        created_at=dt.datetime.now(dt.UTC),
    )
    await note.save()
    return note
