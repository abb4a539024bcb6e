"""The meetings' forms as types (see ``meedoen.web.forms``), and how a checked form
becomes the services' input. Which kinds, places and times make a meeting is
``meetings.check_meeting``'s; who may sign up how is ``signups``'."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar

from msgspec import Meta

from meedoen.events.meetings import MAX_SLOTS, MeetingInput, SlotInput, check_meeting, local
from meedoen.i18n import N_, gettext
from meedoen.web.forms import Email, Form, FormInput, Say, decode_form

Code = Annotated[str, Meta(max_length=60)]
Text = Annotated[str, Meta(max_length=10_000)]
TEXT_FIELDS = (
    "kind",
    "title",
    "description",
    "place_name",
    "address",
    "postcode",
    "wijk",
    "directions",
    "accessibility_note",
    "cost",
    "cost_note",
)
LIST_FIELDS = ("accessibility", "languages", "suitable_for")
FLAGS = ("open_entry", "groups_welcome", "has_stands")
SLOT_FIELDS = ("day", "start", "end", "capacity")
PHONE = re.compile(r"^\+?[0-9 ()-]{8,20}$")
PHONE_PROBLEM = N_("Vul een telefoonnummer in, zoals 06 12345678.")
SLOT_ROWS = 3


class MeetingForm(Form, kw_only=True):
    """A meeting as its organiser writes it; its time slots are ``SlotForm`` rows."""

    kind: Code = ""
    title: Text = ""
    description: Text = ""
    place_name: Text = ""
    address: Text = ""
    postcode: Code = ""
    wijk: Code = ""
    directions: Text = ""
    accessibility_note: Text = ""
    cost: Code = ""
    cost_note: Text = ""
    accessibility: list[Code] = []
    languages: list[Code] = []
    suitable_for: list[Code] = []
    open_entry: bool = False
    groups_welcome: bool = False
    has_stands: bool = False
    slot_rows: Annotated[int, Meta(le=MAX_SLOTS)] | None = None
    action: Code = ""

    messages: ClassVar[dict[str, Say]] = {
        "cost": Say(too_long=N_("Vul de kosten in euro’s in, zoals 0 of 7,50.")),
    }


class SlotForm(Form):
    """One time slot (``slot_1_day``, ``slot_1_start``…): a day, a start, an end, and
    optionally how many may come."""

    day: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    capacity: Annotated[int, Meta(le=9999)] | None = None

    messages: ClassVar[dict[str, Say]] = {
        "day": Say(invalid=N_("Vul een datum in, zoals 2027-03-14.")),
        "capacity": Say(invalid=N_("Vul een heel getal in, zoals 30, of laat het leeg.")),
    }


class SignUpForm(Form, kw_only=True):
    """Signing up on a meeting's page: as oneself (``wie``: ``ik``), as a guest, or for a
    group. What each way needs is ``signups``' rule (``guest_problems``, ``group_problems``)."""

    wie: Code = ""
    slot: Code = ""
    met_coach: bool = False
    guardian_email: Annotated[str, Meta(max_length=320)] = ""
    name: Annotated[str, Meta(max_length=120)] = ""
    email: Email = ""
    phone: Code = ""
    wijk: Code = ""
    group_name: Annotated[str, Meta(max_length=200)] = ""
    group_size: Annotated[int, Meta(ge=2, le=60)] | None = None

    messages: ClassVar[dict[str, Say]] = {
        "name": Say(too_long=N_("Vul een naam in van hoogstens 120 tekens.")),
        "phone": Say(too_long=PHONE_PROBLEM),
        "group_size": Say(invalid=N_("Vul in met hoeveel mensen jullie komen: 2 tot en met 60.")),
    }


class CoachSignUpForm(Form, kw_only=True):
    """A coach signs up a resident of their caseload."""

    resident: Code = ""
    slot: Code = ""
    consent_note: Text = ""
    met_coach: bool = False
    guardian_email: Annotated[str, Meta(max_length=320)] = ""


class WalkInForm(Form, kw_only=True):
    """Someone who came without signing up, checked in at the door."""

    name: Text = ""
    email: Email = ""
    phone: Code = ""
    wijk: Code = ""
    group_size: Code = ""


class CheckInForm(Form, kw_only=True):
    aanmelding: Code = ""
    aanwezig: Code = ""
    q: Annotated[str, Meta(max_length=100)] = ""


class StandForm(Form, kw_only=True):
    """A stand at a fair: asked for (``note``), decided (``besluit``, ``number``,
    ``reason``)."""

    note: Text = ""
    besluit: Code = ""
    number: Code = ""
    reason: Text = ""


class ContactForm(Form, kw_only=True):
    """A contact made at a stand, and what the organisation does with it."""

    code: Code = ""
    aanmelding: Code = ""
    note: Text = ""
    q: Annotated[str, Meta(max_length=100)] = ""
    consent: bool = False
    action: Code = ""
    kans: Code = ""


class ManageForm(Form, kw_only=True):
    """The organiser's buttons: a status, a floor plan's description."""

    status: Code = ""
    floor_plan_alt: Text = ""


def slot_id(raw: str) -> int | None:
    """The chosen time slot's id; None when none (or something else) was sent."""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def values_from_view(meeting: dict[str, Any], slots: list[dict[str, Any]]) -> dict[str, Any]:
    """A stored meeting as form values."""
    values: dict[str, Any] = {name: meeting.get(name) or "" for name in TEXT_FIELDS}
    values["cost"] = f"{meeting['cost_cents'] / 100:.2f}".replace(".", ",").removesuffix(",00")
    for name in LIST_FIELDS:
        values[name] = list(meeting.get(name) or [])
    for name in FLAGS:
        values[name] = bool(meeting.get(name))
    for number, slot in enumerate(slots, 1):
        start, end = local(slot["starts_at"]), local(slot["ends_at"])
        values[f"slot_{number}_day"] = start.date().isoformat()
        values[f"slot_{number}_start"] = f"{start:%H:%M}"
        values[f"slot_{number}_end"] = f"{end:%H:%M}"
        values[f"slot_{number}_capacity"] = (
            "" if slot["capacity"] is None else str(slot["capacity"])
        )
    values["slot_rows"] = max(SLOT_ROWS, len(slots) + 1)
    return values


def read_meeting(form: Any, status: str | None) -> tuple[FormInput[MeetingForm], MeetingInput]:
    """The meeting form with its time slots, decoded, and the service's input; the
    problems of every field (and of the service's checks) are in the form's errors. A
    new meeting (``status`` None) is published or kept as a draft by its button."""
    meeting = decode_form(form, MeetingForm)
    typed = meeting.partial or MeetingForm()
    if status is None:
        status = "gepubliceerd" if typed.action == "publiceren" else "concept"
    rows = min(max(SLOT_ROWS, typed.slot_rows or SLOT_ROWS), MAX_SLOTS)
    meeting.values["slot_rows"] = rows
    slots: list[SlotInput] = []
    for number in range(1, rows + 1):
        row = decode_form(form, SlotForm, prefix=f"slot_{number}_")
        if not any(row.values.values()):
            continue
        meeting.values.update(row.values)
        problems = _slot_problems(f"slot_{number}_", row)
        meeting.refuse(problems)
        if not problems and row.data is not None:
            slot = row.data
            assert slot.day is not None and slot.start is not None and slot.end is not None
            slots.append(SlotInput(slot.day, slot.start, slot.end, slot.capacity))
    cost = _cents(typed.cost)
    if cost is None:
        meeting.refuse({"cost": gettext("Vul de kosten in euro’s in, zoals 0 of 7,50.")})
    data = MeetingInput(
        kind=typed.kind,
        title=typed.title,
        description=typed.description,
        place_name=typed.place_name,
        address=typed.address,
        postcode=typed.postcode,
        wijk=typed.wijk,
        directions=typed.directions,
        accessibility=tuple(typed.accessibility),
        accessibility_note=typed.accessibility_note,
        languages=tuple(typed.languages),
        cost_cents=cost or 0,
        cost_note=typed.cost_note,
        suitable_for=tuple(typed.suitable_for),
        open_entry=typed.open_entry,
        groups_welcome=typed.groups_welcome,
        has_stands=typed.has_stands,
        status=status,
        slots=tuple(slots),
    )
    problems = check_meeting(data)
    if "slot_1_day" in problems and any(k.startswith("slot_") for k in meeting.errors):
        problems.pop("slot_1_day")
    meeting.refuse(problems)
    return meeting, data


def _slot_problems(prefix: str, row: FormInput[SlotForm]) -> dict[str, str]:
    """A slot that is used needs a day, a start and an end; without a day that can be
    read, only the day is told (the times wait until it is right)."""
    day = prefix + "day"
    if row.decoded.get("day") is None:
        return {day: row.errors.get(day) or gettext("Vul een datum in, zoals 2027-03-14.")}
    problems = dict(row.errors)
    for name in ("start", "end"):
        if row.decoded.get(name) is None:
            problems.setdefault(prefix + name, gettext("Vul een tijd in, zoals 10:00."))
    return problems


def _cents(raw: str) -> int | None:
    raw = raw.strip().replace("€", "").replace(" ", "")
    if not raw or raw.lower() in ("gratis", "0"):
        return 0
    match = re.fullmatch(r"(\d{1,4})(?:[.,](\d{1,2}))?", raw)
    if not match:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
