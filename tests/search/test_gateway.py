"""The search gateway (issue 20): every service asks the index through it, and it answers
results, unavailable or incomplete; "search, or fall back to the database" is written once."""

import asyncio
from typing import Any

import pytest

from meedoen.search.gateway import NO_SEARCH, SearchBusy, SearchGateway, SearchGuard


class Connection:
    def __init__(self, *, up: bool = True) -> None:
        self.reader = Reader() if up else None
        self.up = up

    def index_name(self, base: str) -> str:
        return f"test_{base}"

    async def ready(self) -> bool:
        return self.up


class Reader:
    def index(self, uid: str) -> str:
        return uid


class Filling:
    def __init__(self, complete: bool) -> None:
        self.complete = complete

    async def index_complete(self) -> bool:
        return self.complete


async def uid_of(index: Any) -> str:
    return str(index)


async def from_database() -> str:
    return "database"


async def test_a_connected_index_answers_with_results_under_its_prefixed_name():
    answer = await SearchGateway(Connection()).ask("opportunities", uid_of)
    assert (answer.outcome, answer.value) == ("results", "test_opportunities")


async def test_without_a_connection_the_answer_is_unavailable():
    assert (await SearchGateway(Connection(up=False)).ask("x", uid_of)).outcome == "unavailable"
    assert (await NO_SEARCH.ask("x", uid_of)).outcome == "unavailable"


async def test_a_failing_or_slow_question_is_unavailable():
    async def broken(index: Any) -> str:
        raise RuntimeError("400 filter")

    async def slow(index: Any) -> str:
        await asyncio.sleep(1)
        return "late"

    gateway = SearchGateway(Connection(), timeout=0.05)
    assert (await gateway.ask("x", broken)).outcome == "unavailable"
    assert (await gateway.ask("x", slow)).outcome == "unavailable"


async def test_a_filling_index_is_incomplete_only_for_questions_that_need_every_document():
    gateway = SearchGateway(Connection(), Filling(complete=False))
    assert (await gateway.ask("x", uid_of, complete=True)).outcome == "incomplete"
    assert (await gateway.ask("x", uid_of)).outcome == "results"
    complete = SearchGateway(Connection(), Filling(complete=True))
    assert (await complete.ask("x", uid_of, complete=True)).outcome == "results"


class DatabaseDown:
    async def index_complete(self) -> bool:
        raise ConnectionRefusedError("the database is down")


async def test_a_database_outage_is_not_taken_for_a_search_failure():
    # Whether the index is complete is asked of the database (the outbox). Counted as a
    # search failure, a database outage opened the breaker and, once the database was
    # back, pages answered "search busy" (503) while Meilisearch was fine.
    guard = SearchGuard(failures_to_open=1)
    gateway = SearchGateway(Connection(), DatabaseDown(), guard=guard)
    with pytest.raises(ConnectionRefusedError):
        await gateway.ask("x", uid_of, complete=True)
    assert guard.failures == 0 and not guard.is_open()
    assert (await gateway.ask("x", uid_of)).outcome == "results"


async def test_search_or_falls_back_to_the_database_and_says_so():
    found = await SearchGateway(Connection()).search_or("x", uid_of, from_database)
    assert (found.value, found.degraded) == ("test_x", False)

    down = await NO_SEARCH.search_or("x", uid_of, from_database)
    assert (down.value, down.degraded, down.outcome) == ("database", True, "unavailable")

    filling = SearchGateway(Connection(), Filling(complete=False))
    found = await filling.search_or("x", uid_of, from_database, complete=True)
    assert (found.value, found.outcome) == ("database", "incomplete")


async def test_after_failures_in_a_row_the_breaker_skips_the_engine_until_its_pause_is_over():
    asked = 0

    async def broken(index: Any) -> str:
        nonlocal asked
        asked += 1
        raise ConnectionError("refused")

    guard = SearchGuard(failures_to_open=3, open_seconds=3600)
    gateway = SearchGateway(Connection(), guard=guard)
    for _ in range(5):
        assert (await gateway.ask("x", broken)).outcome == "unavailable"
    assert asked == 3  # the last two never reached the engine

    guard.opened_at -= 3600  # the pause is over: the next search tries again
    assert (await gateway.ask("x", uid_of)).outcome == "results"
    assert guard.failures == 0 and not guard.is_open()


async def test_no_turn_in_time_is_busy_and_never_falls_back_to_the_database():
    guard = SearchGuard(in_flight=1, queue_seconds=0.01)
    gateway = SearchGateway(Connection(), guard=guard)
    await guard.engine.acquire()  # the one place in flight is taken
    try:
        assert (await gateway.ask("x", uid_of)).outcome == "busy"
        with pytest.raises(SearchBusy):
            await gateway.search_or("x", uid_of, from_database)
    finally:
        guard.engine.release()
    assert guard.failures == 0  # waiting is not Meilisearch failing
    assert (await gateway.search_or("x", uid_of, from_database)).value == "test_x"
