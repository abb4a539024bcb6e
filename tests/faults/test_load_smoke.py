"""A short run of bench/load.py against the live server: no errors, and figures printed.

No timing is asserted (it depends on the machine); the full run is ``bench/load.py``.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from support.auth import DEFAULT_PASSWORD, make_account
from support.live_server import PROJECT_DIR

pytestmark = pytest.mark.slow
SECONDS = 10.0


def load_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_load", PROJECT_DIR / "bench" / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module
    spec.loader.exec_module(module)
    return module


async def test_a_short_load_run_has_no_errors(live_server, corpus, indexed, capsys):
    load = load_module()
    await indexed()
    residents = [(
        (await make_account("resident")).email, DEFAULT_PASSWORD) for _ in range(2)
    ]  # fmt: skip

    report = await load.run_load(
        live_server, duration=SECONDS, max_requests=3000, concurrency=8, residents=residents
    )
    with capsys.disabled():
        print(f"\nload smoke test against {live_server}:\n{report.text()}")

    assert report.requests > 0
    assert "requests/s" in report.text() and "p99" in report.text()
    assert report.errors == [], report.errors[:20]
