"""The coaching forms as types (see ``meedoen.web.forms``), and how each becomes the
services' dataclass. The services hold the rules (ranges, vocabularies, what a status
asks for) and their messages; a type only says what each input can hold."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from msgspec import Meta

from meedoen import labels
from meedoen.coaching.caseload import Intake
from meedoen.placements.ladder import RungEntry
from meedoen.placements.service import PlacementDetails, StatusChange
from meedoen.web.form_data import whole_number
from meedoen.web.forms import Form

Ref = Annotated[str, Meta(max_length=40)]
Code = Annotated[str, Meta(max_length=60)]
MAX_WORDS = 20
MAX_WORD_LENGTH = 60


class IntakeForm(Form):
    first_name: Annotated[str, Meta(max_length=200)] = ""
    consent: bool = False
    consent_note: Annotated[str, Meta(max_length=2000)] = ""
    wijk: Code = ""
    birth_year: int | None = None
    hours_per_week: int | None = None
    preferred_kinds: list[Code] = []
    skills: Annotated[str, Meta(max_length=1000)] = ""
    interests: Annotated[str, Meta(max_length=1000)] = ""
    language_level: Code = ""
    summary: Annotated[str, Meta(max_length=2000)] = ""
    rung: int | None = None
    motivation: Annotated[str, Meta(max_length=1000)] = ""


class CardForm(Form):
    """How the coach's residents reach them."""

    team: Annotated[str, Meta(max_length=400)] = ""
    phone: Annotated[str, Meta(max_length=400)] = ""
    availability: Annotated[str, Meta(max_length=400)] = ""


class RungForm(Form):
    rung: int | None = None
    recorded_on: dt.date | None = None
    occasion: Code = ""
    motivation: Annotated[str, Meta(max_length=1000)] = ""


class NoteForm(Form):
    text: Annotated[str, Meta(max_length=10_000)] = ""


class ContactForm(Form):
    contact_on: dt.date | None = None


class TransferForm(Form):
    coach: int | None = None
    note: Annotated[str, Meta(max_length=500)] = ""


class PlacementForm(Form):
    """A placement's details; a new one also names its kans or organisation."""

    kind: Code = ""
    description: Annotated[str, Meta(max_length=4000)] = ""
    start_date: dt.date | None = None
    planned_end_date: dt.date | None = None
    hours_per_week: int | None = None
    opportunity: Ref = ""
    organisation: Ref = ""
    version: Code = ""
    """The version the coach read (see ``version``)."""


class StatusForm(Form):
    to_status: Code = ""
    stop_reason: Code = ""
    stop_text: Annotated[str, Meta(max_length=2000)] = ""
    next_step_kind: Code = ""
    outcome_note: Annotated[str, Meta(max_length=2000)] = ""
    version: Code = ""


def words(raw: str) -> tuple[str, ...]:
    """A comma-separated list ("koken, schoonmaken") as separate words."""
    found = (w.strip()[:MAX_WORD_LENGTH] for w in raw.split(","))
    return tuple(w for w in found if w)[:MAX_WORDS]


def intake(form: IntakeForm) -> Intake:
    return Intake(
        first_name=form.first_name,
        consent=form.consent,
        consent_note=form.consent_note,
        wijk=form.wijk,
        birth_year=form.birth_year,
        hours_per_week=form.hours_per_week,
        preferred_kinds=tuple(form.preferred_kinds),
        skills=tuple(labels.codes_of("skill", words(form.skills))),
        interests=tuple(labels.codes_of("interest", words(form.interests))),
        language_level=form.language_level,
        summary=form.summary,
        rung=form.rung,
        motivation=form.motivation,
    )


def rung_entry(form: RungForm) -> RungEntry:
    return RungEntry(
        rung=form.rung,
        recorded_on=form.recorded_on,
        occasion=form.occasion,
        motivation=form.motivation,
    )


def placement_details(form: PlacementForm, default_kind: str = "") -> PlacementDetails:
    return PlacementDetails(
        kind=form.kind or default_kind,
        description=form.description,
        start_date=form.start_date,
        planned_end_date=form.planned_end_date,
        hours_per_week=form.hours_per_week,
    )


def status_change(form: StatusForm) -> StatusChange:
    return StatusChange(
        to_status=form.to_status,
        stop_reason=form.stop_reason,
        stop_text=form.stop_text,
        next_step_kind=form.next_step_kind,
        outcome_note=form.outcome_note,
    )


def version(raw: str) -> int:
    """The version the coach read; 0 (never current) when missing, so it conflicts."""
    return whole_number(raw) or 0
