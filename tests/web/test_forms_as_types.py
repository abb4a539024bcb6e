"""A form is a type: every field says what it takes, every problem gets a Dutch message
by its field, and what was typed comes back (never a password)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

import pytest
from litestar.datastructures import FormMultiDict
from msgspec import Meta

from meedoen.i18n import N_
from meedoen.vocabulary import Sector, Wijk
from meedoen.web.forms import FREE_TEXT, NAME, SECRET, Email, Form, Say, blank, decode_form

pytestmark = pytest.mark.engine_independent


class Example(Form, kw_only=True):
    name: Annotated[str, Meta(min_length=1, max_length=20), NAME]
    story: Annotated[str, Meta(max_length=200), FREE_TEXT] = ""
    password: Annotated[str, Meta(min_length=1, max_length=1000), SECRET]
    wijk: Wijk
    sectors: list[Sector] = []
    hours: Annotated[int, Meta(ge=1, le=40)] | None = None
    start: dt.date | None = None
    findable: bool = False

    messages: ClassVar[dict[str, Say]] = {"name": Say(missing=N_("Vul je naam in."))}


def form(**fields: str | list[str]) -> FormMultiDict:
    items = []
    for name, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            items.append((name, one))
    return FormMultiDict(items)


def test_a_right_form_becomes_its_type() -> None:
    sent = form(
        name="  Amina ",
        password=" geheim ",
        wijk="Pathmos",
        sectors=["zorg", "zorg", "ICT"],
        hours="12",
        start="12-03-2027",
        findable="on",
    )
    decoded = decode_form(sent, Example)
    assert decoded.ok and decoded.data is not None
    assert decoded.data.name == "Amina"
    assert decoded.data.password == " geheim "  # a password is taken exactly as typed
    assert decoded.data.sectors == ["zorg", "ICT"]
    assert (decoded.data.hours, decoded.data.start) == (12, dt.date(2027, 3, 12))
    assert decoded.data.findable is True
    assert "password" not in decoded.values


def test_every_wrong_field_gets_its_own_message_and_the_input_stays() -> None:
    sent = form(
        name="",
        story="Mijn BSN is 111222333",
        password="x",
        wijk="Atlantis",
        sectors=["zorg", "ruimtevaart"],
        hours="²",
        start="31-02-2027",
    )
    decoded = decode_form(sent, Example)
    assert not decoded.ok and decoded.data is None
    assert decoded.errors == {
        "name": "Vul je naam in.",
        "story": "Hier staat een burgerservicenummer (BSN). Dat mag niet op Meedoen West: haal het nummer weg.",
        "wijk": "Kies een van de mogelijkheden uit de lijst.",
        "sectors": "Kies een van de mogelijkheden uit de lijst.",
        "hours": "Vul een heel getal in, bijvoorbeeld 40.",
        "start": "Vul een datum in, bijvoorbeeld 12-03-2027.",
    }
    assert decoded.values["wijk"] == "Atlantis"
    assert decoded.values["sectors"] == ["zorg", "ruimtevaart"]
    assert decoded.values["start"] == ""  # a date field cannot show what it cannot hold
    assert decoded.decoded["password"] == "x"  # right fields stay usable for the domain


def test_too_long_a_link_in_a_name_and_numbers_out_of_range() -> None:
    decoded = decode_form(
        form(name="Kijk op www.phishing.nl", password="x", wijk="Pathmos", hours="41"), Example
    )
    assert decoded.errors["name"].startswith("Maak dit korter: hoogstens 20 tekens")
    decoded = decode_form(form(name="www.fout.nl", password="x", wijk="Pathmos"), Example)
    assert "internetadres" in decoded.errors["name"]
    assert decode_form(form(name="A", password="x", wijk="Pathmos", hours="41"), Example).errors
    missing = decode_form(form(), Example).errors
    assert set(missing) == {"name", "password", "wijk"}


def test_the_domain_adds_rules_over_several_fields() -> None:
    decoded = decode_form(form(name="Amina", password="x", wijk="Pathmos"), Example)
    assert decoded.data is not None
    decoded.refuse({"wijk": "Kies een wijk in West."})
    assert decoded.data is None and decoded.errors == {"wijk": "Kies een wijk in West."}
    assert blank(Example, {"name": "Amina"}).values == {"name": "Amina"}


class Slot(Form):
    day: dt.date | None = None
    start: dt.time | None = None
    capacity: Annotated[int, Meta(le=9999)] | None = None


class Contact(Form):
    email: Email = ""
    wijk: Wijk | None = None


def test_a_repeated_group_of_fields_is_read_by_its_prefix() -> None:
    sent = form(slot_1_day="2027-03-14", slot_1_start="10:00", slot_2_day="", slot_2_start="tien")
    first = decode_form(sent, Slot, prefix="slot_1_")
    second = decode_form(sent, Slot, prefix="slot_2_")
    assert first.data == Slot(day=dt.date(2027, 3, 14), start=dt.time(10, 0))
    assert second.errors == {"slot_2_start": "Vul een tijd in, zoals 10:00."}
    assert second.values == {"slot_2_day": "", "slot_2_start": "", "slot_2_capacity": ""}
    # What was right stays usable, the wrong field at its default.
    assert second.partial == Slot()


def test_an_email_address_is_checked_only_when_given() -> None:
    assert decode_form(form(email=""), Contact).data == Contact()
    wrong = decode_form(form(email="naam@", wijk="Pathmos"), Contact)
    assert wrong.errors == {"email": "Vul een goed e-mailadres in, zoals naam@voorbeeld.nl."}
    assert wrong.values["email"] == "naam@" and wrong.partial == Contact(wijk="Pathmos")
