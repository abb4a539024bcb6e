"""Pytest plugin: every async test and fixture runs on uvloop, the loop production runs.

``meedoen serve`` runs uvicorn with ``uvicorn[standard]``, which picks uvloop; a test on
the standard asyncio loop would miss what differs there (uvloop's transport sockets,
for one, cannot be shut down by hand).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
import uvloop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], Any]]:
    return {"uvloop": uvloop.new_event_loop}
