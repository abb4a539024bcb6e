"""Reading the traject forms: text and dates as people type them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from meedoen.i18n import gettext


def text(form: Mapping[str, Any], name: str, limit: int = 4000) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def parse_date(raw: str) -> dt.date | None:
    """'2027-03-12' (a date field) or '12-03-2027' / '12/3/2027' (typed by hand)."""
    raw = raw.strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None


def date(form: Mapping[str, Any], name: str, problems: dict[str, str]) -> dt.date | None:
    raw = text(form, name, 20)
    if not raw:
        return None
    parsed = parse_date(raw)
    if parsed is None:
        problems[name] = gettext("Vul een datum in, bijvoorbeeld 12-03-2027.")
    return parsed


def kept(form: Mapping[str, Any], problems: dict[str, str], *dates: str) -> dict[str, Any]:
    """The form's values to show again with its errors; a date that could not be read is
    left out, since a date field cannot hold it (the error says what to type)."""
    values = dict(form)
    for name in dates:
        if name in problems and parse_date(text(form, name, 20)) is None:
            values[name] = ""
    return values
