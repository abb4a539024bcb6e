"""``meedoen match``: suggestions on the command line, with or without Meilisearch.

Each command is a subprocess of a few seconds, so the calls that only read the corpus
run once per module, side by side (``calls``); each test checks its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

import pytest

TIMEOUT_SECONDS = 120
# Commands that only read the corpus, started together once per module.
READ_ONLY = {
    "json": ("match", "resident", "res-001", "--json"),
    "text": ("match", "resident", "res-001", "--limit", "3", "--lang", "en"),
    "unknown resident": ("match", "resident", "nope-404"),
    "unknown opportunity": ("match", "opportunity", "nope-404"),
}


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    # Without MEILI_URL the command shortlists from the database.
    environment = {k: v for k, v in os.environ.items() if k != "MEILI_URL"}
    environment.update(env or {})
    return environment


def meedoen_together(
    commands: Sequence[Sequence[str]], env: dict[str, str] | None = None
) -> list[subprocess.CompletedProcess[str]]:
    """Run several ``meedoen`` commands side by side; their results in the same order."""
    started = [
        (
            list(args),
            subprocess.Popen(
                [sys.executable, "-m", "meedoen.cli", *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=_environment(env),
            ),
        )
        for args in commands
    ]
    results = []
    for args, process in started:
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        results.append(subprocess.CompletedProcess(args, process.returncode, stdout, stderr))
    return results


def meedoen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return meedoen_together([args], env)[0]


@pytest.fixture(scope="module")
async def calls(database: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """The read-only commands, run once for the module (the corpus imported first)."""
    from meedoen.demo.corpus_import import import_corpus
    from meedoen.demo.seed import DEMO_CORPUS_DIR

    await import_corpus(DEMO_CORPUS_DIR)
    return dict(zip(READ_ONLY, meedoen_together(list(READ_ONLY.values())), strict=True))


def one_sentence_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def assert_match_list(items: Any, prefix: str, count: int) -> None:
    assert isinstance(items, list)
    assert len(items) == count
    for item in items:
        assert set(item) == {"ref", "score", "reasons", "concerns"}
        assert item["ref"].startswith(prefix)
        assert isinstance(item["score"], float) and 0 <= item["score"] <= 100
        assert all(isinstance(r, str) and r for r in item["reasons"])
        assert all(isinstance(c, str) and c for c in item["concerns"])
    assert not items or items[0]["reasons"]  # the best match always says why
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True)


async def test_ten_suggestions_for_a_resident_without_meilisearch(calls: Any) -> None:
    result = calls["json"]

    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert_match_list(items, "opp-", 10)
    # Gerrit, retired metalworker in Boekelo who likes odd jobs: the village klussendienst.
    assert items[0]["ref"] == "opp-0012"


async def test_the_same_suggestions_through_the_search_index(
    calls: Any, corpus: str, indexed: Any, meili: Any
) -> None:
    await indexed()
    env = {"MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key}

    through_index = meedoen("match", "resident", "res-001", "--json", env=env)
    from_database = calls["json"]

    assert through_index.returncode == 0, through_index.stderr
    assert from_database.returncode == 0, from_database.stderr
    assert json.loads(through_index.stdout) == json.loads(from_database.stdout)


async def test_text_output_names_score_title_and_reasons(calls: Any) -> None:
    result = calls["text"]

    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("opp-0012") and "Klussendienst Boekelo" in first
    assert "    + " in result.stdout


async def test_candidates_for_an_opportunity_are_findable_residents_only(corpus: str) -> None:
    from meedoen.residents.tables import Resident

    findable = ["res-003", "res-006", "res-009", "res-012"]
    await (
        Resident.update({Resident.visibility: "findable"}).where(Resident.ref.is_in(findable)).run()
    )
    try:
        result = meedoen("match", "opportunity", "opp-0012", "--json", "--limit", "50")
    finally:
        await (
            Resident.update({Resident.visibility: "private"})
            .where(Resident.ref.is_in(findable))
            .run()
        )

    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert {item["ref"] for item in items} <= set(findable)
    assert_match_list(items, "res-", len(items))


@pytest.mark.parametrize("kind", ["resident", "opportunity"])
async def test_an_unknown_reference_is_one_sentence_and_exit_code_1(calls: Any, kind: str) -> None:
    message = one_sentence_error(calls[f"unknown {kind}"])

    assert "nope-404" in message
