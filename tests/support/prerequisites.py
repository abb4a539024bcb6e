"""Tests that need a tool from ``scripts/install_test_tools.sh``: skipped with the reason
on a developer's machine without it, failed under ``CI=true``, where a skip would hide
a gate that did not run."""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest


def under_ci() -> bool:
    return os.environ.get("CI") == "true"


def skip_or_fail(reason: str) -> NoReturn:
    if under_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def require_command(name: str, package: str | None = None) -> str:
    """The path of ``name``; skips (or fails under CI) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        skip_or_fail(
            f"{name} is not installed: run scripts/install_test_tools.sh "
            f"(apt-get install {package or name})"
        )
    return path


def skip_unless_ci(problem: str | None) -> pytest.MarkDecorator:
    """A module or test mark: skip for ``problem`` (None: run), but never under CI, where
    the test runs and fails with the reason instead (it must call ``skip_or_fail``)."""
    return pytest.mark.skipif(problem is not None and not under_ci(), reason=problem or "")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under CI every skip, whoever raised it (a ``skipif`` mark included), is a failure."""
    report = yield
    if under_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"
    return report
