"""The profile form as a type (see ``meedoen.web.forms``): every field is optional, each
problem is told by its field. How typed skills become terms, and the youngest age, are
rules of ``residents.service``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from msgspec import Meta

from meedoen import labels
from meedoen.i18n import N_
from meedoen.residents.choices import DAYS
from meedoen.vocabulary import Interest, Kind, LanguageLevel, Visibility, Wijk
from meedoen.web.forms import FREE_TEXT, Form, Say

MAX_SKILLS = 20
MAX_TERM_LENGTH = 60
MAX_SKILLS_TEXT = MAX_SKILLS * (MAX_TERM_LENGTH + 2)
MAX_SUMMARY_LENGTH = 1000
MAX_HOURS = 60
OLDEST_BIRTH_YEAR = 1920
YOUNGEST_AGE = 14
Day = Literal[DAYS]  # type: ignore[valid-type]
BIRTH_YEAR_PROBLEM = N_("Vul je geboortejaar in met 4 cijfers, tussen %(first)s en %(last)s.")
SKILLS_PROBLEM = N_("Noem hoogstens 20 vaardigheden, elk met hoogstens 60 tekens.")


def youngest_birth_year(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year - YOUNGEST_AGE


class ProfileForm(Form, kw_only=True):
    wijk: Wijk | None = None
    birth_year: Annotated[int, Meta(ge=OLDEST_BIRTH_YEAR, le=9999)] | None = None
    skills: Annotated[str, Meta(max_length=MAX_SKILLS_TEXT), FREE_TEXT] = ""
    interests: list[Interest] = []
    preferred_kinds: list[Kind] = []
    hours_per_week: Annotated[int, Meta(ge=1, le=MAX_HOURS)] | None = None
    days_available: list[Day] = []
    language_level: LanguageLevel | None = None
    has_driving_licence: bool = False
    summary: Annotated[str, Meta(max_length=MAX_SUMMARY_LENGTH), FREE_TEXT] = ""
    visibility: Visibility = "private"

    messages: ClassVar[dict[str, Say]] = {
        "wijk": Say(invalid=N_("Kies een wijk uit de lijst.")),
        "birth_year": Say(invalid=BIRTH_YEAR_PROBLEM),
        "skills": Say(too_long=SKILLS_PROBLEM),
        "hours_per_week": Say(invalid=N_("Vul een aantal uren in van 1 tot en met 60.")),
        "language_level": Say(invalid=N_("Kies een taalniveau uit de lijst.")),
        "summary": Say(too_long=N_("Gebruik hoogstens 1000 tekens.")),
        "visibility": Say(invalid=N_("Kies wie je profiel mag zien.")),
    }

    @classmethod
    def message_args(cls) -> Mapping[str, object]:
        return {"first": OLDEST_BIRTH_YEAR, "last": youngest_birth_year()}


def split_terms(raw: str) -> list[str]:
    """Skills typed as "koken, kassa; heftruck": one term each, duplicates dropped."""
    terms = [" ".join(part.split()) for part in raw.replace(";", ",").split(",")]
    return list(dict.fromkeys(term for term in terms if term))


def profile_changes(form: ProfileForm) -> dict[str, Any]:
    """The checked form as column values for ``Resident``."""
    return {
        "wijk": form.wijk or "",
        "birth_year": form.birth_year,
        # English words from the vocabulary are stored as its Dutch terms, which
        # matching and search know ("forklift truck" → "heftruck").
        "skills": labels.codes_of("skill", split_terms(form.skills)),
        "interests": form.interests,
        "preferred_kinds": form.preferred_kinds,
        "hours_per_week": form.hours_per_week,
        "days_available": form.days_available,
        "language_level": form.language_level or "",
        "has_driving_licence": form.has_driving_licence,
        "summary": form.summary,
        "visibility": form.visibility,
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
