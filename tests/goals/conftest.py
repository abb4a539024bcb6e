"""Fixtures for the goals tests: the demo district with its two years of history."""

from __future__ import annotations

import pytest


@pytest.fixture
async def history(corpus: str) -> str:
    """The demo corpus plus its history (coaches, ladder records, placements, goals) and
    its meetings (a past Doen-beurs with what followed), as ``make demo`` loads them."""
    from meedoen.demo.history import seed_history
    from meedoen.demo.meetings import seed_meetings

    await seed_history()
    await seed_meetings()
    return corpus
