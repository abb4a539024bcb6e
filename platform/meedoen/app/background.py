"""What runs beside the web app: the search indexer, the mail sender and the scheduler.

This is where a domain's periodic job is registered: add a ``Job`` to
``periodic_jobs`` that calls the domain's service function. The scheduler runs each job
once per turn across all processes (see ``meedoen.scheduler``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from pathlib import Path
from typing import Any

from meedoen.indexing.indexer import OPPORTUNITIES, SearchIndexer, Sources
from meedoen.runtime import BackgroundService, Runtime
from meedoen.scheduler import Job, Scheduler
from meedoen.settings import Settings

log = logging.getLogger(__name__)


def periodic_jobs(runtime: Runtime) -> list[Job]:
    """Every domain's periodic jobs; each gets the time of its turn."""
    from meedoen.alerts.service import send_due_alerts
    from meedoen.notifications.digest import send_due_digests
    from meedoen.opportunities.postings import close_expired_postings
    from meedoen.retention.service import apply_retention
    from meedoen.traject.hours import remind_organisations

    async def alert_digests(now: dt.datetime) -> None:
        await send_due_alerts(runtime.search_gateway(), runtime.settings, now)

    async def notification_digests(now: dt.datetime) -> None:
        await send_due_digests(runtime.settings, now)

    async def close_postings(now: dt.datetime) -> None:
        closed = await close_expired_postings(now.date())
        if closed:
            log.info("closed %s posting(s) past their end date", closed)

    async def retention(now: dt.datetime) -> None:
        await apply_retention(runtime.settings, now)

    async def hours_reminders(now: dt.datetime) -> None:
        await remind_organisations(runtime.settings, now)

    return [
        *meeting_jobs(runtime),
        Job("alerts.digests", every=dt.timedelta(minutes=5), run=alert_digests),
        # Personal data past its period (AVG): four turns a day, so a warning or a
        # deletion is never more than a few hours late; each step commits on its own.
        Job(
            "retention.apply",
            every=dt.timedelta(hours=6),
            run=retention,
            time_limit=dt.timedelta(minutes=30),
        ),
        # Hours waiting for an organisation: at most one reminder a month per member.
        Job("traject.hours-reminders", every=dt.timedelta(hours=6), run=hours_reminders),
        Job(
            "notifications.daily-digests",
            every=dt.timedelta(minutes=10),
            run=notification_digests,
        ),
        Job(
            "organisations.close-expired-postings",
            every=dt.timedelta(minutes=15),
            run=close_postings,
        ),
    ]


def meeting_jobs(runtime: Runtime) -> list[Job]:
    """Reminders the day before (with the .ics), the visitors' mail after a meeting and
    linking contacts to what followed. (Guests' details go by the retention rule.)"""
    from meedoen.events import contacts, jobs

    base_url, secret = runtime.settings.base_url, runtime.settings.secret_key

    async def reminders(now: dt.datetime) -> None:
        await jobs.send_reminders(base_url, secret, now)

    async def follow_ups(now: dt.datetime) -> None:
        await contacts.send_due_follow_ups(base_url, secret, now)

    async def outcomes(now: dt.datetime) -> None:
        await contacts.link_outcomes(now)

    return [
        Job("events.reminders", every=dt.timedelta(minutes=15), run=reminders),
        Job("events.visitor-follow-ups", every=dt.timedelta(minutes=30), run=follow_ups),
        Job("events.link-outcomes", every=dt.timedelta(hours=1), run=outcomes),
    ]


async def run_scheduler(runtime: Runtime, stopping: asyncio.Event) -> None:
    await Scheduler(periodic_jobs(runtime)).run(stopping)


def index_sources() -> Sources:
    """The documents of the opportunities and residents indexes, from the domains that
    own the rows (``meedoen.indexing`` imports none of them)."""
    from meedoen.matching import residents_index
    from meedoen.matching.documents import opportunity_documents
    from meedoen.opportunities.service import all_refs as opportunity_refs
    from meedoen.residents.service import all_refs as resident_refs

    return Sources(
        opportunities=opportunity_documents,
        opportunity_refs=opportunity_refs,
        residents=residents_index.resident_documents,
        resident_refs=resident_refs,
        residents_index_for=lambda uid: residents_index.residents_index_for(uid, OPPORTUNITIES),
        resident_key=residents_index.primary_key,
        apply_resident_settings=residents_index.apply_resident_settings_if_changed,
    )


def search_indexer(client: Any, opportunities_uid: str, *, extra: bool = True) -> SearchIndexer:
    """The indexer of the opportunities index ``opportunities_uid`` and the indexes beside
    it; ``extra`` False leaves out the indexes other domains keep (meetings)."""
    indexes = extra_indexes(client, opportunities_uid) if extra else []
    return SearchIndexer(client, opportunities_uid, extra=indexes, sources=index_sources())


def extra_indexes(client: Any, opportunities_uid: str) -> list[Any]:
    """The indexes other domains keep beside the opportunities index, fed by the outbox."""
    from meedoen.events.search import MeetingsIndexer, meetings_index_for

    return [MeetingsIndexer(client, meetings_index_for(opportunities_uid))]


async def run_indexer(runtime: Runtime, stopping: asyncio.Event) -> None:
    from meedoen.indexing.worker import run_worker

    await run_worker(runtime, stopping, search_indexer)


async def run_mail(runtime: Runtime, stopping: asyncio.Event) -> None:
    from meedoen.mail.sender import run_mail_sender

    await run_mail_sender(runtime.settings, stopping)


DEMAND_FLUSH_SECONDS = 60.0


async def store_search_demand(runtime: Runtime, stopping: asyncio.Event) -> None:
    """Every web process stores its own tally of searches that found little (see
    ``meedoen.search.demand``): every minute, and once more when it stops. The shared
    scheduler cannot: it runs a job in one process per turn."""
    from meedoen.insight.demand import flush
    from meedoen.search.demand import TALLY

    try:
        while not stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), timeout=DEMAND_FLUSH_SECONDS)
            await flush(TALLY)
    except asyncio.CancelledError:
        await flush(TALLY)
        raise


def in_process_services(settings: Settings) -> list[BackgroundService]:
    """The services a web process runs itself, as its settings ask."""
    if not settings.run_worker_in_process:
        return [store_search_demand]
    services: list[BackgroundService] = [store_search_demand, run_indexer, run_scheduler]
    if settings.send_mail_in_process:
        services.append(run_mail)
    return services


async def run_worker_services(
    runtime: Runtime, stopping: asyncio.Event, heartbeat: Path, *, send_mail: bool = True
) -> None:
    """``meedoen worker``: the indexer (with its heartbeat), the mail sender (unless
    ``send_mail`` is False) and the scheduler."""
    from meedoen.app.extensions import register_extensions
    from meedoen.indexing.worker import run_worker

    register_extensions(runtime.settings)
    services = [
        run_worker(runtime, stopping, search_indexer, heartbeat=heartbeat),
        run_scheduler(runtime, stopping),
    ]
    if send_mail:
        services.append(run_mail(runtime, stopping))
    await asyncio.gather(*services)
