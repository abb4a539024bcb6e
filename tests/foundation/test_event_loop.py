"""Tests run on the event loop production runs: ``meedoen serve`` starts uvicorn with
uvloop (``uvicorn[standard]``), so every async test and fixture does too."""

import asyncio

import uvloop


async def test_tests_run_on_uvloop_like_production():
    assert isinstance(asyncio.get_running_loop(), uvloop.Loop)


def test_uvicorn_picks_uvloop_for_meedoen_serve():
    from uvicorn.loops.auto import auto_loop_factory

    assert isinstance(auto_loop_factory()(), uvloop.Loop)
