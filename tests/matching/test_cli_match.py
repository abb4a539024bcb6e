"""``meedoen match``: suggestions on the command line, with or without Meilisearch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest


def meedoen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # Without MEILI_URL the command shortlists from the database.
    environment = {k: v for k, v in os.environ.items() if k != "MEILI_URL"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "meedoen.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


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


async def test_ten_suggestions_for_a_resident_without_meilisearch(corpus: str) -> None:
    result = meedoen("match", "resident", "res-001", "--json")

    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert_match_list(items, "opp-", 10)
    # Gerrit, retired metalworker in Boekelo who likes odd jobs: the village klussendienst.
    assert items[0]["ref"] == "opp-0012"


async def test_the_same_suggestions_through_the_search_index(
    corpus: str, indexed: Any, meili: Any
) -> None:
    await indexed()
    env = {"MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key}

    through_index = meedoen("match", "resident", "res-001", "--json", env=env)
    from_database = meedoen("match", "resident", "res-001", "--json")

    assert through_index.returncode == 0, through_index.stderr
    assert json.loads(through_index.stdout) == json.loads(from_database.stdout)


async def test_text_output_names_score_title_and_reasons(corpus: str) -> None:
    result = meedoen("match", "resident", "res-001", "--limit", "3", "--lang", "en")

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
async def test_an_unknown_reference_is_one_sentence_and_exit_code_1(corpus: str, kind: str) -> None:
    message = one_sentence_error(meedoen("match", kind, "nope-404"))

    assert "nope-404" in message
