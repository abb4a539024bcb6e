"""The scraping budget: how many different residents one account may see.

Every page or API answer that shows resident data (candidate lists, a coach's file, a
response with what the resident shared, a CV) first calls :func:`admit` with the refs
of the residents it will show. Each (account, resident, day) is counted once, so
opening the same file ten times costs one. Real work stays far below the limits — a
coach's caseload is some 40 residents, a candidate list 20 — while a script that pulls
8,000 candidate rows a minute (the probe of issue 14) stops within seconds.

The count is atomic across requests and app instances: the new sightings are inserted
(and committed) before the account's sightings are counted, so of requests that arrive
together the one that counts last sees all the others. A refused request takes its own
new sightings back and sees nothing.

Near the limit (``ALERT_AT``) and past it, the account gets a :class:`BudgetAlert` row
that administrators see on /beheer/limieten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from meedoen.db import write_transaction
from meedoen.i18n import N_
from meedoen.refusals import Refused
from meedoen.view_budget.tables import BudgetAlert, ResidentSighting

PER_HOUR = 150
PER_DAY = 400
ALERT_AT = 0.8
"""Share of the daily budget from which administrators see an alert."""

OVER_BUDGET = N_(
    "Je hebt in korte tijd heel veel bewoners bekeken. Om bewoners te beschermen kun je "
    "nu geen gegevens van nieuwe bewoners meer zien. Probeer het later opnieuw. Heb je "
    "meer nodig voor je werk? Neem dan contact op met de beheerder van Meedoen West."
)


class ViewBudgetSpent(Refused):
    """The account has seen as many residents as it may for now."""


@dataclass(frozen=True)
class Usage:
    last_hour: int
    today: int

    @property
    def over(self) -> bool:
        return self.last_hour > PER_HOUR or self.today > PER_DAY


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def admit(account_id: int, resident_refs: Iterable[str]) -> None:
    """Count these residents as seen by the account; :class:`ViewBudgetSpent` when that
    would take it past its budget (then nothing is counted and nothing may be shown)."""
    refs = sorted({ref for ref in resident_refs if ref})
    if not refs:
        return
    now = utcnow()
    new_ids = await _insert_sightings(account_id, refs, now)
    usage = await usage_of(account_id, now)
    if usage.over:
        async with write_transaction():
            if new_ids:
                await ResidentSighting.delete().where(ResidentSighting.id.is_in(new_ids)).run()
            await _raise_alert(account_id, now, usage, refused=True)
        raise ViewBudgetSpent(OVER_BUDGET)
    if new_ids and usage.today >= PER_DAY * ALERT_AT:
        async with write_transaction():
            await _raise_alert(account_id, now, usage, refused=False)


async def _insert_sightings(account_id: int, refs: list[str], now: dt.datetime) -> list[int]:
    """Insert the sightings not counted yet today; returns the ids of the new ones."""
    day = now.date()
    rows = ", ".join("({}, {}, {}, {}, {})" for _ in refs)
    values: list[Any] = []
    for ref in refs:
        values += [f"{account_id}:{ref}:{day.isoformat()}", account_id, ref, day, now]
    columns = "resident_sighting (key, account_id, resident_ref, day, seen_at)"
    sql = f"INSERT INTO {columns} VALUES {rows} ON CONFLICT (key) DO NOTHING RETURNING id"  # noqa: S608 - placeholders only
    async with write_transaction():  # committed before counting; waits for SQLite's lock
        inserted = await ResidentSighting.raw(sql, *values).run()
    return [row["id"] for row in inserted]


async def usage_of(account_id: int, now: dt.datetime | None = None) -> Usage:
    now = now or utcnow()
    mine = (ResidentSighting.account_id == account_id) & (ResidentSighting.day == now.date())
    today = await ResidentSighting.count().where(mine)
    last_hour = await ResidentSighting.count().where(
        mine & (ResidentSighting.seen_at > now - dt.timedelta(hours=1))
    )
    return Usage(last_hour=int(last_hour), today=int(today))


async def _raise_alert(account_id: int, now: dt.datetime, usage: Usage, *, refused: bool) -> None:
    day = now.date()
    await BudgetAlert.raw(
        "INSERT INTO budget_alert (key, account_id, day, seen, refused, updated_at) "
        "VALUES ({}, {}, {}, {}, {}, {}) ON CONFLICT (key) DO UPDATE SET "
        "seen = excluded.seen, refused = budget_alert.refused + excluded.refused, "
        "updated_at = excluded.updated_at",
        f"{account_id}:{day.isoformat()}",
        account_id,
        day,
        min(usage.today, PER_DAY),
        1 if refused else 0,
        now,
    ).run()


async def alerts(days: int = 7) -> list[dict[str, Any]]:
    """Accounts near or past their budget in the last ``days`` days, newest first."""
    since = utcnow().date() - dt.timedelta(days=days)
    return (
        await BudgetAlert.select()
        .where(BudgetAlert.day >= since)
        .order_by(BudgetAlert.updated_at, ascending=False)
        .run()
    )


async def forget(now: dt.datetime | None = None) -> None:
    """Sightings of earlier days are no longer needed; alerts stay a month."""
    today = (now or utcnow()).date()
    await ResidentSighting.delete().where(ResidentSighting.day < today).run()
    await BudgetAlert.delete().where(BudgetAlert.day < today - dt.timedelta(days=31)).run()


async def forget_resident(resident_ref: str) -> None:
    """A deleted resident leaves no trace here (who saw them, when)."""
    await ResidentSighting.delete().where(ResidentSighting.resident_ref == resident_ref).run()
