"""The programmes' forms as types (see ``meedoen.web.forms``); the rules over several
fields (ages, the period) are ``service.programme_problems``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from msgspec import Meta

from meedoen.i18n import N_
from meedoen.web.forms import Form, Say

MEASURES = ("jongeren", "activiteiten", "stages", "banen")
MAX_NAME = 120
MAX_SUMMARY = 2000
MAX_TARGET_GROUP = 200
Measure = Literal[MEASURES]  # type: ignore[valid-type]
Age = Annotated[int, Meta(ge=4, le=99)] | None
AGES = Say(invalid=N_("Vul leeftijden in van 4 tot en met 99, of laat ze leeg."))
PERIOD = N_("Vul de eerste en de laatste dag in, zoals 2027-03-01.")


class ProgrammeForm(Form, kw_only=True):
    name: Annotated[str, Meta(min_length=1, max_length=MAX_NAME)]
    summary: Annotated[str, Meta(min_length=1, max_length=MAX_SUMMARY)]
    target_group: Annotated[str, Meta(min_length=1, max_length=MAX_TARGET_GROUP)]
    age_min: Age = None
    age_max: Age = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    goal_target: Annotated[int, Meta(ge=1, le=99_999)]
    goal_measure: Measure

    messages: ClassVar[dict[str, Say]] = {
        "name": Say(
            missing=N_("Geef het programma een naam van hoogstens 120 tekens."),
            too_long=N_("Geef het programma een naam van hoogstens 120 tekens."),
        ),
        "summary": Say(
            missing=N_("Schrijf kort wat het programma wil bereiken, in hoogstens 2000 tekens."),
            too_long=N_("Schrijf kort wat het programma wil bereiken, in hoogstens 2000 tekens."),
        ),
        "target_group": Say(
            missing=N_("Schrijf voor wie het programma is, zoals ‘vmbo-leerlingen in West’."),
            too_long=N_("Schrijf voor wie het programma is, zoals ‘vmbo-leerlingen in West’."),
        ),
        "age_min": AGES,
        "age_max": AGES,
        "starts_on": Say(invalid=PERIOD),
        "ends_on": Say(invalid=PERIOD),
        "goal_target": Say(
            missing=N_("Vul het doel in als een getal, zoals 40."),
            invalid=N_("Vul het doel in als een getal, zoals 40."),
        ),
        "goal_measure": Say(
            missing=N_("Kies wat het doel telt."), invalid=N_("Kies wat het doel telt.")
        ),
    }


class AttachForm(Form):
    """A meeting or kans attached to (or taken from) a programme, or a member decided on."""

    kind: Annotated[str, Meta(max_length=20)] = ""
    item: Annotated[str, Meta(max_length=40)] = ""
    besluit: Annotated[str, Meta(max_length=20)] = ""
