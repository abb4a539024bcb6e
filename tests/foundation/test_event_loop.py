"""Tests run on the loop production runs, one loop for the whole session, also around
plain ``def`` tests that use async fixtures (see support/event_loop.py)."""

from __future__ import annotations

import asyncio

import uvloop

LOOPS: list[asyncio.AbstractEventLoop] = []


async def test_an_async_test_runs_on_uvloop(database):
    loop = asyncio.get_running_loop()
    assert isinstance(loop, uvloop.Loop)
    LOOPS.append(loop)


def test_a_plain_test_may_use_async_fixtures(corpus):
    assert corpus in ("sqlite", "postgres")


async def test_the_session_and_its_database_outlive_that_plain_test(database):
    from meedoen.residents.tables import Resident

    assert LOOPS and asyncio.get_running_loop() is LOOPS[0]
    assert await Resident.count() >= 0
