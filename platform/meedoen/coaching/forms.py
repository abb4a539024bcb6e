"""Reading the coaching forms: text from the browser into the services' dataclasses.

Each reader returns the parsed value and the problems of fields that could not be read
(a date or number the service never gets to see); the services add the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from litestar.datastructures import FormMultiDict

from meedoen import labels
from meedoen.coaching.caseload import Intake
from meedoen.i18n import gettext
from meedoen.placements.ladder import RungEntry
from meedoen.placements.service import PlacementDetails, StatusChange
from meedoen.web.form_data import whole_number

Form = FormMultiDict


def text(form: Form | Mapping[str, Any], name: str, limit: int = 4000) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def number(form: Form, name: str, problems: dict[str, str]) -> int | None:
    raw = text(form, name, 10)
    if not raw:
        return None
    # Ten digits: a number that is too big gets the service's message about its range.
    value = whole_number(raw, max_digits=10)
    if value is None:
        problems[name] = gettext("Vul een heel getal in.")
    return value


def parse_date(raw: str) -> dt.date | None:
    """ISO (what a date field sends) or Dutch day-month-year (typed by hand)."""
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


def date(form: Form, name: str, problems: dict[str, str]) -> dt.date | None:
    raw = text(form, name, 20)
    if not raw:
        return None
    parsed = parse_date(raw)
    if parsed is None:
        problems[name] = gettext("Vul een datum in, bijvoorbeeld 15-03-2026.")
    return parsed


def words(form: Form, name: str) -> tuple[str, ...]:
    """A comma-separated list ("koken, schoonmaken") as separate words."""
    return tuple(w.strip()[:60] for w in text(form, name, 1000).split(",") if w.strip())[:20]


def intake(form: Form) -> tuple[Intake, dict[str, str]]:
    problems: dict[str, str] = {}
    value = Intake(
        first_name=text(form, "first_name", 200),
        consent=text(form, "consent") == "1",
        consent_note=text(form, "consent_note", 2000),
        wijk=text(form, "wijk", 60),
        birth_year=number(form, "birth_year", problems),
        hours_per_week=number(form, "hours_per_week", problems),
        preferred_kinds=tuple(v for v in form.getall("preferred_kinds", []) if isinstance(v, str)),
        skills=tuple(labels.codes_of("skill", words(form, "skills"))),
        interests=tuple(labels.codes_of("interest", words(form, "interests"))),
        language_level=text(form, "language_level", 2),
        summary=text(form, "summary", 2000),
        rung=number(form, "rung", problems),
        motivation=text(form, "motivation", 1000),
    )
    return value, problems


def rung_entry(form: Form) -> tuple[RungEntry, dict[str, str]]:
    problems: dict[str, str] = {}
    entry = RungEntry(
        rung=number(form, "rung", problems),
        recorded_on=date(form, "recorded_on", problems),
        occasion=text(form, "occasion", 10),
        motivation=text(form, "motivation", 1000),
    )
    return entry, problems


def placement_details(
    form: Form, default_kind: str = ""
) -> tuple[PlacementDetails, dict[str, str]]:
    problems: dict[str, str] = {}
    details = PlacementDetails(
        kind=text(form, "kind", 20) or default_kind,
        description=text(form, "description", 4000),
        start_date=date(form, "start_date", problems),
        planned_end_date=date(form, "planned_end_date", problems),
        hours_per_week=number(form, "hours_per_week", problems),
    )
    return details, problems


def status_change(form: Form) -> StatusChange:
    return StatusChange(
        to_status=text(form, "to_status", 12),
        stop_reason=text(form, "stop_reason", 30),
        stop_text=text(form, "stop_text", 2000),
        next_step_kind=text(form, "next_step_kind", 20),
        outcome_note=text(form, "outcome_note", 2000),
    )


def version(form: Form) -> int:
    """The version the coach read; 0 (never current) when missing, so it conflicts."""
    return whole_number(text(form, "version", 10)) or 0
