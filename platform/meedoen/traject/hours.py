"""Hours at a placement: the resident records them per week, the organisation confirms or
corrects them, and the totals per placement and year count only what was confirmed.

Confirming is one conditional UPDATE (``WHERE status = 'wacht'``): of two members who
confirm the same week at once, one wins and the other hears it was already done.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.service import organisation_members
from meedoen.formatting import number
from meedoen.i18n import N_, gettext
from meedoen.notifications import service as notifications
from meedoen.placements.service import get_placement
from meedoen.residents.service import Resident
from meedoen.settings import Settings
from meedoen.traject.service import new_ref, utcnow
from meedoen.traject.tables import HoursEntry

MAX_MINUTES_PER_WEEK = 60 * 60
RECORDING_STATUSES = ("gestart", "afgerond", "gestopt")
STATUS_LABELS = {"wacht": N_("Wacht op de organisatie"), "bevestigd": N_("Bevestigd")}
HOURS = re.compile(r"^\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*$")


class HoursError(Exception):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(next(iter(problems.values())))
        self.problems = problems


def status_label(status: str) -> str:
    return gettext(STATUS_LABELS.get(status, STATUS_LABELS["wacht"]))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def minutes_from(text: str) -> int | None:
    """'6', '3,5' or '2.25' hours as minutes (rounded to whole minutes); None if unreadable."""
    match = HOURS.match(text or "")
    if not match:
        return None
    whole, fraction = match.group(1), match.group(2) or "0"
    return int(whole) * 60 + round(float(f"0.{fraction}") * 60)


def hours_text(minutes: int | None) -> str:
    """Minutes as hours for people: 90 → '1,5' (Dutch) or '1.5' (English)."""
    if minutes is None:
        return ""
    value = minutes / 60
    return number(round(value, 2) if value % 1 else int(value))


@dataclass(frozen=True)
class HoursInput:
    placement_ref: str
    week_of: dt.date | None
    hours: str


async def record_hours(resident: Resident, entry: HoursInput) -> HoursEntry:
    """Record (or, while it waits, change) the hours of one week at one of the resident's
    own placements. Raises :class:`HoursError` with a sentence per field."""
    problems: dict[str, str] = {}
    placement = await get_placement(entry.placement_ref)
    if placement is None or placement.resident != resident.id:
        problems["placement"] = gettext("Kies een plek waar je meedoet.")
    elif placement.status not in RECORDING_STATUSES:
        problems["placement"] = gettext(
            "Je kunt uren opschrijven als je bij deze plek begonnen bent."
        )
    minutes = minutes_from(entry.hours)
    if minutes is None:
        problems["hours"] = gettext("Vul het aantal uren in, bijvoorbeeld 6 of 3,5.")
    elif not 0 < minutes <= MAX_MINUTES_PER_WEEK:
        problems["hours"] = gettext("Vul een aantal uren tussen 0 en 60 in.")
    today = dt.date.today()
    if entry.week_of is None:
        problems["week_of"] = gettext("Vul een datum in de week in, zoals 12-03-2027.")
    elif entry.week_of > today:
        problems["week_of"] = gettext("Deze week is nog niet geweest.")
    elif (
        placement is not None
        and placement.start_date
        and entry.week_of < monday_of(placement.start_date)
    ):
        problems["week_of"] = gettext("Deze week was voor je begon.")
    if problems:
        raise HoursError(problems)
    assert placement is not None and entry.week_of is not None and minutes is not None
    week = monday_of(entry.week_of)
    changed = (
        await HoursEntry.update({HoursEntry.minutes: minutes})
        .where(
            (HoursEntry.placement == placement.id)
            & (HoursEntry.week_of == week)
            & (HoursEntry.status == "wacht")
        )
        .returning(HoursEntry.ref)
        .run()
    )
    if changed:
        found = await HoursEntry.objects().where(HoursEntry.ref == changed[0]["ref"]).first()
        assert found is not None
        return found
    if await HoursEntry.exists().where(
        (HoursEntry.placement == placement.id) & (HoursEntry.week_of == week)
    ):
        raise HoursError({"week_of": gettext("De uren van deze week zijn al bevestigd.")})
    row = HoursEntry(
        ref=new_ref("uren"),
        placement=placement.id,
        resident=resident.id,
        organisation=placement.organisation,
        week_of=week,
        minutes=minutes,
        wijk=placement.wijk or resident.wijk or "",
        created_at=utcnow(),
    )
    await row.save()
    return row


def _columns() -> list[Any]:
    return [
        HoursEntry.ref,
        HoursEntry.week_of,
        HoursEntry.minutes,
        HoursEntry.status,
        HoursEntry.confirmed_minutes,
        HoursEntry.confirmed_at,
        HoursEntry.placement.ref.as_alias("placement_ref"),
        HoursEntry.placement.opportunity.title.as_alias("opportunity_title"),  # type: ignore[union-attr]
        HoursEntry.placement.description.as_alias("description"),
        HoursEntry.resident.first_name.as_alias("resident_name"),
        HoursEntry.resident.ref.as_alias("resident_ref"),
    ]


async def hours_of_placements(placement_ids: list[int]) -> list[dict[str, Any]]:
    """Every recorded week of these placements, newest first."""
    if not placement_ids:
        return []
    return list(
        await HoursEntry.select(*_columns(), HoursEntry.placement.as_alias("placement_id"))
        .where(HoursEntry.placement.is_in(placement_ids))
        .order_by(HoursEntry.week_of, ascending=False)
        .run()
    )


async def hours_for_organisations(organisation_ids: list[int]) -> list[dict[str, Any]]:
    """The hours at an organisation's placements: waiting ones first, then the last year."""
    if not organisation_ids:
        return []
    since = dt.date.today() - dt.timedelta(days=366)
    rows = await (
        HoursEntry.select(*_columns(), HoursEntry.placement.as_alias("placement_id"))
        .where(
            HoursEntry.organisation.is_in(organisation_ids)
            & HoursEntry.resident.is_not_null()
            & ((HoursEntry.status == "wacht") | (HoursEntry.week_of >= since))
        )
        .order_by(HoursEntry.week_of, ascending=False)
        .limit(500)
        .run()
    )
    return sorted(rows, key=lambda r: r["status"] != "wacht")


async def confirm_hours(
    ref: str, organisation_ids: frozenset[int], minutes: int | None, *, actor_id: int
) -> bool | None:
    """Confirm a waiting week of one of these organisations' placements, with ``minutes``
    when the organisation corrects them. ``False`` when it was confirmed already, ``None``
    when there is no such week of theirs."""
    if minutes is not None and not 0 <= minutes <= MAX_MINUTES_PER_WEEK:
        raise HoursError({"hours": gettext("Vul een aantal uren tussen 0 en 60 in.")})
    entry = (
        await HoursEntry.objects().where(HoursEntry.ref == ref).first() if len(ref) <= 24 else None
    )
    if entry is None or entry.organisation not in organisation_ids:
        return None
    changed = (
        await HoursEntry.update(
            {
                HoursEntry.status: "bevestigd",
                HoursEntry.confirmed_minutes: entry.minutes if minutes is None else minutes,
                HoursEntry.confirmed_by: actor_id,
                HoursEntry.confirmed_at: utcnow(),
            }
        )
        .where((HoursEntry.id == entry.id) & (HoursEntry.status == "wacht"))
        .returning(HoursEntry.id)
        .run()
    )
    return bool(changed)


def totals(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Confirmed and waiting hours per placement and year, from :func:`hours_of_placements`."""
    sums: dict[tuple[str, int], dict[str, Any]] = {}
    for entry in entries:
        key = (entry["placement_ref"], entry["week_of"].year)
        line = sums.setdefault(
            key,
            {
                "placement_ref": entry["placement_ref"],
                "title": entry["opportunity_title"] or entry["description"][:80],
                "year": entry["week_of"].year,
                "confirmed": 0,
                "waiting": 0,
            },
        )
        if entry["status"] == "bevestigd":
            line["confirmed"] += entry["confirmed_minutes"] or 0
        else:
            line["waiting"] += entry["minutes"]
    return sorted(sums.values(), key=lambda line: (line["title"], -line["year"]))


async def confirmed_minutes(placement_id: int) -> int:
    rows = await HoursEntry.select(HoursEntry.confirmed_minutes).where(
        (HoursEntry.placement == placement_id) & (HoursEntry.status == "bevestigd")
    )
    return sum(row["confirmed_minutes"] or 0 for row in rows)


# --- the monthly reminder -------------------------------------------------------------

REMIND_AFTER = dt.timedelta(days=7)


async def remind_organisations(settings: Settings, now: dt.datetime) -> int:
    """One reminder a month to each member of an organisation with hours that have waited
    a week or more; returns how many were made (a second run that month makes none)."""
    week_ago = (now - REMIND_AFTER).date()
    rows = await HoursEntry.select(HoursEntry.organisation).where(
        (HoursEntry.status == "wacht")
        & HoursEntry.organisation.is_not_null()
        & HoursEntry.resident.is_not_null()
        & (HoursEntry.week_of <= week_ago)
    )
    waiting: dict[int, int] = {}
    for row in rows:
        waiting[row["organisation"]] = waiting.get(row["organisation"], 0) + 1
    made = 0
    month = now.strftime("%Y-%m")
    for organisation_id, count in sorted(waiting.items()):
        for member in await organisation_members(organisation_id, active_only=True):
            made += await notifications.notify(
                settings,
                member.account_id,
                "hours_waiting",
                {"count": str(count)},
                "/organisatie/uren",
                once_key=f"uren:{organisation_id}:{member.account_id}:{month}",
            )
    return made
