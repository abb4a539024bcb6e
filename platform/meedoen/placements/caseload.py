"""The rows behind a coach's caseload: which coach keeps which resident, and the notes
they write. The coaching domain (``meedoen.coaching``) checks access and shapes the
pages; these functions trust the ids they get.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from meedoen.placements import pipeline
from meedoen.placements.tables import CaseloadLink, CoachNote, Placement


def _running_of_resident(resident_id: int) -> Any:
    return (CaseloadLink.resident == resident_id) & CaseloadLink.ended_at.is_null()


def _running_of_coach(coach_id: int) -> Any:
    return (CaseloadLink.coach == coach_id) & CaseloadLink.ended_at.is_null()


async def active_coach_ids(resident_id: int) -> set[int]:
    """The accounts that keep this resident in their caseload now."""
    rows = (
        await CaseloadLink.select(CaseloadLink.coach).where(_running_of_resident(resident_id)).run()
    )
    return {row["coach"] for row in rows}


async def active_coach_id(resident_id: int) -> int | None:
    """The coach who took the resident into their caseload last, of those who keep them now."""
    row = (
        await CaseloadLink.select(CaseloadLink.coach)
        .where(_running_of_resident(resident_id))
        .order_by(CaseloadLink.started_at, ascending=False)
        .first()
        .run()
    )
    return row["coach"] if row else None


async def active_link(resident_id: int, coach_id: int) -> CaseloadLink | None:
    """The running caseload link between this resident and this coach, if any."""
    return (
        await CaseloadLink.objects()
        .where(_running_of_resident(resident_id) & (CaseloadLink.coach == coach_id))
        .first()
        .run()
    )


async def caseload_refs(coach_id: int) -> frozenset[str]:
    """The refs of the residents the coach keeps in their caseload now."""
    rows = await (
        CaseloadLink.select(CaseloadLink.resident.ref.as_alias("ref"))
        .where(_running_of_coach(coach_id))
        .run()
    )
    return frozenset(row["ref"] for row in rows)


async def caseload_resident_ids(coach_id: int) -> list[int]:
    """The residents in a coach's current caseload (consent recorded at the intake)."""
    rows = await CaseloadLink.select(CaseloadLink.resident).where(_running_of_coach(coach_id)).run()
    return [row["resident"] for row in rows]


async def active_links_of(coach_id: int) -> list[dict[str, Any]]:
    """The coach's running links, each with its resident's ref, first name, wijk, birth
    year and ladder ``rung``."""
    return list(
        await CaseloadLink.select(
            CaseloadLink.resident,
            CaseloadLink.started_at,
            CaseloadLink.consent_recorded_at,
            CaseloadLink.last_contact_on,
            CaseloadLink.resident.ref.as_alias("ref"),
            CaseloadLink.resident.first_name.as_alias("first_name"),
            CaseloadLink.resident.wijk.as_alias("wijk"),
            CaseloadLink.resident.birth_year.as_alias("birth_year"),
            CaseloadLink.resident.ladder_rung.as_alias("rung"),
        )
        .where(_running_of_coach(coach_id))
        .run()
    )


async def start_link(
    resident_id: int,
    coach_id: int,
    *,
    consent_recorded_at: dt.datetime,
    consent_note: str,
    started_at: dt.datetime,
    last_contact_on: dt.date | None,
) -> None:
    """The coach keeps the resident in their caseload from ``started_at``."""
    await CaseloadLink(
        resident=resident_id,
        coach=coach_id,
        consent_recorded_at=consent_recorded_at,
        consent_note=consent_note[:2000],
        started_at=started_at,
        last_contact_on=last_contact_on,
    ).save()


async def record_contact(resident_id: int, coach_id: int, on: dt.date) -> None:
    """The date of the coach's last contact with the resident."""
    await (
        CaseloadLink.update({CaseloadLink.last_contact_on: on})
        .where(_running_of_resident(resident_id) & (CaseloadLink.coach == coach_id))
        .run()
    )


async def end_link(link_id: int, now: dt.datetime) -> bool:
    """End a running link; False when it had already ended."""
    ended = (
        await CaseloadLink.update({CaseloadLink.ended_at: now})
        .where((CaseloadLink.id == link_id) & CaseloadLink.ended_at.is_null())
        .returning(CaseloadLink.id)
        .run()
    )
    return bool(ended)


async def move_open_placements(resident_id: int, to_coach_id: int) -> None:
    """The resident's open placements go to another coach."""
    await (
        Placement.update({Placement.coach: to_coach_id})
        .where(
            (Placement.resident == resident_id)
            & Placement.status.is_in(list(pipeline.OPEN_STATUSES))
        )
        .run()
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


async def add_note(resident_id: int, coach_id: int, text: str) -> CoachNote:
    """Keep a coach's note about a resident."""
    note = CoachNote(
        resident=resident_id, coach=coach_id, text=text, created_at=dt.datetime.now(dt.UTC)
    )
    await note.save()
    return note
