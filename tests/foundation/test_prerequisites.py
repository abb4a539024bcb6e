"""What the tests need is found or installed, and under CI a missing tool is a failure,
never a silent skip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.nu_checker import find_java

TESTS = Path(__file__).resolve().parents[1]
A_SKIPPING_TEST = """
import pytest

@pytest.mark.skipif(True, reason="no frobnicator here")
def test_needs_a_frobnicator():
    pass

def test_skips_itself():
    pytest.skip("no widget either")
"""


def run_pytest(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_skipping.py").write_text(A_SKIPPING_TEST)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "support.prerequisites", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", "/dev/null", str(tmp_path)],
        env={**env, "PYTHONPATH": str(TESTS)},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


def test_a_skip_is_a_failure_under_ci(tmp_path):
    result = run_pytest(tmp_path, ci=True)

    closing = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 1, result.stdout
    # A skipif mark is decided in set-up, so that one counts as an error.
    assert "1 failed, 1 error" in closing and "skipped" not in closing, closing
    assert "no frobnicator here" in result.stdout and "no widget either" in result.stdout


def test_a_skip_stays_a_skip_on_a_developers_machine(tmp_path):
    result = run_pytest(tmp_path, ci=False)

    assert result.returncode == 0, result.stdout
    assert "2 skipped" in result.stdout


def test_java_is_found_without_being_on_path(tmp_path):
    java = tmp_path / "jre" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\n")
    java.chmod(0o755)

    found = find_java({"PATH": str(tmp_path / "empty"), "JAVA_HOME": str(tmp_path / "jre")})

    assert found == str(java)
