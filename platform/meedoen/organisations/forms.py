"""Reading the posting form: values to show again, and errors per field in plain Dutch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from meedoen import labels
from meedoen.accounts.forms import email_error, text
from meedoen.i18n import N_, gettext
from meedoen.opportunities.service import InvalidOpportunity, OpportunityInput, check_opportunity
from meedoen.opportunities.stages import ALLOWANCE_PROBLEM, allowance_text, parse_allowance
from meedoen.web.form_data import whole_number

TEXT_FIELDS = (
    "kind",
    "title",
    "description",
    "what_you_learn",
    "guidance",
    "sector",
    "wijk",
    "postcode",
    "allowance",
    "language_level",
    "contact_name",
    "contact_email",
    "contact_phone",
    "study_programme",
    "crebo",
    "stage_allowance",
    "work_from",
    "work_until",
)
NUMBER_FIELDS = (
    "hours_per_week_min",
    "hours_per_week_max",
    "min_age",
    "duration_weeks",
    "hours_per_day_max",
)
DATE_FIELDS = ("start_date", "end_date")
LIST_FIELDS = ("skills", "suitable_for", "education_levels", "learning_routes", "work_days")
CHECKBOXES = ("paid", "holidays_only", "light_supervised")


NO_LANGUAGE_REQUIREMENT = "geen"


def stored_language_level(chosen: str) -> str:
    """The form's "geen" (no requirement) is stored empty; a level as itself."""
    return "" if chosen == NO_LANGUAGE_REQUIREMENT else chosen


def _getall(form: Any, name: str) -> list[str]:
    values = form.getall(name, []) if hasattr(form, "getall") else [form.get(name, "")]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


STALE = N_(
    "Iemand anders heeft deze kans veranderd terwijl jij hem bewerkte. Wat jij typte staat "
    "hieronder nog. Open de kans opnieuw om de nieuwe versie te zien, en voer je wijziging "
    "daar opnieuw in."
)


def version(form: Any) -> int:
    """The version the edit began from; 0 (never current) when missing, so it conflicts."""
    return whole_number(text(form, "version"), max_digits=9) or 0


def values_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored posting as form values."""
    values: dict[str, Any] = {name: row.get(name) or "" for name in TEXT_FIELDS}
    values["version"] = str(row.get("version") or 1)
    for name in NUMBER_FIELDS:
        values[name] = "" if row.get(name) is None else str(row[name])
    for name in DATE_FIELDS:
        values[name] = row[name].isoformat() if row.get(name) else ""
    values["skills"] = ", ".join(labels.labels(row.get("skills"), "skill"))
    values["suitable_for"] = list(row.get("suitable_for") or [])
    values["education_levels"] = list(row.get("education_levels") or [])
    values["learning_routes"] = list(row.get("learning_routes") or [])
    values["stage_allowance"] = allowance_text(row.get("stage_allowance"))
    values["work_days"] = list(row.get("work_days") or [])
    for name in CHECKBOXES:
        values[name] = bool(row.get(name))
    # A stored posting without a level was saved with "Geen eis".
    values["language_level"] = row.get("language_level") or NO_LANGUAGE_REQUIREMENT
    return values


def posting_form(
    form: Any, status: str
) -> tuple[dict[str, Any], OpportunityInput | None, dict[str, str]]:
    """Values to show again, the input (None when it cannot be saved) and errors per field."""
    values: dict[str, Any] = {name: text(form, name) for name in TEXT_FIELDS}
    values.update({name: text(form, name) for name in NUMBER_FIELDS + DATE_FIELDS})
    values["skills"] = text(form, "skills")
    values["suitable_for"] = _getall(form, "suitable_for")
    values["education_levels"] = _getall(form, "education_levels")
    values["learning_routes"] = _getall(form, "learning_routes")
    values["work_days"] = _getall(form, "work_days")
    for name in CHECKBOXES:
        values[name] = bool(text(form, name))
    values["version"] = text(form, "version")
    errors: dict[str, str] = {}
    numbers: dict[str, int | None] = {}
    for name in NUMBER_FIELDS:
        raw = values[name]
        if not raw:
            numbers[name] = None
        elif (number := whole_number(raw, max_digits=3)) is not None:
            numbers[name] = number
        else:
            errors[name] = gettext("Vul een heel getal in, zoals 8.")
    dates: dict[str, dt.date | None] = {}
    for name in DATE_FIELDS:
        try:
            dates[name] = dt.date.fromisoformat(values[name]) if values[name] else None
        except ValueError:
            errors[name] = gettext("Vul een datum in, zoals 2026-09-01.")
    stage_allowance, understood = parse_allowance(values["stage_allowance"])
    if not understood:
        errors["stage_allowance"] = gettext(ALLOWANCE_PROBLEM)
    if not values["description"]:
        errors["description"] = gettext("Beschrijf wat iemand gaat doen.")
    if values["contact_email"] and (problem := email_error(values["contact_email"])):
        errors["contact_email"] = problem
    if not values["sector"]:
        errors["sector"] = gettext("Kies een sector.")
    if not values["wijk"]:
        errors["wijk"] = gettext("Kies de wijk waar het werk is.")
    # No silent default: "geen eis" must be chosen, like any level.
    if not values["language_level"]:
        errors["language_level"] = gettext(
            "Kies hoe goed iemand Nederlands moet kunnen, of kies ‘Geen eis’."
        )
    data = OpportunityInput(
        kind=values["kind"],
        title=values["title"],
        description=values["description"],
        sector=values["sector"],
        wijk=values["wijk"],
        postcode=values["postcode"],
        hours_per_week_min=numbers.get("hours_per_week_min") or 0,
        hours_per_week_max=numbers.get("hours_per_week_max") or 0,
        paid=values["paid"],
        allowance=values["allowance"],
        skills=tuple(
            labels.codes_of("skill", (s.strip() for s in values["skills"].split(",") if s.strip()))
        )[:20],
        suitable_for=tuple(values["suitable_for"]),
        language_level=stored_language_level(values["language_level"]),
        what_you_learn=values["what_you_learn"],
        guidance=values["guidance"],
        min_age=numbers.get("min_age"),
        start_date=dates.get("start_date"),
        end_date=dates.get("end_date"),
        contact_name=values["contact_name"],
        contact_email=values["contact_email"],
        contact_phone=values["contact_phone"],
        status=status,
        education_levels=tuple(values["education_levels"]),
        learning_routes=tuple(values["learning_routes"]),
        duration_weeks=numbers.get("duration_weeks"),
        stage_allowance=stage_allowance,
        study_programme=values["study_programme"],
        crebo=values["crebo"],
        hours_per_day_max=numbers.get("hours_per_day_max"),
        work_days=tuple(values["work_days"]),
        work_from=values["work_from"],
        work_until=values["work_until"],
        holidays_only=values["holidays_only"],
        light_supervised=values["light_supervised"],
    )
    # The service's own checks, so every problem shows at once, each by its field.
    errors = {**check_opportunity(data), **errors}
    return values, (None if errors else data), errors


def problems_of(error: InvalidOpportunity) -> dict[str, str]:
    return dict(error.problems)
