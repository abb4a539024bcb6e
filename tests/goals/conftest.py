"""Fixtures for the goals tests: the demo district with its two years of history."""

from __future__ import annotations

import pytest


@pytest.fixture
async def history(corpus: str) -> str:
    """The demo corpus plus its history (coaches, ladder records, placements, goals)."""
    from meedoen.demo.history import seed_history

    await seed_history()
    return corpus
