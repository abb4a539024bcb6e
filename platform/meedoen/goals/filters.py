"""The dashboard's filters from the URL: whole months (``van``, ``tot`` as 2026-01) and a wijk.

Anything that does not parse falls back to the default with a message, never an error
page: a bookmarked or hand-edited URL always shows something. Periods are whole months,
so figures for periods that differ by a few days cannot be subtracted from each other.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from meedoen.i18n import gettext
from meedoen.vocabulary import WIJKEN

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_MONTHS = 60
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class DashboardFilters:
    start: dt.date
    end: dt.date
    wijk: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def van(self) -> str:
        return self.start.strftime("%Y-%m")

    @property
    def tot(self) -> str:
        return self.end.strftime("%Y-%m")

    def query(self) -> dict[str, str]:
        params = {"van": self.van, "tot": self.tot}
        if self.wijk:
            params["wijk"] = self.wijk
        return params


def month_start(value: str) -> dt.date | None:
    match = MONTH.match(value.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and EARLIEST_YEAR <= year <= 2100):
        return None
    return dt.date(year, month, 1)


def month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to and including this one."""
    year, month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return dt.date(year, month, 1), month_end(today.replace(day=1))


def parse_filters(params: Mapping[str, str], today: dt.date) -> DashboardFilters:
    default_start, default_end = default_period(today)
    problems = []
    start_text, end_text = params.get("van", "") or "", params.get("tot", "") or ""
    start = month_start(start_text) if start_text else default_start
    end_first = month_start(end_text) if end_text else default_end.replace(day=1)
    if start is None or end_first is None:
        problems.append(
            gettext(
                "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01. We tonen nu de afgelopen twaalf maanden."
            )
        )
        start, end_first = default_start, default_end.replace(day=1)
    elif end_first < start:
        problems.append(
            gettext(
                "De eindmaand ligt voor de beginmaand. We tonen nu de afgelopen twaalf maanden."
            )
        )
        start, end_first = default_start, default_end.replace(day=1)
    elif (end_first.year - start.year) * 12 + end_first.month - start.month >= MAX_MONTHS:
        problems.append(
            gettext(
                "Kies een periode van hoogstens vijf jaar. We tonen nu de afgelopen twaalf maanden."
            )
        )
        start, end_first = default_start, default_end.replace(day=1)
    wijk = (params.get("wijk", "") or "").strip()
    if wijk and wijk not in WIJKEN:
        problems.append(gettext("Deze wijk kennen we niet. We tonen nu heel West."))
        wijk = ""
    return DashboardFilters(start, month_end(end_first), wijk, problems)
