"""The Arbeidstijdenwet for paid work by minors, at its boundaries: each limit just kept
and just broken, for the youngest age a posting admits (13, 14, 15, 16, 17, 18)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from meedoen.opportunities.minors import Hours, breaches, read_time

# Fine for anyone from 13: two hours after school on two weekdays, light and supervised.
AFTER_SCHOOL = Hours(
    paid=True,
    min_age=13,
    hours_per_week_max=4,
    hours_per_day_max=2,
    work_days=("di", "do"),
    work_from=dt.time(15, 30),
    work_until=dt.time(17, 30),
    light_supervised=True,
)
HOLIDAY_JOB = replace(AFTER_SCHOOL, holidays_only=True, work_days=("ma", "di", "wo", "do", "vr"))
EVENING_SHIFT = Hours(
    paid=True,
    min_age=16,
    hours_per_week_max=20,
    hours_per_day_max=6,
    work_days=("vr", "za", "zo"),
    work_from=dt.time(17, 0),
    work_until=dt.time(23, 0),
)


def fields(hours: Hours) -> set[str]:
    return {breach.field for breach in breaches(hours)}


def messages(hours: Hours) -> str:
    return " ".join(breach.message for breach in breaches(hours))


def at(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


# --- who is checked ------------------------------------------------------------------


def test_work_that_keeps_every_rule_passes_for_every_age():
    for age in range(13, 19):
        assert breaches(replace(AFTER_SCHOOL, min_age=age)) == []


def test_unpaid_work_and_work_from_18_are_not_checked():
    night = replace(AFTER_SCHOOL, work_from=at(22), work_until=at(4), hours_per_week_max=40)
    assert breaches(replace(night, paid=False)) == []
    assert breaches(replace(night, min_age=18)) == []
    assert fields(replace(night, min_age=17)) == {"work_from"}


def test_paid_work_must_say_from_which_age():
    assert fields(replace(AFTER_SCHOOL, min_age=None)) == {"min_age"}


@pytest.mark.parametrize(("age", "refused"), [(11, True), (12, True), (13, False)])
def test_paid_work_starts_at_13(age, refused):
    found = breaches(replace(AFTER_SCHOOL, min_age=age))
    assert bool(found) is refused
    if refused:
        assert "kinderen onder 13 jaar mogen geen betaald werk doen" in found[0].message


def test_without_working_times_the_rules_cannot_be_checked_so_they_are_asked_for():
    unknown = replace(AFTER_SCHOOL, work_from=None, work_days=(), hours_per_day_max=None)
    assert fields(unknown) == {"work_from", "work_days", "hours_per_day_max"}
    # From 16 only the times matter: days and hours a day may stay open.
    assert fields(replace(unknown, min_age=16)) == {"work_from"}
    assert fields(replace(unknown, min_age=16, work_from=at(9), work_until=at(17))) == set()


# --- 13 and 14 -----------------------------------------------------------------------


@pytest.mark.parametrize(("age", "refused"), [(13, True), (14, True), (15, False)])
def test_13_and_14_year_olds_only_do_light_work_under_supervision(age, refused):
    heavy = replace(AFTER_SCHOOL, min_age=age, light_supervised=False)
    assert ("light_supervised" in fields(heavy)) is refused
    if refused:
        assert "alleen licht werk onder toezicht" in messages(heavy)


@pytest.mark.parametrize(("week", "refused"), [(11, False), (12, False), (13, True)])
@pytest.mark.parametrize("age", [13, 14, 15])
def test_at_most_12_hours_in_a_school_week_under_16(age, week, refused):
    hours = replace(
        AFTER_SCHOOL, min_age=age, hours_per_week_max=week, work_days=("ma", "di", "wo", "do", "vr")
    )
    assert ("hours_per_week_max" in fields(hours)) is refused
    if refused:
        assert "hoogstens 12 uur werken in een schoolweek" in messages(hours)


def test_from_16_a_school_week_may_have_more_hours():
    assert breaches(replace(AFTER_SCHOOL, min_age=16, hours_per_week_max=13)) == []


@pytest.mark.parametrize(("per_day", "refused"), [(1, False), (2, False), (3, True)])
@pytest.mark.parametrize("age", [13, 14, 15])
def test_at_most_2_hours_on_a_school_day_under_16(age, per_day, refused):
    hours = replace(AFTER_SCHOOL, min_age=age, hours_per_day_max=per_day)
    assert ("hours_per_day_max" in fields(hours)) is refused
    if refused:
        assert "hoogstens 2 uur werken op een schooldag" in messages(hours)


@pytest.mark.parametrize(
    ("age", "per_day", "refused"),
    [(13, 7, False), (13, 8, True), (14, 8, True), (15, 8, False), (15, 9, True)],
)
def test_a_saturday_without_school_has_its_own_limit(age, per_day, refused):
    saturday = replace(
        AFTER_SCHOOL,
        min_age=age,
        work_days=("za",),
        hours_per_day_max=per_day,
        hours_per_week_max=per_day,
        work_from=at(9),
        work_until=at(18),
    )
    assert ("hours_per_day_max" in fields(saturday)) is refused


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (at(7), at(19), False),
        (at(6, 59), at(12), True),
        (at(12), at(19, 1), True),
        (at(18), at(19), False),
        (at(18), at(20), True),
        (at(22), at(2), True),  # overnight
    ],
)
@pytest.mark.parametrize("age", [13, 14, 15])
def test_nothing_between_19_and_7_under_16(age, start, end, refused):
    hours = replace(AFTER_SCHOOL, min_age=age, work_from=start, work_until=end)
    assert ("work_from" in fields(hours)) is refused
    if refused:
        assert "niet werken tussen 19:00 en 07:00" in messages(hours)


@pytest.mark.parametrize(("age", "refused"), [(13, True), (14, True), (15, False), (16, False)])
def test_no_sundays_for_13_and_14_year_olds(age, refused):
    sunday = replace(AFTER_SCHOOL, min_age=age, work_days=("za", "zo"))
    assert ("niet werken op zondag" in messages(sunday)) is refused


@pytest.mark.parametrize(("days", "refused"), [(5, False), (6, True)])
@pytest.mark.parametrize("age", [13, 15])
def test_at_most_5_days_a_week_under_16(age, days, refused):
    week = ("ma", "di", "wo", "do", "vr", "za")[:days]
    hours = replace(AFTER_SCHOOL, min_age=age, work_days=week, hours_per_week_max=10)
    assert ("work_days" in fields(hours)) is refused


# --- holidays ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "week", "refused"),
    [
        (13, 35, False),
        (13, 36, True),
        (14, 36, True),
        (15, 36, False),
        (15, 40, False),
        (15, 41, True),
    ],
)
def test_holiday_weeks_allow_35_hours_at_13_and_14_and_40_at_15(age, week, refused):
    holiday = replace(HOLIDAY_JOB, min_age=age, hours_per_week_max=week, hours_per_day_max=7)
    assert ("hours_per_week_max" in fields(holiday)) is refused
    if refused:
        assert "in een week van de schoolvakantie" in messages(holiday)


@pytest.mark.parametrize(
    ("age", "per_day", "refused"), [(14, 7, False), (14, 8, True), (15, 8, False), (15, 9, True)]
)
def test_a_holiday_day_has_the_limit_of_a_day_without_school(age, per_day, refused):
    holiday = replace(HOLIDAY_JOB, min_age=age, hours_per_week_max=30, hours_per_day_max=per_day)
    assert ("hours_per_day_max" in fields(holiday)) is refused


@pytest.mark.parametrize(("end", "refused"), [(at(21), False), (at(21, 30), True)])
def test_15_year_olds_may_work_until_21_in_the_holidays_but_13_and_14_not(end, refused):
    evening = replace(HOLIDAY_JOB, min_age=15, work_from=at(14), work_until=end)
    assert ("work_from" in fields(evening)) is refused
    assert "work_from" in fields(replace(evening, min_age=14, work_until=at(20)))


# --- 16 and 17 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (at(6), at(23), False),
        (at(5, 59), at(14), True),
        (at(17), at(23, 1), True),
        (at(22), at(2), True),  # a night shift
    ],
)
@pytest.mark.parametrize("age", [16, 17])
def test_no_night_work_between_23_and_6_at_16_and_17(age, start, end, refused):
    hours = replace(EVENING_SHIFT, min_age=age, work_from=start, work_until=end)
    assert ("work_from" in fields(hours)) is refused
    if refused:
        assert "Arbeidstijdenwet, 16 en 17 jaar: niet werken tussen 23:00 en 06:00" in messages(
            hours
        )


def test_an_evening_shift_until_23_on_sundays_is_fine_from_16_but_not_at_15():
    assert breaches(EVENING_SHIFT) == []
    assert {"work_from", "work_days", "hours_per_day_max", "hours_per_week_max"} <= fields(
        replace(EVENING_SHIFT, min_age=13, light_supervised=True)
    )


@pytest.mark.parametrize(
    ("week", "per_day", "refused"),
    [(45, 9, set()), (46, 9, {"hours_per_week_max"}), (40, 10, {"hours_per_day_max"})],
)
def test_16_and_17_year_olds_work_at_most_9_hours_a_day_and_45_a_week(week, per_day, refused):
    hours = replace(
        EVENING_SHIFT, hours_per_week_max=week, hours_per_day_max=per_day, work_from=at(8)
    )
    assert fields(hours) == refused


@pytest.mark.parametrize(
    ("typed", "time"),
    [("7:30", at(7, 30)), ("07.30", at(7, 30)), ("19:00", at(19)), ("23:59", at(23, 59))],
)
def test_times_are_read_as_people_type_them(typed, time):
    assert read_time(typed) == time


@pytest.mark.parametrize("typed", ["24:00", "7", "half acht", "19:60", ""])
def test_what_is_no_time_of_day_is_not_read(typed):
    assert read_time(typed) is None
