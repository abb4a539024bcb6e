"""Searching the database while Meilisearch is away: simpler, but never nothing.

Every query word must occur (case-insensitively) in the title, description or skills; the
filters are the same as in the index; results are newest first. The database does the
text matching and the "published" rule; filtering and the (disjunctive) facet counts run
over those matched rows in Python, which is the same code on SQLite and PostgreSQL and
fast for the few thousand postings a district has (400 open ones: 60-100 ms for a page
without words). Move the counting into SQL (GROUP BY per facet) if that grows tenfold.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from piccolo.columns.combination import WhereRaw

from meedoen.opportunities.tables import Opportunity
from meedoen.search.documents import allowance_band, hours_bands, recognised_company, timestamp
from meedoen.search.query import (
    CROP_WORDS,
    FACET_LABELS,
    FACETS,
    FacetValue,
    OpportunitySearch,
    SearchHit,
    SearchResults,
    Segment,
    query_words,
)


def published() -> Any:
    """Open postings of verified organisations that are not blocked: what residents may see."""
    organisation: Any = Opportunity.organisation
    return (
        (Opportunity.status == "open")
        & (organisation.verified.eq(True))
        & (organisation.blocked.eq(False))
    )


def _on_sqlite() -> bool:
    return bool(Opportunity._meta.db.engine_type == "sqlite")


def _skills_contain(pattern: str) -> WhereRaw:
    if _on_sqlite():
        # Piccolo stores arrays as JSON text on SQLite.
        return WhereRaw('"opportunity"."skills" LIKE {}', pattern)
    return WhereRaw("""array_to_string("opportunity"."skills", ' ') ILIKE {}""", pattern)


def _word_occurs(word: str) -> Any:
    # query_words() keeps letters, digits, + and apostrophes only: no LIKE wildcards.
    pattern = f"%{word}%"
    if _on_sqlite():  # SQLite's LIKE ignores case already (for ASCII letters)
        return (
            Opportunity.title.like(pattern)
            | Opportunity.description.like(pattern)
            | _skills_contain(pattern)
        )
    return (
        Opportunity.title.ilike(pattern)
        | Opportunity.description.ilike(pattern)
        | _skills_contain(pattern)
    )


async def search_database(
    search: OpportunitySearch, *, last_page_past_the_end: bool = False
) -> SearchResults:
    """One page of published opportunities from the database, with facet counts; with
    ``last_page_past_the_end`` a page past the last one shows the last one (as the index
    does, ``search.query.search_opportunities``)."""
    per_page = search.per_page  # within the cap: OpportunitySearch holds it
    words = query_words(search.q)
    where = published()
    for word in words:
        where = where & _word_occurs(word)
    documents = _sorted(await _documents(where), search.sort)
    matching = [d for d in documents if _passes(d, search)]
    total_pages = math.ceil(len(matching) / per_page)
    page = search.page
    if last_page_past_the_end and 0 < total_pages < page:
        page = total_pages
    start = (page - 1) * per_page
    return SearchResults(
        query=" ".join(words),
        items=[_hit(d, words) for d in matching[start : start + per_page]],
        facets={f: _facet_values(f, documents, search) for f in FACETS},
        total_hits=len(matching),
        total_pages=total_pages,
        page=page,
        per_page=per_page,
        sort=search.sort,
        words=tuple(words),
    )


async def similar_in_database(document_ref: str, sector: str, limit: int = 4) -> list[SearchHit]:
    """Other published postings in the same sector, newest first."""
    where = published() & (Opportunity.sector == sector) & (Opportunity.ref != document_ref)
    documents = _sorted(await _documents(where), "newest")
    return [_hit(d, []) for d in documents[:limit]]


async def _documents(where: Any) -> list[dict[str, Any]]:
    """Rows shaped like index documents, with only the fields search results use.

    (The indexer's documents also carry compound-word parts, which are costly to compute
    and of no use to LIKE matching.)
    """
    organisation: Any = Opportunity.organisation
    rows = (
        await Opportunity.select(
            *Opportunity.all_columns(),
            organisation.ref.as_alias("organisation_ref"),
            organisation.name.as_alias("organisation_name"),
            organisation.type.as_alias("organisation_type"),
            organisation.leerbedrijf_confirmed_at.as_alias("leerbedrijf_confirmed_at"),
        )
        .where(where)
        .run()
    )
    return [_document(row) for row in rows]


def _document(row: dict[str, Any]) -> dict[str, Any]:
    low, high = row["hours_per_week_min"], row["hours_per_week_max"]
    return {
        **{k: v for k, v in row.items() if k not in ("id", "organisation")},
        "start": row["start_date"].isoformat() if row["start_date"] else None,
        "start_ts": timestamp(row["start_date"]),
        "hours_band": hours_bands(low, high),
        "paid": bool(row["paid"]),
        "skills": list(row["skills"] or []),
        "suitable_for": list(row["suitable_for"] or []),
        "education_levels": list(row["education_levels"] or []),
        "learning_routes": list(row["learning_routes"] or []),
        "recognised_company": recognised_company(row),
        "stage_allowance_band": allowance_band(row["stage_allowance"]),
        "created_at": timestamp(row["created_at"]),
        "updated_at": timestamp(row["updated_at"]),
    }


def _sorted(documents: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    if sort == "start":
        # Unknown start dates last: "begint het eerst" means known dates first.
        return sorted(documents, key=lambda d: (d["start_ts"] == 0, d["start_ts"], d["ref"]))
    return sorted(documents, key=lambda d: (-d["created_at"], -d["updated_at"], d["ref"]))


def _values(document: Mapping[str, Any], facet: str) -> list[str]:
    value = document.get(FACETS[facet])
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value not in (None, "") else []


def _passes(document: Mapping[str, Any], search: OpportunitySearch, without: str = "") -> bool:
    for facet in FACETS:
        chosen = search.selected(facet)
        if facet != without and chosen and not set(chosen) & set(_values(document, facet)):
            return False
    return True


def _facet_values(
    facet: str, documents: Iterable[Mapping[str, Any]], search: OpportunitySearch
) -> list[FacetValue]:
    counts: Counter[str] = Counter()
    for document in documents:
        if _passes(document, search, without=facet):
            counts.update(set(_values(document, facet)))
    chosen = search.selected(facet)
    for value in chosen:
        counts.setdefault(value, 0)
    labels = FACET_LABELS.get(facet, {})
    return [
        FacetValue(value=v, label=labels.get(v, v), count=n, selected=v in chosen)
        for v, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _hit(document: Mapping[str, Any], words: Sequence[str]) -> SearchHit:
    return SearchHit(
        ref=str(document["ref"]),
        title=highlighted(str(document.get("title", "")), words),
        snippet=highlighted(_crop(str(document.get("description", "")), words), words),
        document=document,
    )


def _crop(text: str, words: Sequence[str]) -> str:
    tokens = text.split()
    if len(tokens) <= CROP_WORDS:
        return text
    lowered = [t.lower() for t in tokens]
    first = next((i for i, t in enumerate(lowered) if any(w in t for w in words)), 0)
    start = max(first - CROP_WORDS // 3, 0)
    piece = " ".join(tokens[start : start + CROP_WORDS])
    return ("…" if start else "") + piece + ("…" if start + CROP_WORDS < len(tokens) else "")


def highlighted(text: str, words: Sequence[str]) -> tuple[Segment, ...]:
    """Text split into segments, the query words marked (case-insensitive)."""
    if not words:
        return (Segment(text),) if text else ()
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    segments: list[Segment] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            segments.append(Segment(text[position : match.start()]))
        segments.append(Segment(match.group(), highlighted=True))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:]))
    return tuple(segments)
