"""Waiting for something that happens in another process, without a wall-clock window.

``await eventually(condition)`` asks again and again until the condition holds. Its
bound is generous (minutes): it only turns a hang into a failure. A test never guesses
how long something "should" take, so a busy machine makes it slower, not red.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

GENEROUS_SECONDS = 240.0


async def eventually(
    condition: Callable[[], Awaitable[bool]] | Callable[[], bool],
    what: str,
    *,
    within: float = GENEROUS_SECONDS,
    every: float = 0.05,
) -> None:
    """Return once ``condition()`` is true; fail with ``what`` after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        outcome = condition()
        if isinstance(outcome, Awaitable):
            outcome = await outcome
        if outcome:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {within:.0f} s")
        await asyncio.sleep(every)
