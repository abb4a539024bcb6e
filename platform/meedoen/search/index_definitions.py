"""Index definitions for Meilisearch, loaded from the data files in the top-level `search/`.

Relevance people edit `search/*.json` and `search/*.txt`; this module only turns those files
into the settings object Meilisearch expects and applies it when it changed.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import httpx

OPPORTUNITIES_INDEX = "opportunities"

_CONFIG_ENV = "MEEDOEN_SEARCH_CONFIG_DIR"
_TASK_POLL_SECONDS = 0.05
_TASK_TIMEOUT_SECONDS = 120.0


class IndexLike(Protocol):
    """The part of `meilisearch_python_sdk.AsyncIndex` this package relies on."""

    uid: str
    # The SDK uses httpx2, a fork with httpx's API; only get/patch/post are called.
    http_client: Any


@dataclass(frozen=True)
class CompoundVocabulary:
    """Data for the decompounder (see `documents.split_compound`)."""

    parts: frozenset[str]
    explicit: Mapping[str, tuple[str, ...]]
    keep_whole: frozenset[str]
    linking: tuple[str, ...]
    min_part_length: int
    min_word_length: int


def config_dir() -> Path:
    """The `search/` folder; overridable because an installed wheel has no repository around it."""
    override = os.environ.get(_CONFIG_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "search"


def _data_lines(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Synonym groups from `synonyms_nl.txt`, lowercased, duplicates removed."""
    groups = []
    for line in _data_lines(config_dir() / "synonyms_nl.txt"):
        terms = dict.fromkeys(t.strip().lower() for t in line.split(",") if t.strip())
        if len(terms) > 1:
            groups.append(tuple(terms))
    return tuple(groups)


def expand_synonym_groups(groups: Iterable[Iterable[str]]) -> dict[str, list[str]]:
    """Meilisearch synonyms are one-way; write every direction so each group is symmetric.

    A term in several groups gets the union, so no direction is lost.
    """
    expanded: dict[str, dict[str, None]] = {}
    for group in groups:
        terms = list(group)
        for term in terms:
            targets = expanded.setdefault(term, {})
            targets.update(dict.fromkeys(t for t in terms if t != term))
    return {term: list(targets) for term, targets in sorted(expanded.items())}


@cache
def stop_words() -> tuple[str, ...]:
    return tuple(sorted({w.lower() for w in _data_lines(config_dir() / "stopwords_nl.txt")}))


@cache
def compound_vocabulary() -> CompoundVocabulary:
    raw = json.loads((config_dir() / "compounds.json").read_text(encoding="utf-8"))
    explicit = {k.lower(): tuple(p.lower() for p in v) for k, v in raw["compounds"].items()}
    return CompoundVocabulary(
        parts=frozenset(p.lower() for p in raw["parts"]),
        explicit=explicit,
        keep_whole=frozenset(w.lower() for w in raw["keep_whole"]),
        linking=tuple(sorted(raw["linking"], key=len, reverse=True)),
        min_part_length=int(raw["min_part_length"]),
        min_word_length=int(raw["min_word_length"]),
    )


@cache
def index_file(name: str) -> dict[str, Any]:
    """One index definition, ``search/<name>.json``: its primary key and settings."""
    raw: dict[str, Any] = json.loads((config_dir() / f"{name}.json").read_text(encoding="utf-8"))
    return raw


def index_settings(name: str) -> dict[str, Any]:
    """The settings of ``search/<name>.json`` (keys starting with ``_`` are comments)."""
    return {k: v for k, v in index_file(name)["settings"].items() if not k.startswith("_")}


def primary_key() -> str:
    return str(index_file(OPPORTUNITIES_INDEX)["primaryKey"])


def opportunity_settings() -> dict[str, Any]:
    """The full settings body for the opportunities index (REST API shape, camelCase)."""
    settings = index_settings(OPPORTUNITIES_INDEX)
    settings["synonyms"] = expand_synonym_groups(synonym_groups())
    settings["stopWords"] = list(stop_words())
    return settings


@cache
def max_total_hits() -> int:
    """Once per process: it used to rebuild every setting (738 synonym keys) per call."""
    return int(index_settings(OPPORTUNITIES_INDEX)["pagination"]["maxTotalHits"])


def settings_differ(wanted: Mapping[str, Any], live: Mapping[str, Any]) -> bool:
    """True when any wanted key differs from the live value.

    Order matters for searchableAttributes and rankingRules but not for set-like settings,
    so those are compared as sets.
    """
    unordered = {"filterableAttributes", "sortableAttributes", "stopWords", "disableOnWords"}
    return any(not _same(key, value, live.get(key), unordered) for key, value in wanted.items())


def _same(key: str, wanted: Any, live: Any, unordered: set[str]) -> bool:
    if isinstance(wanted, Mapping) and isinstance(live, Mapping):
        if key == "synonyms":
            return _synonym_sets(wanted) == _synonym_sets(live)
        return all(_same(k, v, live.get(k), unordered) for k, v in wanted.items())
    if key in unordered and isinstance(wanted, list) and isinstance(live, list):
        return sorted(map(json.dumps, wanted)) == sorted(map(json.dumps, live))
    return bool(wanted == live)


def _synonym_sets(synonyms: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in synonyms.items()}


async def settings_are_current(index: IndexLike) -> bool:
    """Whether the opportunities index exists with today's settings (nothing is changed)."""
    response = await index.http_client.get(f"indexes/{index.uid}/settings")
    if response.status_code == 404:
        return False
    response.raise_for_status()
    return not settings_differ(opportunity_settings(), response.json())


async def apply_settings_if_changed(index: IndexLike) -> bool:
    """Bring the opportunities index's settings up to date (see ``apply_if_changed``)."""
    return await apply_if_changed(index, opportunity_settings())


async def apply_if_changed(index: IndexLike, wanted: Mapping[str, Any]) -> bool:
    """Update an index's settings only when they differ from the live ones; wait for the task.

    Returns True when an update was sent. Settings updates re-index everything, so skipping
    a no-op update keeps deploys and test runs fast.
    """
    response = await index.http_client.get(f"indexes/{index.uid}/settings")
    response.raise_for_status()
    if not settings_differ(wanted, response.json()):
        return False
    response = await index.http_client.patch(f"indexes/{index.uid}/settings", json=dict(wanted))
    response.raise_for_status()
    await wait_for_task(index.http_client, int(response.json()["taskUid"]))
    return True


async def wait_for_task(http: httpx.AsyncClient, task_uid: int) -> dict[str, Any]:
    """Poll a task until it finished; raise when it failed so a bad setting is never silent."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _TASK_TIMEOUT_SECONDS
    while True:
        response = await http.get(f"tasks/{task_uid}")
        response.raise_for_status()
        task: dict[str, Any] = response.json()
        if task["status"] == "succeeded":
            return task
        if task["status"] in {"failed", "canceled"}:
            raise RuntimeError(f"Meilisearch task {task_uid} {task['status']}: {task.get('error')}")
        if loop.time() > deadline:
            raise TimeoutError(f"Meilisearch task {task_uid} still {task['status']}")
        await asyncio.sleep(_TASK_POLL_SECONDS)
