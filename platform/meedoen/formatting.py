"""Dates, times and numbers as the reader's language writes them.

Dutch: "9 maart 2026", "6 december 2026, 23:20", "12.345". English is British English:
"9 March 2026", "6 December 2026, 23:20", "12,345". Times are shown in Enschede's own
time zone, whatever the server's clock is set to. Templates use the filters ``day``,
``moment``, ``short_day`` and ``number``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from meedoen.i18n import current_language

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def babel_locale() -> str:
    return BABEL_LOCALES.get(current_language(), "nl_NL")


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return local(value).date()
    return value


def local(value: dt.datetime) -> dt.datetime:
    """A stored moment in Enschede's time (naive values are taken as UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(LOCAL_TIME)


def day(value: dt.date | dt.datetime | None) -> str:
    """'9 maart 2026' / '9 March 2026'; empty for no date."""
    if value is None or value == "":
        return ""
    return _formatted_date(_as_date(value), "long", babel_locale())


def short_day(value: dt.date | dt.datetime | None) -> str:
    """'9 mrt. 2026' / '9 Mar 2026': for tables and cards where space is short."""
    if value is None or value == "":
        return ""
    return _formatted_date(_as_date(value), "medium", babel_locale())


@lru_cache(maxsize=4096)
def _formatted_date(value: dt.date, form: str, locale: str) -> str:
    # Babel parses the locale and the pattern on every call: a search page of 20 cards
    # asked it 40 times for a handful of dates.
    return format_date(value, format=form, locale=locale)


def moment(value: dt.datetime | None) -> str:
    """'6 december 2026, 23:20' / '6 December 2026, 23:20' in Enschede's time."""
    if value is None:
        return ""
    return format_datetime(local(value), "d MMMM y, HH:mm", locale=babel_locale())


def number(value: int | float | None) -> str:
    """'12.345' / '12,345'."""
    if value is None:
        return ""
    return format_decimal(value, locale=babel_locale())
