"""The residents index: a matching shortlist, not a place to look people up.

What goes in, and why (privacy by design):

* Only residents whose ``visibility`` is ``coach`` or ``findable``. A ``private``
  resident is never indexed, and leaves the index as soon as the outbox tells it.
* Only what the shortlist filters or ranks on: ``ref``, ``wijk`` (and its centroid as
  ``_geo``, to sort by distance), ``birth_year``, ``skills``, ``interests``,
  ``preferred_kinds``, ``hours_per_week``, ``language_level``, ``ladder_rung``,
  ``has_driving_licence`` and ``visibility``. Never the first name and never the
  summary (free text that can name health, family or background; the engine reads it
  from the database when it scores).
* A search returns those fields, not more, so the shortlist can pre-rank candidates
  (``prerank.py``); the service loads and re-checks the rows in the database before
  anyone sees a match, and nothing from the index is shown to anyone.

``terms`` holds every skill and interest as one token ("omgaan met ouderen" ->
``omgaanmetouderen``): Meilisearch reads at most ten query words, so a query of ten
tokens is ten vocabulary terms, and multi-word skills cannot half-match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from meedoen.matching.geography import geo_point
from meedoen.residents.for_matching import indexable_rows
from meedoen.search.index_definitions import IndexLike, apply_if_changed, index_file, index_settings

RESIDENTS = "residents"


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
    document: dict[str, Any] = {
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
    point = geo_point(document["wijk"])
    if point is not None:
        document["_geo"] = point
    return document


async def resident_documents(refs: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Documents of the indexable residents with these refs (all indexable when None)."""
    return [resident_document(row) for row in await indexable_rows(refs)]


def residents_index_for(opportunities_uid: str, opportunities_base: str) -> str | None:
    """The residents index beside an opportunities index (same prefix), if it has one."""
    if not opportunities_uid.endswith(opportunities_base):
        return None
    return opportunities_uid[: -len(opportunities_base)] + RESIDENTS


def primary_key() -> str:
    return str(index_file(RESIDENTS)["primaryKey"])


def residents_settings() -> dict[str, Any]:
    """Settings body for the residents index (REST shape, camelCase)."""
    return index_settings(RESIDENTS)


async def apply_resident_settings_if_changed(index: IndexLike) -> bool:
    """Bring the residents index's settings up to date (like the opportunities index)."""
    return await apply_if_changed(index, residents_settings())
