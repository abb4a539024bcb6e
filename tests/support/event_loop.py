"""Pytest plugin: every async test and fixture runs on uvloop, the loop production runs.

``meedoen serve`` runs uvicorn with ``uvicorn[standard]``, which picks uvloop; a test on
the standard asyncio loop would miss what differs there (uvloop's transport sockets,
for one, cannot be shut down by hand).

pytest-asyncio hands the loop factory to async tests as a (hidden) parameter of its
session fixture ``_asyncio_loop_factory``. A plain ``def`` test that uses an async
fixture (``live_server`` needs ``database``; the schema fuzzer needs ``corpus``) would
get no parameter: pytest sees another value for a session fixture, tears the session
runner down and with it every async session fixture (the migrated ``database``, …),
and the tests after it error with 'the fixture value for "database" is not available'.
So sync tests get the same parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
import uvloop

LOOP_FACTORY_FIXTURE = "_asyncio_loop_factory"  # pytest-asyncio's, which it parametrizes


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], Any]]:
    return {"uvloop": uvloop.new_event_loop}


@pytest.hookimpl(trylast=True)  # after pytest-asyncio's, which covers the async tests
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if LOOP_FACTORY_FIXTURE in metafunc.fixturenames:
        return
    metafunc.fixturenames.append(LOOP_FACTORY_FIXTURE)
    metafunc.parametrize(
        LOOP_FACTORY_FIXTURE,
        [uvloop.new_event_loop],
        ids=[pytest.HIDDEN_PARAM],
        indirect=True,
        scope="session",
    )
