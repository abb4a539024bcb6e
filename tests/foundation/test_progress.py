"""Long commands show how far they are on a terminal, and stay quiet in logs and pipes.

``meedoen import corpus`` runs on a generated district in a pseudo-terminal (what a
person at a terminal sees) and with its output in a pipe (what a cron job logs).
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESIDENTS = 5000
# Its own SQLite file: a generated district must not land in the session's database.
pytestmark = [pytest.mark.engine_independent, pytest.mark.slow]


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("district")
    subprocess.run(
        [sys.executable, str(ROOT / "seeds" / "generate.py"), str(folder),
         "--residents", str(RESIDENTS), "--opportunities", "500", "--organisations", "40"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return folder


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEILI_URL"}}
    return {**env, "MEEDOEN_DATA_DIR": str(data_dir), "COLUMNS": "120", "TERM": "xterm"}


def run_on_a_terminal(args: list[str], env: dict[str, str], timeout: float = 300) -> str:
    """Run the command with a pseudo-terminal as stdout and stderr; return what it drew."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal, env=env
    )
    os.close(terminal)
    screen = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        screen += chunk
    process.wait(timeout=30)
    os.close(controller)
    assert process.returncode == 0, screen.decode(errors="replace")
    return screen.decode(errors="replace")


def test_import_shows_counts_rate_and_time_left_on_a_terminal(district, tmp_path):
    meedoen = str(Path(sys.executable).parent / "meedoen")

    screen = run_on_a_terminal([meedoen, "import", "corpus", str(district)], environment(tmp_path))
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)

    for label, total in (("organisations", 40), ("opportunities", 500), ("residents", RESIDENTS)):
        assert re.search(rf"{label}\s+━+\s+{total}/{total}\s+100%", plain), plain[-2000:]
    assert re.search(r"\d[\d,]*/s", plain), "no rate shown"
    assert re.search(r"\d+:\d\d:\d\d", plain), "no time left shown"
    assert f"residents: {RESIDENTS} new" in plain


def test_import_prints_only_its_summary_when_not_on_a_terminal(district, tmp_path):
    meedoen = str(Path(sys.executable).parent / "meedoen")

    result = subprocess.run(
        [meedoen, "import", "corpus", str(district)],
        capture_output=True, text=True, env=environment(tmp_path), timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "━" not in result.stderr + result.stdout and "\x1b[" not in result.stderr
    assert result.stdout.strip().endswith(f"residents: {RESIDENTS} new, 0 updated, 0 unchanged")
