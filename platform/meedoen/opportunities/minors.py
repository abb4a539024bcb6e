"""Work by minors (Arbeidstijdenwet): which hours a paid posting may ask of the ages it admits.

The rules, as the Arbeidstijdenwet and the Arbeidstijdenbesluit set them for children
of 13 to 15 and young people of 16 and 17 (summarised by the government on
rijksoverheid.nl, "Hoeveel uur mag mijn kind werken?"; see the README):

- under 13: no paid work at all;
- 13 and 14: only light work under supervision; at most 5 days a week, 2 hours on a
  school day, 12 hours in a school week, 7 hours on a day without school, 35 hours a
  week in the school holidays; never between 19:00 and 07:00; not on Sundays;
- 15: at most 5 days a week, 2 hours on a school day, 12 hours in a school week, 8 hours
  on a day without school, 40 hours a week in the holidays; not between 19:00 and 07:00
  (in the holidays: 21:00 and 07:00); Sundays only on conditions a posting cannot show,
  so they are left to the employer;
- 16 and 17: no night work, between 23:00 and 06:00; at most 9 hours a day and 45 a week.

Pure functions of a posting's stated hours: the service refuses a posting that breaks a
rule for the youngest age it admits, with a message that names the rule. Only paid work
is checked (volunteering, stages and dagbesteding have rules of their own).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from meedoen.i18n import N_, gettext

ADULT = 18
YOUNGEST_PAID = 13
SCHOOL_DAYS = ("ma", "di", "wo", "do", "vr")
DAYS = (*SCHOOL_DAYS, "za", "zo")
_TIME = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")


def read_time(raw: str) -> dt.time | None:
    """ "7:30", "07.30" or "19:00" as a time; None when it is no time of day."""
    match = _TIME.fullmatch(raw.strip())
    if match is None:
        return None
    return dt.time(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class Limits:
    """What one age band may work; None: no limit of this kind in this band."""

    ages: str  # how the message names the band ("13 en 14 jaar")
    light_work_only: bool
    days_a_week: int | None
    school_day_hours: int | None  # under 16 only; then the days must be stated
    school_week_hours: int | None
    free_day_hours: int | None  # a day without school, in a school week or a holiday
    holiday_week_hours: int | None
    sundays: bool
    not_before: dt.time
    not_after: dt.time
    not_after_in_holidays: dt.time


CHILD_13_14 = Limits(
    ages=N_("13 en 14 jaar"),
    light_work_only=True,
    days_a_week=5,
    school_day_hours=2,
    school_week_hours=12,
    free_day_hours=7,
    holiday_week_hours=35,
    sundays=False,
    not_before=dt.time(7, 0),
    not_after=dt.time(19, 0),
    not_after_in_holidays=dt.time(19, 0),
)
CHILD_15 = Limits(
    ages=N_("15 jaar"),
    light_work_only=False,
    days_a_week=5,
    school_day_hours=2,
    school_week_hours=12,
    free_day_hours=8,
    holiday_week_hours=40,
    sundays=True,
    not_before=dt.time(7, 0),
    not_after=dt.time(19, 0),
    not_after_in_holidays=dt.time(21, 0),
)
YOUNG_16_17 = Limits(
    ages=N_("16 en 17 jaar"),
    light_work_only=False,
    days_a_week=None,
    school_day_hours=None,
    school_week_hours=45,
    free_day_hours=9,
    holiday_week_hours=45,
    sundays=True,
    not_before=dt.time(6, 0),
    not_after=dt.time(23, 0),
    not_after_in_holidays=dt.time(23, 0),
)


def limits_for(age: int) -> Limits | None:
    """The limits of an age from 13 to 17; None for adults (and under 13: no work)."""
    if 13 <= age <= 14:
        return CHILD_13_14
    if age == 15:
        return CHILD_15
    if 16 <= age <= 17:
        return YOUNG_16_17
    return None


@dataclass(frozen=True)
class Hours:
    """The hours a posting asks, as the organisation states them."""

    paid: bool
    min_age: int | None
    hours_per_week_max: int
    hours_per_day_max: int | None = None
    work_days: Sequence[str] = ()
    work_from: dt.time | None = None
    work_until: dt.time | None = None
    holidays_only: bool = False
    light_supervised: bool = False


@dataclass(frozen=True)
class Breach:
    """One rule the hours break: the form field it belongs to and the sentence to show."""

    field: str
    message: str


def _rule(limits: Limits, text: str) -> str:
    return gettext("Arbeidstijdenwet, %(ages)s: %(rule)s", ages=gettext(limits.ages), rule=text)


def breaches(hours: Hours) -> list[Breach]:
    """Every rule the posting's hours break for the youngest age it admits (empty: fine).

    The youngest admitted age is the strictest: what it may do, every older minor may.
    """
    if not hours.paid:
        return []
    if hours.min_age is None:
        return [
            Breach(
                "min_age",
                gettext(
                    "Vul in vanaf welke leeftijd iemand dit betaalde werk kan doen. "
                    "Voor jongeren onder 18 gelden regels voor werktijden."
                ),
            )
        ]
    if hours.min_age >= ADULT:
        return []
    if hours.min_age < YOUNGEST_PAID:
        return [
            Breach(
                "min_age",
                gettext(
                    "Arbeidstijdenwet: kinderen onder 13 jaar mogen geen betaald werk doen. "
                    "Vul een minimumleeftijd in van 13 of hoger."
                ),
            )
        ]
    limits = limits_for(hours.min_age)
    assert limits is not None
    found = _missing(hours, limits)
    if found:
        return found
    return _light_work(hours, limits) + _times(hours, limits) + _amounts(hours, limits)


def _missing(hours: Hours, limits: Limits) -> list[Breach]:
    """The rules cannot be checked without the working times (and, under 16, the days and
    hours a day): ask for them rather than guess."""
    found = []
    if hours.work_from is None or hours.work_until is None:
        found.append(
            Breach(
                "work_from",
                gettext(
                    "Vul de werktijden in (van en tot). Voor jongeren van %(ages)s gelden "
                    "regels voor de tijden waarop zij mogen werken.",
                    ages=gettext(limits.ages),
                ),
            )
        )
    if limits.school_day_hours is not None:
        if not hours.work_days:
            found.append(
                Breach(
                    "work_days",
                    gettext(
                        "Kies op welke dagen iemand werkt. Voor jongeren van %(ages)s gelden "
                        "regels per dag.",
                        ages=gettext(limits.ages),
                    ),
                )
            )
        if hours.hours_per_day_max is None:
            found.append(
                Breach(
                    "hours_per_day_max",
                    gettext(
                        "Vul in hoeveel uur iemand hoogstens werkt op een dag. Voor jongeren "
                        "van %(ages)s gelden regels per dag.",
                        ages=gettext(limits.ages),
                    ),
                )
            )
    return found


def _light_work(hours: Hours, limits: Limits) -> list[Breach]:
    if limits.light_work_only and not hours.light_supervised:
        return [
            Breach(
                "light_supervised",
                _rule(
                    limits,
                    gettext(
                        "alleen licht werk onder toezicht. Vink dat aan als het zo is, of "
                        "kies een minimumleeftijd van 15 of hoger."
                    ),
                ),
            )
        ]
    return []


def _times(hours: Hours, limits: Limits) -> list[Breach]:
    start, end = hours.work_from, hours.work_until
    assert start is not None and end is not None
    found = []
    overnight = end <= start
    not_after = limits.not_after_in_holidays if hours.holidays_only else limits.not_after
    if overnight or start < limits.not_before or end > not_after:
        found.append(
            Breach(
                "work_from",
                _rule(
                    limits,
                    gettext(
                        "niet werken tussen %(after)s en %(before)s. Je vraagt van %(start)s "
                        "tot %(end)s.",
                        after=f"{not_after:%H:%M}",
                        before=f"{limits.not_before:%H:%M}",
                        start=f"{start:%H:%M}",
                        end=f"{end:%H:%M}",
                    ),
                ),
            )
        )
    if not limits.sundays and "zo" in hours.work_days:
        found.append(Breach("work_days", _rule(limits, gettext("niet werken op zondag."))))
    elif limits.days_a_week is not None and len(set(hours.work_days)) > limits.days_a_week:
        found.append(
            Breach(
                "work_days",
                _rule(
                    limits,
                    gettext("hoogstens %(limit)s dagen per week werken.", limit=limits.days_a_week),
                ),
            )
        )
    return found


def _amounts(hours: Hours, limits: Limits) -> list[Breach]:
    found = []
    school_days = [d for d in hours.work_days if d in SCHOOL_DAYS]
    same_every_week = limits.school_week_hours == limits.holiday_week_hours
    if hours.holidays_only:
        week = limits.holiday_week_hours
        when = gettext("in een week van de schoolvakantie")
    else:
        week = limits.school_week_hours
        when = gettext("in een schoolweek")
    if same_every_week:
        when = gettext("per week")
    if week is not None and hours.hours_per_week_max > week:
        found.append(
            Breach(
                "hours_per_week_max",
                _rule(
                    limits,
                    gettext(
                        "hoogstens %(limit)s uur werken %(when)s. Je vraagt tot %(asked)s uur.",
                        limit=week,
                        when=when,
                        asked=hours.hours_per_week_max,
                    ),
                ),
            )
        )
    per_day = hours.hours_per_day_max
    if per_day is None:
        return found
    on_school_days = (
        not hours.holidays_only and bool(school_days) and limits.school_day_hours is not None
    )
    if on_school_days:
        day_limit = limits.school_day_hours
        rule = gettext("hoogstens %(limit)s uur werken op een schooldag.", limit=day_limit)
    elif limits.school_day_hours is None:
        day_limit = limits.free_day_hours
        rule = gettext("hoogstens %(limit)s uur werken op een dag.", limit=day_limit)
    else:
        day_limit = limits.free_day_hours
        rule = gettext("hoogstens %(limit)s uur werken op een dag zonder school.", limit=day_limit)
    if day_limit is not None and per_day > day_limit:
        found.append(
            Breach(
                "hours_per_day_max",
                _rule(
                    limits,
                    rule + " " + gettext("Je vraagt %(asked)s uur per dag.", asked=per_day),
                ),
            )
        )
    return found
