"""The organisations' forms as types (see ``meedoen.web.forms``): the posting form, the
organisation's details, an invitation's sign-up and the small forms of the dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from meedoen import labels
from meedoen.i18n import N_, gettext
from meedoen.opportunities.service import InvalidOpportunity, OpportunityInput, check_opportunity
from meedoen.opportunities.stages import ALLOWANCE_PROBLEM, allowance_text, parse_allowance
from meedoen.vocabulary import Sector, Wijk
from meedoen.web.form_data import whole_number
from meedoen.web.forms import FREE_TEXT, NAME, SECRET, Email, Form, Say

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


STALE = N_(
    "Iemand anders heeft deze kans veranderd terwijl jij hem bewerkte. Wat jij typte staat "
    "hieronder nog. Open de kans opnieuw om de nieuwe versie te zien, en voer je wijziging "
    "daar opnieuw in."
)


def version(raw: str) -> int:
    """The version the edit began from; 0 (never current) when missing, so it conflicts."""
    return whole_number(raw) or 0


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


Code = Annotated[str, Meta(max_length=60)]
Number = Annotated[int, Meta(ge=0, le=999)] | None
NUMBER = Say(invalid=N_("Vul een heel getal in, zoals 8."))
DATE = Say(invalid=N_("Vul een datum in, zoals 2026-09-01."))


class PostingForm(Form, kw_only=True):
    """A posting as its organisation writes it. Which kinds, sectors and levels exist,
    and the rules for stages and minors, are the opportunities service's
    (``check_opportunity``), so every problem shows at once, each by its field."""

    kind: Code = ""
    title: str = ""
    description: Annotated[str, Meta(min_length=1)] = ""
    what_you_learn: str = ""
    guidance: str = ""
    sector: Annotated[Code, Meta(min_length=1)] = ""
    wijk: Annotated[Code, Meta(min_length=1)] = ""
    postcode: Code = ""
    allowance: str = ""
    language_level: Annotated[Code, Meta(min_length=1)] = ""
    contact_name: str = ""
    contact_email: Email = ""
    contact_phone: str = ""
    study_programme: str = ""
    crebo: Code = ""
    stage_allowance: Code = ""
    work_from: Code = ""
    work_until: Code = ""
    hours_per_week_min: Number = None
    hours_per_week_max: Number = None
    min_age: Number = None
    duration_weeks: Number = None
    hours_per_day_max: Number = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    skills: str = ""
    suitable_for: list[Code] = []
    education_levels: list[Code] = []
    learning_routes: list[Code] = []
    work_days: list[Code] = []
    paid: bool = False
    holidays_only: bool = False
    light_supervised: bool = False
    version: Code = ""
    action: Code = ""

    messages: ClassVar[dict[str, Say]] = {
        **dict.fromkeys(NUMBER_FIELDS, NUMBER),
        **dict.fromkeys(DATE_FIELDS, DATE),
        "description": Say(missing=N_("Beschrijf wat iemand gaat doen.")),
        "sector": Say(missing=N_("Kies een sector.")),
        "wijk": Say(missing=N_("Kies de wijk waar het werk is.")),
        # No silent default: "geen eis" must be chosen, like any level.
        "language_level": Say(
            missing=N_("Kies hoe goed iemand Nederlands moet kunnen, of kies ‘Geen eis’.")
        ),
    }


def posting_input(form: PostingForm, status: str) -> tuple[OpportunityInput, dict[str, str]]:
    """The opportunities service's input, and the problems of the stage allowance (which
    ``parse_allowance`` reads) and of the service's own checks."""
    stage_allowance, understood = parse_allowance(form.stage_allowance)
    data = OpportunityInput(
        kind=form.kind,
        title=form.title,
        description=form.description,
        sector=form.sector,
        wijk=form.wijk,
        postcode=form.postcode,
        hours_per_week_min=form.hours_per_week_min or 0,
        hours_per_week_max=form.hours_per_week_max or 0,
        paid=form.paid,
        allowance=form.allowance,
        skills=tuple(
            labels.codes_of("skill", (s.strip() for s in form.skills.split(",") if s.strip()))
        )[:20],
        suitable_for=tuple(form.suitable_for),
        language_level=stored_language_level(form.language_level),
        what_you_learn=form.what_you_learn,
        guidance=form.guidance,
        min_age=form.min_age,
        start_date=form.start_date,
        end_date=form.end_date,
        contact_name=form.contact_name,
        contact_email=form.contact_email,
        contact_phone=form.contact_phone,
        status=status,
        education_levels=tuple(form.education_levels),
        learning_routes=tuple(form.learning_routes),
        duration_weeks=form.duration_weeks,
        stage_allowance=stage_allowance,
        study_programme=form.study_programme,
        crebo=form.crebo,
        hours_per_day_max=form.hours_per_day_max,
        work_days=tuple(form.work_days),
        work_from=form.work_from,
        work_until=form.work_until,
        holidays_only=form.holidays_only,
        light_supervised=form.light_supervised,
    )
    problems = dict(check_opportunity(data))
    if not understood:
        problems["stage_allowance"] = gettext(ALLOWANCE_PROBLEM)
    return data, problems


def problems_of(error: InvalidOpportunity) -> dict[str, str]:
    return dict(error.problems)


class DetailsForm(Form, kw_only=True):
    """The organisation's own details; ``details.details_problems`` checks the formats."""

    name: Annotated[str, Meta(min_length=1, max_length=200), NAME]
    kvk_number: Code = ""
    description: Annotated[str, FREE_TEXT] = ""
    sector: Sector
    wijk: Wijk
    postcode: Code = ""
    website: Annotated[str, Meta(max_length=400)] = ""
    contact_email: Email = ""
    contact_phone: Code = ""
    leerbedrijf_id: Code = ""

    messages: ClassVar[dict[str, Say]] = {
        "name": Say(
            missing=N_("Vul de naam van je organisatie in."),
            too_long=N_("Vul een naam in van hoogstens 200 tekens."),
        ),
        "sector": Say(
            missing=N_("Kies de sector van je organisatie."),
            invalid=N_("Kies de sector van je organisatie."),
        ),
        "wijk": Say(
            missing=N_("Kies de wijk waar je organisatie zit."),
            invalid=N_("Kies de wijk waar je organisatie zit."),
        ),
    }


class InvitationForm(Form, kw_only=True):
    """Someone invited without an account signs up: a name and a password (its strength
    is the accounts service's rule)."""

    display_name: Annotated[str, Meta(min_length=1, max_length=120)]
    password: Annotated[str, Meta(min_length=1, max_length=1000), SECRET]

    messages: ClassVar[dict[str, Say]] = {
        "display_name": Say(missing=N_("Vul je naam in."), too_long=N_("Vul je naam in.")),
        "password": Say(
            missing=N_("Kies een wachtwoord."),
            too_long=N_("Kies een wachtwoord van hoogstens 1000 tekens."),
        ),
    }


class ChoiceForm(Form):
    """One of the dashboard's buttons: the organisation to work for, a posting's status."""

    organisatie: Code = ""
    status: Code = ""


class InviteForm(Form):
    email: Annotated[str, Meta(max_length=320)] = ""
