"""Periodic jobs, run once per turn however many processes run a scheduler.

Each job has a row in ``scheduled_job``: when it is due next, and which process holds
it. A process claims a due job with a lease (one UPDATE that checks the row is still
due and free, the same on SQLite and PostgreSQL), runs it under a time limit shorter
than the lease, and sets the next turn. A process that dies mid-job lets the lease run
out; the job then runs again at the next tick of any process.

The scheduler knows nothing of domains: the app assembly hands it its ``Job`` list.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from meedoen.scheduler.tables import ScheduledJob

log = logging.getLogger(__name__)

TICK_SECONDS = 5.0
RETRY_AFTER_FAILURE = dt.timedelta(minutes=1)
# Room between the end of a job's time limit and the end of its lease, so a job that is
# stopped at its limit always gives its row back before another process may take it.
LEASE_MARGIN = dt.timedelta(seconds=30)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Job:
    """A periodic job: ``run(now)`` every ``every``, stopped after ``time_limit``.

    ``run`` gets the time of its turn, so a test can run a job "a week from now".
    """

    name: str
    every: dt.timedelta
    run: Callable[[dt.datetime], Awaitable[object]]
    time_limit: dt.timedelta = dt.timedelta(minutes=10)

    @property
    def lease(self) -> dt.timedelta:
        return self.time_limit + LEASE_MARGIN


@dataclass(frozen=True)
class Turn:
    """What one run of a job did (for logs and tests)."""

    job: str
    error: str = ""


class Scheduler:
    """Runs the jobs that are due; any number of processes may run one side by side."""

    def __init__(self, jobs: Sequence[Job], tick_seconds: float = TICK_SECONDS) -> None:
        names = [job.name for job in jobs]
        if len(set(names)) != len(names):
            raise ValueError(f"two jobs share a name: {names}")
        self.jobs = tuple(jobs)
        self.tick_seconds = tick_seconds

    async def run_due(self, now: dt.datetime | None = None) -> list[Turn]:
        """Run every job that is due at ``now`` and that no other process holds."""
        now = now or utcnow()
        await self._register(now)
        turns = []
        for job in self.jobs:
            token = await _claim(job, now)
            if token is not None:
                turns.append(await _run(job, token, now))
        return turns

    async def run(self, stopping: asyncio.Event) -> None:
        """Run due jobs every tick until ``stopping`` is set; survive database outages."""
        while not stopping.is_set():
            try:
                await self.run_due()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("scheduler: %s: %s", type(error).__name__, error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), timeout=self.tick_seconds)

    async def _register(self, now: dt.datetime) -> None:
        """Give every job a row, due now; rows of other processes' jobs stay as they are."""
        known = {row["name"] for row in await ScheduledJob.select(ScheduledJob.name).run()}
        for job in self.jobs:
            if job.name not in known:
                await (
                    ScheduledJob.insert(ScheduledJob(name=job.name, next_run_at=now))
                    .on_conflict(action="DO NOTHING")
                    .run()
                )


async def _claim(job: Job, now: dt.datetime) -> str | None:
    token = str(uuid.uuid4())
    free = ScheduledJob.claimed_until.is_null() | (ScheduledJob.claimed_until < now)
    await (
        ScheduledJob.update(
            {
                ScheduledJob.claimed_by: token,
                ScheduledJob.claimed_until: now + job.lease,
                ScheduledJob.last_started_at: now,
            }
        )
        .where((ScheduledJob.name == job.name) & (ScheduledJob.next_run_at <= now) & free)
        .run()
    )
    claimed = await ScheduledJob.exists().where(
        (ScheduledJob.name == job.name) & (ScheduledJob.claimed_by == token)
    )
    return token if claimed else None


async def _run(job: Job, token: str, now: dt.datetime) -> Turn:
    error = ""
    try:
        async with asyncio.timeout(job.time_limit.total_seconds()):
            await job.run(now)
    except asyncio.CancelledError:
        await _finish(job, token, now, next_run_at=now, error="stopped")
        raise
    except Exception as failure:  # one failing job must not stop the others
        error = f"{type(failure).__name__}: {failure}"[:2000]
        log.warning("job %s: %s", job.name, error)
    retry = min(job.every, RETRY_AFTER_FAILURE)
    await _finish(job, token, now, next_run_at=now + (retry if error else job.every), error=error)
    return Turn(job.name, error)


async def _finish(
    job: Job, token: str, now: dt.datetime, *, next_run_at: dt.datetime, error: str
) -> None:
    values: dict[Any, Any] = {
        ScheduledJob.claimed_by: "",
        ScheduledJob.claimed_until: None,
        ScheduledJob.next_run_at: next_run_at,
        ScheduledJob.last_finished_at: utcnow(),
        ScheduledJob.last_error: error,
    }
    await (
        ScheduledJob.update({**values, ScheduledJob.runs: ScheduledJob.runs + 1})
        .where((ScheduledJob.name == job.name) & (ScheduledJob.claimed_by == token))
        .run()
    )
