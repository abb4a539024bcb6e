"""Candidates for an opportunity, as an organisation or a coach is allowed to see them.

``service.candidates_for_opportunity`` decides *who* may appear; this module decides
*what* is shown of them. An organisation sees what a findable resident agreed to show
(first name, wijk, skills, interests, what they look for, hours, days, language level,
driving licence, their own words) and never the rung on the participatieladder: that is
a municipal assessment, shown only to the coaches of the resident's own caseload (another
coach sees a findable resident as an organisation would, plus the caseload link). Reasons are written about the resident
("Heeft de gevraagde vaardigheden") instead of to them ("Past bij je vaardigheden").
Every resident shown is written to the audit log, where their data export finds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.audit.service import record_audits
from meedoen.matching.engine import Match
from meedoen.matching.reasons import Reason, about_the_resident
from meedoen.matching.service import candidates_for_opportunity
from meedoen.matching.shortlist import Audience
from meedoen.placements.caseload import caseload_refs
from meedoen.residents.service import profiles_of_refs
from meedoen.search.gateway import SearchGateway

# Reasons that rest on the resident's rung: only for those who may read the rung.
LADDER_CODES = frozenset({"ladder_next_step", "ladder_fits", "ladder_big_jump", "ladder_step_down"})


def shown_reasons(items: list[Reason], sees_rung: bool, language: str, most: int) -> list[str]:
    kept = [r for r in items if sees_rung or r.code not in LADDER_CODES]
    return [about_the_resident(r, language) for r in kept[:most]]


@dataclass(frozen=True)
class Candidate:
    """One resident in a candidate list, with only what this audience may see."""

    resident_ref: str
    first_name: str
    wijk: str
    skills: list[str]
    interests: list[str]
    preferred_kinds: list[str]
    hours_per_week: int | None
    days_available: list[str]
    language_level: str
    has_driving_licence: bool
    summary: str
    score: float
    reasons: list[str]
    concerns: list[str]
    rung: int | None
    """Only for the resident's own coaches; ``None`` for everyone else."""
    in_caseload: bool


async def candidate_list(
    search: SearchGateway,
    user: CurrentUser,
    opportunity_ref: str,
    audience: Audience,
    language: str,
    limit: int = 10,
) -> list[Candidate]:
    """The best residents for the opportunity that ``user`` may see; the view is audited."""
    caseload = await caseload_refs(user.account_id) if audience == "coach" else frozenset()
    matches = await candidates_for_opportunity(
        search, opportunity_ref, limit, audience=audience, coach_resident_refs=caseload
    )
    rows = await _residents([m.resident_ref for m in matches])
    candidates = [
        _candidate(m, rows[m.resident_ref], audience, caseload, language)
        for m in matches
        if m.resident_ref in rows
    ]
    # One event per resident, so each finds it in their own access log (data export).
    await record_audits(
        user,
        "resident.shown_as_candidate",
        "resident",
        [c.resident_ref for c in candidates],
        opportunity_ref,
    )
    return candidates


def _candidate(
    match: Match,
    row: dict[str, Any],
    audience: Audience,
    caseload: frozenset[str],
    language: str,
) -> Candidate:
    sees_rung = audience == "coach" and row["ref"] in caseload
    return Candidate(
        resident_ref=row["ref"],
        first_name=row["first_name"],
        wijk=row["wijk"],
        skills=list(row["skills"] or []),
        interests=list(row["interests"] or []),
        preferred_kinds=list(row["preferred_kinds"] or []),
        hours_per_week=row["hours_per_week"],
        days_available=list(row["days_available"] or []),
        language_level=row["language_level"],
        has_driving_licence=bool(row["has_driving_licence"]),
        summary=row["summary"],
        score=match.score,
        reasons=shown_reasons(match.reasons, sees_rung, language, most=4),
        concerns=shown_reasons(match.concerns, sees_rung, language, most=3),
        rung=row["ladder_rung"] if sees_rung else None,
        in_caseload=row["ref"] in caseload,
    )


async def _residents(refs: list[str]) -> dict[str, dict[str, Any]]:
    return {row["ref"]: row for row in await profiles_of_refs(refs)}
