"""Reading and checking the profile form: every field is optional, each error names its field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar.datastructures import FormMultiDict

from meedoen import labels
from meedoen.accounts.forms import FormResult, text
from meedoen.i18n import gettext
from meedoen.input_rules import free_text_errors
from meedoen.residents.choices import DAYS, VISIBILITY_LABELS, interests
from meedoen.vocabulary import LANGUAGE_LEVELS, OPPORTUNITY_KINDS, WIJKEN
from meedoen.web.form_data import whole_number

MAX_SKILLS = 20
MAX_TERM_LENGTH = 60
MAX_SUMMARY_LENGTH = 1000
MAX_HOURS = 60
OLDEST_BIRTH_YEAR = 1920
YOUNGEST_AGE = 14


def _chosen(form: FormMultiDict, name: str, allowed: tuple[str, ...]) -> list[str]:
    values = [str(v) for v in form.getall(name)] if name in form else []
    return [value for value in dict.fromkeys(values) if value in allowed]


def split_terms(raw: str) -> list[str]:
    """Skills typed as "koken, kassa; heftruck": one term each, duplicates dropped."""
    terms = [" ".join(part.split()) for part in raw.replace(";", ",").split(",")]
    return list(dict.fromkeys(term for term in terms if term))


def profile_form(form: FormMultiDict, today: dt.date | None = None) -> FormResult:
    """Values to store (``result.values`` holds strings and lists) and errors per field."""
    this_year = (today or dt.date.today()).year
    values: dict[str, Any] = {
        name: text(form, name)
        for name in ("wijk", "birth_year", "skills", "hours_per_week", "language_level", "summary")
    }
    values["interests"] = _chosen(form, "interests", interests())
    values["preferred_kinds"] = _chosen(form, "preferred_kinds", OPPORTUNITY_KINDS)
    values["days_available"] = _chosen(form, "days_available", DAYS)
    values["has_driving_licence"] = text(form, "has_driving_licence") == "1"
    values["visibility"] = text(form, "visibility") or "private"
    result = FormResult(values=values)
    errors = result.errors
    if values["wijk"] and values["wijk"] not in WIJKEN:
        errors["wijk"] = gettext("Kies een wijk uit de lijst.")
    year = whole_number(values["birth_year"], max_digits=4)
    if values["birth_year"] and (
        year is None or not OLDEST_BIRTH_YEAR <= year <= this_year - YOUNGEST_AGE
    ):
        errors["birth_year"] = gettext(
            "Vul je geboortejaar in met 4 cijfers, tussen %(first)s en %(last)s.",
            first=OLDEST_BIRTH_YEAR,
            last=this_year - YOUNGEST_AGE,
        )
    skills = split_terms(values["skills"])
    if len(skills) > MAX_SKILLS or any(len(term) > MAX_TERM_LENGTH for term in skills):
        errors["skills"] = gettext("Noem hoogstens 20 vaardigheden, elk met hoogstens 60 tekens.")
    hours = whole_number(values["hours_per_week"], max_digits=4)
    if values["hours_per_week"] and (hours is None or not 1 <= hours <= MAX_HOURS):
        errors["hours_per_week"] = gettext("Vul een aantal uren in van 1 tot en met 60.")
    if values["language_level"] and values["language_level"] not in LANGUAGE_LEVELS:
        errors["language_level"] = gettext("Kies een taalniveau uit de lijst.")
    if len(values["summary"]) > MAX_SUMMARY_LENGTH:
        errors["summary"] = gettext("Gebruik hoogstens 1000 tekens.")
    if values["visibility"] not in VISIBILITY_LABELS:
        errors["visibility"] = gettext("Kies wie je profiel mag zien.")
    for name, problem in free_text_errors(values, ("summary", "skills")).items():
        errors.setdefault(name, problem)
    return result


def profile_changes(values: dict[str, Any]) -> dict[str, Any]:
    """The checked form as column values for ``Resident``."""
    return {
        "wijk": values["wijk"],
        "birth_year": int(values["birth_year"]) if values["birth_year"] else None,
        # English words from the vocabulary are stored as its Dutch terms, which
        # matching and search know ("forklift truck" → "heftruck").
        "skills": labels.codes_of("skill", split_terms(values["skills"])),
        "interests": values["interests"],
        "preferred_kinds": values["preferred_kinds"],
        "hours_per_week": int(values["hours_per_week"]) if values["hours_per_week"] else None,
        "days_available": values["days_available"],
        "language_level": values["language_level"],
        "has_driving_licence": values["has_driving_licence"],
        "summary": values["summary"],
        "visibility": values["visibility"],
    }


def profile_values(resident: Any) -> dict[str, Any]:
    """A stored profile as form values, to show in the form."""
    return {
        "wijk": resident.wijk,
        "birth_year": "" if resident.birth_year is None else str(resident.birth_year),
        "skills": ", ".join(labels.labels(resident.skills, "skill")),
        "interests": list(resident.interests or []),
        "preferred_kinds": list(resident.preferred_kinds or []),
        "hours_per_week": "" if resident.hours_per_week is None else str(resident.hours_per_week),
        "days_available": list(resident.days_available or []),
        "language_level": resident.language_level,
        "has_driving_licence": bool(resident.has_driving_licence),
        "summary": resident.summary,
        "visibility": resident.visibility,
    }
