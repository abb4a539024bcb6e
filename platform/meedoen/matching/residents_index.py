"""The residents index: a matching shortlist, not a place to look people up.

What goes in, and why (privacy by design):

* Only residents whose ``visibility`` is ``coach`` or ``findable``. A ``private``
  resident is never indexed, and leaves the index as soon as the outbox tells it.
* Only what the shortlist filters or ranks on: ``ref``, ``wijk``, ``birth_year``,
  ``skills``, ``interests``, ``preferred_kinds``, ``hours_per_week``,
  ``language_level``, ``ladder_rung``, ``has_driving_licence`` and ``visibility``.
  Never the first name and never the summary (free text that can name health,
  family or background; the engine reads it from the database when it scores).
* ``displayedAttributes`` is ``ref`` only: a search returns references, and the
  service loads and re-checks the rows in the database before anyone sees a match.

``terms`` holds every skill and interest as one token ("omgaan met ouderen" ->
``omgaanmetouderen``): Meilisearch reads at most ten query words, so a query of ten
tokens is ten vocabulary terms, and multi-word skills cannot half-match.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from meedoen.residents.tables import Resident
from meedoen.search.index_definitions import (
    IndexLike,
    config_dir,
    settings_differ,
    wait_for_task,
)

RESIDENTS = "residents"
RESIDENT_ENTITY = "resident"
INDEXED_VISIBILITIES = ("coach", "findable")

_DOCUMENT_COLUMNS = (
    Resident.ref,
    Resident.wijk,
    Resident.birth_year,
    Resident.skills,
    Resident.interests,
    Resident.preferred_kinds,
    Resident.hours_per_week,
    Resident.language_level,
    Resident.ladder_rung,
    Resident.has_driving_licence,
    Resident.visibility,
)


def term_token(term: str) -> str:
    """One search token for a vocabulary term: lowercase letters and digits only."""
    return "".join(ch for ch in term.lower() if ch.isalnum())


def term_tokens(terms: Iterable[str]) -> list[str]:
    """Tokens of several terms, each once, in order."""
    return list(dict.fromkeys(t for t in map(term_token, terms) if t))


def resident_document(row: Mapping[str, Any]) -> dict[str, Any]:
    """The indexed document of one resident (see the module docstring for the fields)."""
    skills = [str(s) for s in row.get("skills") or []]
    interests = [str(i) for i in row.get("interests") or []]
    return {
        "ref": str(row["ref"]),
        "wijk": str(row.get("wijk") or "") or None,
        "birth_year": row.get("birth_year"),
        "skills": skills,
        "interests": interests,
        "preferred_kinds": [str(k) for k in row.get("preferred_kinds") or []],
        "hours_per_week": row.get("hours_per_week"),
        "language_level": str(row.get("language_level") or "") or None,
        "ladder_rung": row.get("ladder_rung"),
        "has_driving_licence": bool(row.get("has_driving_licence")),
        "visibility": str(row["visibility"]),
        "terms": " ".join(term_tokens([*skills, *interests])),
    }


def indexable() -> Any:
    """Residents who chose to be seen by their coach or by organisations."""
    return Resident.visibility.is_in(list(INDEXED_VISIBILITIES))


async def resident_documents(where: Any = None) -> list[dict[str, Any]]:
    """Documents for the indexable residents matching ``where`` (all indexable when None)."""
    condition = indexable() if where is None else indexable() & where
    rows = await Resident.select(*_DOCUMENT_COLUMNS).where(condition).run()
    return [resident_document(row) for row in rows]


def residents_index_for(opportunities_uid: str, opportunities_base: str) -> str | None:
    """The residents index beside an opportunities index (same prefix), if it has one."""
    if not opportunities_uid.endswith(opportunities_base):
        return None
    return opportunities_uid[: -len(opportunities_base)] + RESIDENTS


@cache
def _index_file() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads((config_dir() / "residents.json").read_text("utf-8"))
    return raw


def primary_key() -> str:
    return str(_index_file()["primaryKey"])


def residents_settings() -> dict[str, Any]:
    """Settings body for the residents index (REST shape, camelCase)."""
    return {k: v for k, v in _index_file()["settings"].items() if not k.startswith("_")}


async def apply_resident_settings_if_changed(index: IndexLike) -> bool:
    """Like ``apply_settings_if_changed`` for opportunities, with the residents settings."""
    wanted = residents_settings()
    response = await index.http_client.get(f"indexes/{index.uid}/settings")
    response.raise_for_status()
    if not settings_differ(wanted, response.json()):
        return False
    response = await index.http_client.patch(f"indexes/{index.uid}/settings", json=wanted)
    response.raise_for_status()
    await wait_for_task(index.http_client, int(response.json()["taskUid"]))
    return True
