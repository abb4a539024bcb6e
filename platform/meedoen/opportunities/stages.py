"""A stage's own facts, as students look for them on Stagemarkt: level, learning route,
duration, stagevergoeding, study programme (with its crebo code) — checked here.

Only postings of a stage kind (stage, leerwerkplek) keep these facts; for other kinds
they are cleared on saving, so no volunteer job shows an mbo level by accident.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from meedoen import labels
from meedoen.i18n import N_, gettext, ngettext
from meedoen.vocabulary import EDUCATION_LEVELS, LEARNING_ROUTES, STAGE_KINDS

MAX_DURATION_WEEKS = 104  # two school years: a BBL job runs that long
MAX_STAGE_ALLOWANCE = 5000  # euros a month; more is a typing error, not an allowance
MAX_PROGRAMME_LENGTH = 200
CREBO = re.compile(r"[0-9]{5}")
NO_ALLOWANCE_WORDS = {"geen", "nee", "none", "no", "0"}
_AMOUNT = re.compile(r"(?:€|eur|euro)?\s*([0-9]{1,5})(?:[.,]-|[.,]00)?\s*(?:€|euro|eur)?")

ALLOWANCE_PROBLEM = N_(
    "Vul de stagevergoeding in als bedrag in euro per maand, zoals 300. "
    "Is er geen vergoeding? Vul dan ‘geen’ in."
)
CREBO_PROBLEM = N_(
    "Een crebocode heeft precies 5 cijfers, zoals 25180. Weet je hem niet? Laat het vak dan leeg."
)


def is_stage(kind: str) -> bool:
    return kind in STAGE_KINDS


def parse_allowance(raw: str) -> tuple[int | None, bool]:
    """(euros a month or None, understood). "geen" is 0; empty is None (not said)."""
    text = raw.strip().casefold()
    if not text:
        return None, True
    if text in NO_ALLOWANCE_WORDS:
        return 0, True
    match = _AMOUNT.fullmatch(text)
    if match is None:
        return None, False
    return int(match.group(1)), True


def allowance_text(amount: int | None) -> str:
    """How the stored stagevergoeding reads back in the form."""
    if amount is None:
        return ""
    return "geen" if amount == 0 else str(amount)


@dataclass(frozen=True)
class StageFacts:
    education_levels: Sequence[str] = ()
    learning_routes: Sequence[str] = ()
    duration_weeks: int | None = None
    stage_allowance: int | None = None
    study_programme: str = ""
    crebo: str = ""


def stage_problems(facts: StageFacts) -> dict[str, str]:
    """What is wrong with a stage's facts, per field, in plain Dutch."""
    problems: dict[str, str] = {}
    if any(level not in EDUCATION_LEVELS for level in facts.education_levels):
        problems["education_levels"] = gettext("Kies alleen niveaus uit de lijst.")
    if any(route not in LEARNING_ROUTES for route in facts.learning_routes):
        problems["learning_routes"] = gettext("Kies BOL, BBL of allebei.")
    if facts.duration_weeks is not None and not 1 <= facts.duration_weeks <= MAX_DURATION_WEEKS:
        problems["duration_weeks"] = gettext(
            "Vul in hoeveel weken de stage duurt: van 1 tot en met %(max)s.",
            max=MAX_DURATION_WEEKS,
        )
    if facts.stage_allowance is not None and not (
        0 <= facts.stage_allowance <= MAX_STAGE_ALLOWANCE
    ):
        problems["stage_allowance"] = gettext(
            "Vul een stagevergoeding in van hoogstens %(max)s euro per maand.",
            max=MAX_STAGE_ALLOWANCE,
        )
    if len(facts.study_programme.strip()) > MAX_PROGRAMME_LENGTH:
        problems["study_programme"] = gettext(
            "Gebruik hoogstens %(max)s tekens.", max=MAX_PROGRAMME_LENGTH
        )
    if facts.crebo.strip() and not CREBO.fullmatch(facts.crebo.strip()):
        problems["crebo"] = gettext(CREBO_PROBLEM)
    return problems


def row_values(kind: str, facts: StageFacts) -> dict[str, object]:
    """The stored columns: the facts for a stage kind, cleared for every other kind."""
    stage = is_stage(kind)
    return {
        "education_levels": [lv for lv in EDUCATION_LEVELS if lv in facts.education_levels]
        if stage
        else [],
        "learning_routes": [r for r in LEARNING_ROUTES if r in facts.learning_routes]
        if stage
        else [],
        "duration_weeks": facts.duration_weeks if stage else None,
        "stage_allowance": facts.stage_allowance if stage else None,
        "study_programme": facts.study_programme.strip() if stage else "",
        "crebo": facts.crebo.strip() if stage else "",
    }


def allowance_sentence(amount: int | None) -> str:
    if amount is None:
        return ""
    if amount == 0:
        return gettext("Geen stagevergoeding")
    return gettext("%(amount)s euro per maand", amount=amount)


def stage_summary(opportunity: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The stage's facts as (label, text) for the detail page; empty ones are left out."""
    if not is_stage(str(opportunity.get("kind") or "")):
        return []
    programme = str(opportunity.get("study_programme") or "")
    crebo = str(opportunity.get("crebo") or "")
    if crebo:
        programme = gettext("%(programme)s (crebo %(crebo)s)", programme=programme, crebo=crebo)
    weeks = opportunity.get("duration_weeks")
    rows = [
        (
            gettext("Niveau"),
            ", ".join(labels.labels(opportunity.get("education_levels"), "education_level")),
        ),
        (
            gettext("Leerweg"),
            ", ".join(labels.labels(opportunity.get("learning_routes"), "learning_route")),
        ),
        (gettext("Opleiding"), programme.strip()),
        (gettext("Duur"), ngettext("%(num)s week", "%(num)s weken", weeks) if weeks else ""),
        (gettext("Stagevergoeding"), allowance_sentence(opportunity.get("stage_allowance"))),
    ]
    return [(label, text) for label, text in rows if text]


def work_time_text(opportunity: Mapping[str, Any]) -> str:
    """When the work is done, for the kans page: "dinsdag, donderdag, 15:30 tot 17:30"."""
    days = labels.labels(opportunity.get("work_days"), "day")
    start, end = opportunity.get("work_from") or "", opportunity.get("work_until") or ""
    parts = [", ".join(days)] if days else []
    if start and end:
        parts.append(gettext("%(start)s tot %(end)s", start=start, end=end))
    if parts and opportunity.get("holidays_only"):
        parts.append(gettext("alleen in de schoolvakanties"))
    return ", ".join(parts)
