"""Work in a child process is stopped at its CPU limit, and the caller hears why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meedoen.offload import ChildFailed, Overran, in_subprocess

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def tests_importable(monkeypatch):  # type: ignore[no-untyped-def]
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", f"{TESTS}{os.pathsep}{path}" if path else str(TESTS))


async def test_a_child_that_keeps_the_cpu_busy_is_stopped_at_its_limit(tests_importable):
    with pytest.raises(Overran) as overran:
        await in_subprocess("support.spin", b"", cpu_seconds=1)
    # Stopped by the kernel after one CPU second, not by the wall-clock backstop: asked of
    # the child's end, not of a stopwatch, so a busy machine cannot make it fail.
    assert overran.value.at_cpu_limit


async def test_a_child_that_crashes_is_reported_as_failed():
    with pytest.raises(ChildFailed):
        await in_subprocess("meedoen.no_such_module", b"", cpu_seconds=1)
