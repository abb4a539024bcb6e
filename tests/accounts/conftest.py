"""Fixtures for the account tests: a clock to move time, and clients at other addresses."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable

import httpx
import pytest


class Clock:
    """Stands in for "now" in sessions, links and throttling, so tests need not wait."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from meedoen.accounts import credentials, links, service, sessions, throttle

    fake = Clock()
    for module in (sessions, throttle, links, credentials, service):
        monkeypatch.setattr(module, "utcnow", fake)
    return fake


@pytest.fixture
async def client_at(app) -> AsyncIterator[Callable[[str], httpx.AsyncClient]]:  # type: ignore[no-untyped-def]
    """Factory for clients that come from another IP address."""
    opened: list[httpx.AsyncClient] = []

    def make(address: str) -> httpx.AsyncClient:
        http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=(address, 40000)),
            base_url="http://testserver.local",
        )
        opened.append(http)
        return http

    yield make
    for http in opened:
        await http.aclose()
