"""Periodic jobs run once per turn, however many processes run a scheduler; a failing or
crashed job comes back; the runtime leaves the choice of jobs to the app assembly."""

from __future__ import annotations

import ast
import asyncio
import datetime as dt
import uuid
from pathlib import Path

import pytest

from meedoen.scheduler import Job, Scheduler
from meedoen.scheduler.tables import ScheduledJob

NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def counting_job(every: dt.timedelta = HOUR, *, fails: bool = False, pause: float = 0.0):
    """A job with a unique name that records the turns it was given."""
    turns: list[dt.datetime] = []

    async def run(now: dt.datetime) -> None:
        turns.append(now)
        if pause:
            await asyncio.sleep(pause)  # holds its turn while others try to take it
        if fails:
            raise RuntimeError("the mail server said no")

    return Job(f"test.{uuid.uuid4().hex[:12]}", every=every, run=run), turns


async def test_twenty_schedulers_at_once_run_a_due_job_exactly_once(database):
    job, turns = counting_job(pause=0.05)
    schedulers = [Scheduler([job]) for _ in range(20)]

    await asyncio.gather(*(s.run_due(NOW) for s in schedulers))

    assert turns == [NOW]
    row = await ScheduledJob.select().where(ScheduledJob.name == job.name).first()
    assert row["runs"] == 1
    assert row["claimed_by"] == ""
    assert row["next_run_at"] == NOW + HOUR


async def test_a_job_waits_for_its_next_turn(database):
    job, turns = counting_job()
    scheduler = Scheduler([job])

    await scheduler.run_due(NOW)
    await scheduler.run_due(NOW + dt.timedelta(minutes=59))
    await scheduler.run_due(NOW + HOUR)

    assert turns == [NOW, NOW + HOUR]


async def test_a_failing_job_is_retried_soon_and_does_not_stop_the_others(database):
    failing, failed_turns = counting_job(every=dt.timedelta(days=1), fails=True)
    healthy, healthy_turns = counting_job()
    scheduler = Scheduler([failing, healthy])

    done = await scheduler.run_due(NOW)
    await scheduler.run_due(NOW + dt.timedelta(minutes=1))

    assert [turn.error for turn in done] == ["RuntimeError: the mail server said no", ""]
    assert healthy_turns == [NOW]
    assert failed_turns == [NOW, NOW + dt.timedelta(minutes=1)], "retried after a minute"
    row = await ScheduledJob.select().where(ScheduledJob.name == failing.name).first()
    assert "mail server said no" in row["last_error"]


async def test_a_job_of_a_crashed_process_runs_again_once_its_lease_is_over(database):
    job, turns = counting_job()
    await Scheduler([job]).run_due(NOW - 2 * HOUR)
    # Another process claimed the next turn and died in the middle of it.
    await ScheduledJob.update(
        {ScheduledJob.claimed_by: "crashed", ScheduledJob.claimed_until: NOW + job.lease}
    ).where(ScheduledJob.name == job.name)

    await Scheduler([job]).run_due(NOW)
    assert turns == [NOW - 2 * HOUR], "not while the lease lasts"

    later = NOW + job.lease + dt.timedelta(seconds=1)
    await Scheduler([job]).run_due(later)
    assert turns == [NOW - 2 * HOUR, later]


async def test_a_job_that_overruns_its_time_limit_is_stopped_and_gives_its_turn_back(database):
    job, _ = counting_job(pause=5)
    limited = Job(job.name, job.every, job.run, time_limit=dt.timedelta(seconds=0.1))

    [turn] = await Scheduler([limited]).run_due(NOW)

    assert turn.error.startswith("TimeoutError")
    row = await ScheduledJob.select().where(ScheduledJob.name == job.name).first()
    assert row["claimed_by"] == ""
    assert limited.lease > limited.time_limit, "the lease outlives the longest run"


def test_jobs_need_distinct_names():
    job, _ = counting_job()
    with pytest.raises(ValueError, match="share a name"):
        Scheduler([job, job])


async def test_the_app_registers_the_alert_digests_and_closing_expired_postings(runtime):
    from meedoen.app.background import periodic_jobs

    names = {job.name for job in periodic_jobs(runtime)}
    assert {"alerts.digests", "organisations.close-expired-postings"} <= names


def test_the_runtime_imports_no_domain_code():
    source = Path(__file__).resolve().parents[2] / "platform/meedoen/runtime.py"
    imported = set()
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.startswith("meedoen.")}
    allowed = ("meedoen.db", "meedoen.settings", "meedoen.search.")
    assert all(name.startswith(allowed) for name in ours), sorted(ours)
