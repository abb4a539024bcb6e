"""The goal form as a type (see ``meedoen.web.forms``); the rules that weigh several
fields (a kind only for some measures, the period) are in ``goals.service``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from meedoen.goals.tables import Goal
from meedoen.i18n import N_
from meedoen.vocabulary import Kind, Wijk
from meedoen.web.forms import FREE_TEXT, Form, Say

MAX_TARGET = 1_000_000


class GoalForm(Form, kw_only=True):
    naam: Annotated[str, Meta(min_length=1, max_length=120), FREE_TEXT]
    maat: Annotated[str, Meta(max_length=80)] = ""
    soort: Kind | None = None
    begin: dt.date
    eind: dt.date
    doelwaarde: Annotated[int, Meta(ge=1, le=MAX_TARGET)]
    wijk: Wijk | None = None

    messages: ClassVar[dict[str, Say]] = {
        "naam": Say(
            missing=N_("Geef het doel een naam."),
            too_long=N_("Maak de naam korter: hoogstens 120 tekens."),
        ),
        "soort": Say(invalid=N_("Kies een soort uit de lijst.")),
        "begin": Say(
            missing=N_("Vul de begindatum in, bijvoorbeeld 2026-01-01."),
            invalid=N_("Vul de begindatum in, bijvoorbeeld 2026-01-01."),
        ),
        "eind": Say(
            missing=N_("Vul de einddatum in, bijvoorbeeld 2026-12-31."),
            invalid=N_("Vul de einddatum in, bijvoorbeeld 2026-12-31."),
        ),
        "doelwaarde": Say(
            missing=N_("Vul de doelwaarde in: een heel getal, bijvoorbeeld 40."),
            invalid=N_("De doelwaarde is een heel getal groter dan 0, bijvoorbeeld 40."),
        ),
        "wijk": Say(
            invalid=N_("Kies een wijk uit de lijst, of laat het veld leeg voor heel West.")
        ),
    }


def values_of(goal: Goal) -> dict[str, Any]:
    """A goal's values in the form, to change it."""
    return {
        "naam": goal.name,
        "maat": goal.measure,
        "soort": goal.measure_kind,
        "begin": goal.period_start.isoformat(),
        "eind": goal.period_end.isoformat(),
        "doelwaarde": str(goal.target),
        "wijk": goal.wijk,
    }
