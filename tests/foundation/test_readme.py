"""The README's command table is the CLI's own: generated from it, and every command that
`meedoen --help` lists is in it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from command_table import README, command_table, readme_table  # noqa: E402

pytestmark = pytest.mark.engine_independent


def help_of(*command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "meedoen.cli", *command, "--help"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout


def listed_commands(help_text: str) -> list[str]:
    section = help_text.split("Commands:", 1)[1] if "Commands:" in help_text else ""
    return [m.group(1) for m in re.finditer(r"^  (\S+)", section, re.MULTILINE)]


def test_the_readme_table_is_the_one_the_cli_generates():
    in_readme = readme_table(README.read_text(encoding="utf-8"))

    assert in_readme == command_table(), (
        "README.md's command table is out of date: run `python scripts/command_table.py --write`"
    )


def test_every_command_in_meedoen_help_is_in_the_readme():
    table = readme_table(README.read_text(encoding="utf-8"))
    commands = listed_commands(help_of())
    assert {"serve", "backup", "restore", "retention", "match"} <= set(commands)

    for name in commands:
        subcommands = listed_commands(help_of(name))
        for full in [f"{name} {sub}" for sub in subcommands] or [name]:
            assert f"`meedoen {full}" in table, f"meedoen {full} is missing from README.md"
