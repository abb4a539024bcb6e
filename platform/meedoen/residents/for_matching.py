"""The residents the matching engine scores, read from the database for it.

Matching says in plain values whom it may and wants to see (:class:`ResidentFilter`);
this module, in the domain that owns the table, turns that into SQL. Who may be seen is
part of the filter: ``findable`` residents, and for a coach also the residents of their
caseload who share their profile with their coach; never a ``private`` one.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from meedoen.residents.tables import Resident

_COLUMNS = (
    Resident.ref,
    Resident.first_name,
    Resident.wijk,
    Resident.birth_year,
    Resident.skills,
    Resident.interests,
    Resident.preferred_kinds,
    Resident.hours_per_week,
    Resident.language_level,
    Resident.ladder_rung,
    Resident.has_driving_licence,
    Resident.summary,
    Resident.visibility,
)


# The residents index holds what the shortlist filters and ranks on: never the first name
# or the summary (free text that can name health, family or background).
_INDEXED_COLUMNS = tuple(c for c in _COLUMNS if c._meta.name not in ("first_name", "summary"))
# Who the residents index holds: residents who chose to be seen by their coach or by
# organisations; never a private one (see meedoen.matching.residents_index).
INDEXED_VISIBILITIES = ("coach", "findable")


async def indexable_rows(refs: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """What the residents index holds of the indexable residents with these refs (all of
    them when None)."""
    condition: Any = Resident.visibility.is_in(list(INDEXED_VISIBILITIES))
    if refs is not None:
        condition &= Resident.ref.is_in(list(refs))
    rows: list[dict[str, Any]] = await Resident.select(*_INDEXED_COLUMNS).where(condition).run()
    return rows


@dataclass(frozen=True)
class ResidentFilter:
    """Residents who chose ``findable``, and those of ``coach_caseload`` who chose
    ``coach``; born in ``born_by`` or before (or of unknown age); with one of
    ``language_levels`` (None: any), or none known when ``unknown_level`` is allowed."""

    coach_caseload: Sequence[str] = ()
    born_by: int | None = None
    language_levels: Sequence[str] | None = None
    unknown_level: bool = False


@dataclass(frozen=True)
class Overlap:
    """Residents with one of these skills or interests, or one of ``refs`` anyway."""

    skills: Sequence[str] = ()
    interests: Sequence[str] = ()
    refs: Sequence[str] = ()


def _allowed(who: ResidentFilter) -> Any:
    condition: Any = Resident.visibility == "findable"
    if who.coach_caseload:
        condition |= (Resident.visibility == "coach") & Resident.ref.is_in(list(who.coach_caseload))
    if who.born_by is not None:
        condition &= Resident.birth_year.is_null() | (Resident.birth_year <= who.born_by)
    if who.language_levels is not None:
        known = Resident.language_level.is_in(list(who.language_levels))
        unknown = Resident.language_level == ""
        condition &= known | unknown if who.unknown_level else known
    return condition


def _condition(who: ResidentFilter, refs: Sequence[str] | None, overlap: Overlap | None) -> Any:
    condition = _allowed(who)
    if refs is not None:
        condition &= Resident.ref.is_in(list(refs) or [""])
    if overlap is not None:
        parts = [Resident.skills.any(s) for s in overlap.skills]
        parts += [Resident.interests.any(i) for i in overlap.interests]
        condition &= reduce(operator.or_, parts) | Resident.ref.is_in(list(overlap.refs) or [""])
    return condition


async def count_residents(who: ResidentFilter) -> int:
    """How many residents ``who`` lets through."""
    return int(await Resident.count().where(_allowed(who)))


async def resident_rows(
    who: ResidentFilter, refs: Sequence[str] | None = None, overlap: Overlap | None = None
) -> list[dict[str, Any]]:
    """What the engine reads of the residents ``who`` lets through (of ``refs`` only, when
    given; sharing a skill or interest of ``overlap``, when given)."""
    rows: list[dict[str, Any]] = await Resident.select(*_COLUMNS).where(
        _condition(who, refs, overlap)
    )
    return rows


async def resident_row(ref: str) -> dict[str, Any] | None:
    """What the engine reads of the resident ``ref``, whatever their visibility (their
    own list of kansen)."""
    row: dict[str, Any] | None = (
        await Resident.select(*_COLUMNS).where(Resident.ref == ref).first().run()
    )
    return row


async def summaries(who: ResidentFilter, refs: Sequence[str]) -> dict[str, str]:
    """The summary of each resident of ``refs`` whom ``who`` lets through, by ref."""
    rows = await Resident.select(Resident.ref, Resident.summary).where(
        _allowed(who) & Resident.ref.is_in(list(refs))
    )
    return {row["ref"]: row["summary"] for row in rows}
