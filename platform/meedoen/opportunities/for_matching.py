"""The postings the matching engine scores, read from the database for it.

Matching says in plain values which postings it wants (:class:`PostingFilter`); this
module, in the domain that owns the table, turns that into SQL. It is the shortlist's
database side: used for one posting or a few known refs, and while search is down.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from meedoen.opportunities.service import published
from meedoen.opportunities.tables import Opportunity

_COLUMNS = (
    Opportunity.ref,
    Opportunity.kind,
    Opportunity.title,
    Opportunity.description,
    Opportunity.skills,
    Opportunity.sector,
    Opportunity.wijk,
    Opportunity.postcode,
    Opportunity.hours_per_week_min,
    Opportunity.hours_per_week_max,
    Opportunity.paid,
    Opportunity.suitable_for,
    Opportunity.language_level,
    Opportunity.min_age,
    Opportunity.start_date,
    Opportunity.status,
    Opportunity.organisation.ref.as_alias("organisation_ref"),
)


@dataclass(frozen=True)
class PostingFilter:
    """Published postings of one of ``kinds`` that ask one of ``language_levels`` (or no
    level) and take someone of ``max_min_age`` (None: any minimum age); with
    ``skills`` or ``sectors``, only those that ask one of the skills or are in one of
    the sectors."""

    kinds: Sequence[str]
    language_levels: Sequence[str]
    max_min_age: int | None = None
    skills: Sequence[str] = ()
    sectors: Sequence[str] = ()


def _condition(wanted: PostingFilter) -> Any:
    condition = (
        published()
        & Opportunity.kind.is_in(list(wanted.kinds) or [""])
        & (
            Opportunity.language_level.is_in(list(wanted.language_levels) or [""])
            | (Opportunity.language_level == "")
        )
    )
    if wanted.max_min_age is not None:
        condition &= Opportunity.min_age.is_null() | (Opportunity.min_age <= wanted.max_min_age)
    parts = [Opportunity.skills.any(skill) for skill in wanted.skills]
    if wanted.sectors:
        parts.append(Opportunity.sector.is_in(list(wanted.sectors)))
    if parts:
        condition &= reduce(operator.or_, parts)
    return condition


async def count_postings(wanted: PostingFilter) -> int:
    """How many postings ``wanted`` finds."""
    return int(await Opportunity.count().where(_condition(wanted)))


async def posting_rows(wanted: PostingFilter) -> list[dict[str, Any]]:
    """What the engine reads of each posting ``wanted`` finds."""
    rows: list[dict[str, Any]] = await Opportunity.select(*_COLUMNS).where(_condition(wanted))
    return rows


async def published_rows() -> list[dict[str, Any]]:
    """What the engine reads of every published posting (benchmarks score them all)."""
    rows: list[dict[str, Any]] = await Opportunity.select(*_COLUMNS).where(published())
    return rows


async def posting_rows_of_refs(
    refs: Sequence[str], *, published_only: bool = False
) -> list[dict[str, Any]]:
    """What the engine reads of these postings (only the published ones, if so asked)."""
    condition = Opportunity.ref.is_in(list(refs) or [""])
    if published_only:
        condition &= published()
    rows: list[dict[str, Any]] = await Opportunity.select(*_COLUMNS).where(condition)
    return rows
