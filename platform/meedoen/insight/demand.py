"""Unmet demand: the stored aggregates of searches that found nothing or little.

Counts arrive from the search pages' in-memory tally (``meedoen.search.demand``) and are
added with one upsert per row — ``INSERT … ON CONFLICT (key) DO UPDATE SET searches =
searches + excluded.searches`` — which both engines make atomic, so any number of app
instances may store at once without losing a count. What is shown is suppressed: a row
searched fewer than five times in a month is not shown at all, not even its words (a
name or an address typed once must never appear).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass

from meedoen.goals.suppression import THRESHOLD
from meedoen.insight.tables import SearchDemand
from meedoen.search.demand import DemandKey, DemandTally

log = logging.getLogger(__name__)

RETENTION_MONTHS = 24

_UPSERT = (
    "INSERT INTO search_demand (key, month, term, filters, bucket, searches) "
    "VALUES ({}, {}, {}, {}, {}, {}) "
    "ON CONFLICT (key) DO UPDATE SET searches = search_demand.searches + excluded.searches"
)


async def add_counts(counts: Counter[DemandKey]) -> int:
    """Add counted searches to the aggregates; returns the rows written. Each row is one
    atomic statement: a failure part-way leaves the rows written so far correct."""
    written = 0
    for key, searches in sorted(counts.items()):
        await SearchDemand.raw(
            _UPSERT, key.key, key.month, key.term, key.filters, key.bucket, searches
        ).run()
        written += 1
    return written


async def flush(tally: DemandTally) -> int:
    """Store what the tally counted; on a database failure the rest waits for next time."""
    pending = tally.drain()
    done: Counter[DemandKey] = Counter()
    try:
        for key, searches in sorted(pending.items()):
            await add_counts(Counter({key: searches}))
            done[key] = searches
    except Exception as error:
        tally.give_back(pending - done)
        log.warning("search demand not stored yet: %s: %s", type(error).__name__, error)
    return len(done)


def month_before(today: dt.date, months: int) -> str:
    """The month ``months`` months before the month of ``today``, as ``2026-11``."""
    index = today.year * 12 + today.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def oldest_kept_month(today: dt.date, months: int = RETENTION_MONTHS) -> str:
    """The first month still kept: ``months`` months including this one."""
    return month_before(today, months - 1)


async def months_due(today: dt.date) -> list[str]:
    """Months whose counts are older than the retention period (retention rule
    ``search-demand``)."""
    rows = (
        await SearchDemand.select(SearchDemand.month)
        .where(SearchDemand.month < oldest_kept_month(today))
        .distinct()
        .run()
    )
    return sorted(row["month"] for row in rows)


async def forget_months(months: list[str]) -> None:
    if months:
        await SearchDemand.delete().where(SearchDemand.month.is_in(months))


@dataclass(frozen=True)
class DemandRow:
    month: str
    term: str
    filters: str
    bucket: str
    searches: int


async def shown_demand(first_month: str, last_month: str) -> list[DemandRow]:
    """Rows of the months from ``first_month`` to ``last_month`` searched at least
    ``THRESHOLD`` times, most searched first within each month (newest month first)."""
    rows = (
        await SearchDemand.select(
            SearchDemand.month,
            SearchDemand.term,
            SearchDemand.filters,
            SearchDemand.bucket,
            SearchDemand.searches,
        )
        .where(
            (SearchDemand.month >= first_month)
            & (SearchDemand.month <= last_month)
            & (SearchDemand.searches >= THRESHOLD)
        )
        .run()
    )
    found = [DemandRow(**row) for row in rows]
    found.sort(key=lambda r: (r.term, r.filters))
    found.sort(key=lambda r: r.searches, reverse=True)
    found.sort(key=lambda r: r.month, reverse=True)
    return found
