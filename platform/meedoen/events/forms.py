"""Reading the meetings' forms: values to show again, and errors per field in plain Dutch."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from meedoen.accounts.forms import email_error, text
from meedoen.events.meetings import MAX_SLOTS, MeetingInput, SlotInput, check_meeting, local
from meedoen.i18n import gettext
from meedoen.web.form_data import whole_number

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
SLOT_ROWS = 3


def getall(form: Any, name: str) -> list[str]:
    values = form.getall(name, []) if hasattr(form, "getall") else [form.get(name, "")]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


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


def meeting_form(
    form: Any, status: str
) -> tuple[dict[str, Any], MeetingInput | None, dict[str, str]]:
    """Values to show again, the input (None when it cannot be saved) and errors per field."""
    values: dict[str, Any] = {name: text(form, name) for name in TEXT_FIELDS}
    for name in LIST_FIELDS:
        values[name] = getall(form, name)
    for name in FLAGS:
        values[name] = bool(text(form, name))
    errors: dict[str, str] = {}
    slots: list[SlotInput] = []
    rows = min(max(SLOT_ROWS, whole_number(text(form, "slot_rows"), 1) or SLOT_ROWS), MAX_SLOTS)
    values["slot_rows"] = rows
    for number in range(1, rows + 1):
        raw = {f: text(form, f"slot_{number}_{f}") for f in SLOT_FIELDS}
        if not any(raw.values()):
            continue
        slot = _slot(number, raw, errors)
        values.update({f"slot_{number}_{f}": v for f, v in raw.items()})
        if slot is not None:
            slots.append(slot)
    cost = _cents(values["cost"])
    if cost is None:
        errors["cost"] = gettext("Vul de kosten in euro’s in, zoals 0 of 7,50.")
    data = MeetingInput(
        kind=values["kind"],
        title=values["title"],
        description=values["description"],
        place_name=values["place_name"],
        address=values["address"],
        postcode=values["postcode"],
        wijk=values["wijk"],
        directions=values["directions"],
        accessibility=tuple(values["accessibility"]),
        accessibility_note=values["accessibility_note"],
        languages=tuple(values["languages"]),
        cost_cents=cost or 0,
        cost_note=values["cost_note"],
        suitable_for=tuple(values["suitable_for"]),
        open_entry=values["open_entry"],
        groups_welcome=values["groups_welcome"],
        has_stands=values["has_stands"],
        status=status,
        slots=tuple(slots),
    )
    problems = check_meeting(data)
    if "slot_1_day" in problems and any(k.startswith("slot_") for k in errors):
        problems.pop("slot_1_day")
    errors = {**problems, **errors}
    return values, (None if errors else data), errors


def _slot(number: int, raw: dict[str, str], errors: dict[str, str]) -> SlotInput | None:
    # A date or time field cannot show what is not a date or time: the message says
    # what to fill in, the field starts empty (as the browser would show it anyway).
    try:
        day = dt.date.fromisoformat(raw["day"])
    except ValueError:
        errors[f"slot_{number}_day"] = gettext("Vul een datum in, zoals 2027-03-14.")
        raw["day"] = ""
        return None
    times = []
    for name in ("start", "end"):
        try:
            times.append(dt.time.fromisoformat(raw[name]))
        except ValueError:
            errors[f"slot_{number}_{name}"] = gettext("Vul een tijd in, zoals 10:00.")
            raw[name] = ""
    capacity = None
    if raw["capacity"]:
        capacity = whole_number(raw["capacity"], 4)
        if capacity is None:
            errors[f"slot_{number}_capacity"] = gettext(
                "Vul een heel getal in, zoals 30, of laat het leeg."
            )
    if len(times) != 2:
        return None
    return SlotInput(day, times[0], times[1], capacity)


def _cents(raw: str) -> int | None:
    raw = raw.strip().replace("€", "").replace(" ", "")
    if not raw or raw.lower() in ("gratis", "0"):
        return 0
    match = re.fullmatch(r"(\d{1,4})(?:[.,](\d{1,2}))?", raw)
    if not match:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


def guest_form(form: Any) -> tuple[dict[str, str], dict[str, str]]:
    """A guest's sign-up: a name and an e-mail address or phone number."""
    values = {name: text(form, name) for name in ("name", "email", "phone", "wijk", "slot")}
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = gettext("Vul je naam in.")
    elif len(values["name"]) > 120:
        errors["name"] = gettext("Vul een naam in van hoogstens 120 tekens.")
    if not values["email"] and not values["phone"]:
        errors["email"] = gettext(
            "Vul je e-mailadres of je telefoonnummer in, zodat we je kunnen laten weten als er iets verandert."
        )
    if values["email"] and (problem := email_error(values["email"])):
        errors["email"] = problem
    if values["phone"] and not PHONE.match(values["phone"]):
        errors["phone"] = gettext("Vul een telefoonnummer in, zoals 06 12345678.")
    return values, errors


def group_form(form: Any) -> tuple[dict[str, str], dict[str, str], int]:
    """A group's sign-up: a name, how many, and a contact person (no members' data)."""
    values = {
        name: text(form, name)
        for name in ("group_name", "group_size", "name", "email", "phone", "slot")
    }
    errors: dict[str, str] = {}
    size = whole_number(values["group_size"], 3) or 0
    if not values["group_name"]:
        errors["group_name"] = gettext("Vul de naam van de groep in, zoals ‘Klas 3B’.")
    if not 2 <= size <= 60:
        errors["group_size"] = gettext("Vul in met hoeveel mensen jullie komen: 2 tot en met 60.")
    if not values["name"]:
        errors["name"] = gettext("Vul de naam van de contactpersoon in.")
    if problem := email_error(values["email"]):
        errors["email"] = problem
    if values["phone"] and not PHONE.match(values["phone"]):
        errors["phone"] = gettext("Vul een telefoonnummer in, zoals 06 12345678.")
    return values, errors, size
