"""The goal form: read, check and keep what the administrator typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from meedoen.goals.measures import KINDS, all_measures
from meedoen.goals.tables import Goal
from meedoen.i18n import gettext
from meedoen.input_rules import bsn_problem
from meedoen.vocabulary import WIJKEN
from meedoen.web.form_data import whole_number

FIELDS = ("naam", "maat", "soort", "begin", "eind", "doelwaarde", "wijk")
MAX_TARGET = 1_000_000


@dataclass
class GoalForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    cleaned: dict[str, object] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def values_of(goal: Goal) -> dict[str, str]:
    return {
        "naam": goal.name,
        "maat": goal.measure,
        "soort": goal.measure_kind,
        "begin": goal.period_start.isoformat(),
        "eind": goal.period_end.isoformat(),
        "doelwaarde": str(goal.target),
        "wijk": goal.wijk,
    }


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def check(data: Mapping[str, str]) -> GoalForm:
    """Every field checked, every problem told next to its field in plain Dutch."""
    values = {name: str(data.get(name, "") or "").strip() for name in FIELDS}
    form = GoalForm(values)
    errors = form.errors
    if not values["naam"]:
        errors["naam"] = gettext("Geef het doel een naam.")
    elif len(values["naam"]) > 120:
        errors["naam"] = gettext("Maak de naam korter: hoogstens 120 tekens.")
    elif problem := bsn_problem(values["naam"]):
        errors["naam"] = gettext(problem)
    measures = all_measures()
    if values["maat"] not in measures:
        errors["maat"] = gettext("Kies wat je wilt meten.")
    elif values["soort"] and not measures[values["maat"]].takes_kind:
        errors["soort"] = gettext("Bij deze maat kun je geen soort kiezen. Laat het veld leeg.")
    if values["soort"] and values["soort"] not in KINDS:
        errors["soort"] = gettext("Kies een soort uit de lijst.")
    start, end = _date(values["begin"]), _date(values["eind"])
    if start is None:
        errors["begin"] = gettext("Vul de begindatum in, bijvoorbeeld 2026-01-01.")
    if end is None:
        errors["eind"] = gettext("Vul de einddatum in, bijvoorbeeld 2026-12-31.")
    elif start is not None and end < start:
        errors["eind"] = gettext("De einddatum moet na de begindatum liggen.")
    elif start is not None and (end - start).days > 5 * 366:
        errors["eind"] = gettext("Kies een periode van hoogstens vijf jaar.")
    target = whole_number(values["doelwaarde"])
    if not values["doelwaarde"]:
        errors["doelwaarde"] = gettext("Vul de doelwaarde in: een heel getal, bijvoorbeeld 40.")
    elif target is None or not 0 < target <= MAX_TARGET:
        errors["doelwaarde"] = gettext(
            "De doelwaarde is een heel getal groter dan 0, bijvoorbeeld 40."
        )
    if values["wijk"] and values["wijk"] not in WIJKEN:
        errors["wijk"] = gettext(
            "Kies een wijk uit de lijst, of laat het veld leeg voor heel West."
        )
    if form.is_valid:
        form.cleaned = {
            "name": values["naam"],
            "measure": values["maat"],
            "measure_kind": values["soort"],
            "period_start": start,
            "period_end": end,
            "target": target,
            "wijk": values["wijk"],
        }
    return form
