"""Search service for `/kansen` and the JSON API: query clean-up, filters, disjunctive facets."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Any, Literal

import msgspec
from markupsafe import Markup, escape
from rapidfuzz import process
from rapidfuzz.distance import OSA

from meedoen.search.documents import (
    AUDIENCE_LABELS,
    HOURS_BAND_LABELS,
    KIND_LABELS,
    clean_text,
    split_compound,
)
from meedoen.search.index_definitions import (
    IndexLike,
    compound_vocabulary,
    max_total_hits,
    stop_words,
    synonym_groups,
)

SortOrder = Literal["relevance", "newest", "start"]
SORT_ORDERS: tuple[SortOrder, ...] = ("relevance", "newest", "start")

# Facet name in the API -> attribute in the index.
FACETS: Mapping[str, str] = {
    "kind": "kind",
    "wijk": "wijk",
    "sector": "sector",
    "hours": "hours_band",
    "suitable_for": "suitable_for",
    "organisation_type": "organisation_type",
    "paid": "paid",
    "level": "education_levels",
    "route": "learning_routes",
    "leerbedrijf": "recognised_company",
    "stagevergoeding": "stage_allowance_band",
}
FACET_LABELS: Mapping[str, Mapping[str, str]] = {
    "kind": KIND_LABELS,
    "hours": HOURS_BAND_LABELS,
    "suitable_for": AUDIENCE_LABELS,
    "paid": {"true": "betaald", "false": "onbetaald"},
}
SORTS: Mapping[str, list[str]] = {
    "newest": ["created_at:desc", "updated_at:desc"],
    "start": ["start_ts:asc"],
}
# Residents must only ever see what an organisation may publish.
PUBLISHED = 'status = "open" AND organisation_verified = true'

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 50
MAX_QUERY_CHARS = 200  # longer input is cut, never rejected
MAX_QUERY_WORDS = 10  # Meilisearch ignores words after the tenth anyway
MAX_FILTER_VALUES = 30
# "frequency" drops the most common words first when nothing matches all of them, so a
# generic word ("werk", "job") never hides the specific one ("tuin", "heftruck").
MATCHING_STRATEGY = "frequency"

# What a hit brings back: the fields the cards and the API show, and the filter's and
# sort's own fields (so a caller can check them). Not the rest of the document (matching
# facts, terms, audiences: two thirds of every reply), which Meilisearch would otherwise
# serialise twice per hit (the document and its `_formatted` copy) and we decode.
SHOWN_ATTRIBUTES = (
    "ref",
    "title",
    "description",
    "kind",
    "sector",
    "wijk",
    "postcode",
    "hours_per_week_min",
    "hours_per_week_max",
    "hours_band",
    "paid",
    "start",
    "start_ts",
    "end_date",
    "status",
    "organisation_ref",
    "organisation_name",
    "created_at",
)

HIGHLIGHT_PRE = "\ue000"
HIGHLIGHT_POST = "\ue001"
_MARK, _END_MARK = Markup("<mark>"), Markup("</mark>")
_HIGHLIGHT_SPLIT = re.compile(f"({HIGHLIGHT_PRE}|{HIGHLIGHT_POST})")
_QUERY_TOKEN = re.compile(r"[^\W_]+(?:\+|(?:['’][^\W_]+))?")
CROP_WORDS = 28
MIN_CORRECTION_LENGTH = 7  # shorter words have too many neighbours (lasen: lassen, laden)


@dataclass(frozen=True)
class OpportunitySearch:
    """What a resident asked for. Lists are OR within a facet and AND between facets.

    The one search request type: the search page, its htmx fragment, the JSON API and the
    alert digests build it once (``opportunities.params``), and the index, the database
    fallback and the presenters read it as it is. It holds the one cap: ``per_page`` is
    1 to ``MAX_PER_PAGE``, ``page`` 1 to :func:`last_page` (a value outside is moved to
    the nearest end; the parsers say so to people and refuse it to programs)."""

    q: str = ""
    kind: Sequence[str] = ()
    wijk: Sequence[str] = ()
    sector: Sequence[str] = ()
    hours: Sequence[str] = ()
    suitable_for: Sequence[str] = ()
    organisation_type: Sequence[str] = ()
    paid: bool | None = None
    level: Sequence[str] = ()
    route: Sequence[str] = ()
    leerbedrijf: Sequence[str] = ()
    stagevergoeding: Sequence[str] = ()
    sort: SortOrder = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def __post_init__(self) -> None:
        per_page = min(max(int(self.per_page or DEFAULT_PER_PAGE), 1), MAX_PER_PAGE)
        object.__setattr__(self, "per_page", per_page)
        object.__setattr__(self, "page", min(max(int(self.page or 1), 1), last_page(per_page)))
        if self.sort not in SORT_ORDERS:
            object.__setattr__(self, "sort", "relevance")

    @cached_property
    def _chosen(self) -> dict[str, tuple[str, ...]]:
        """Every facet's chosen values, worked out once: a page asks about a hundred
        times (filters, counts, links)."""
        chosen = {
            facet: tuple(dict.fromkeys(map(str, getattr(self, facet))))
            for facet in FACETS
            if facet != "paid"
        }
        chosen["paid"] = () if self.paid is None else (str(self.paid).lower(),)
        return {facet: values[:MAX_FILTER_VALUES] for facet, values in chosen.items()}

    def selected(self, facet: str) -> list[str]:
        """The chosen values of ``facet``: without repeats, at most ``MAX_FILTER_VALUES``."""
        return list(self._chosen[facet])


@dataclass(frozen=True)
class Segment:
    """A piece of highlighted text; render `text` escaped and wrap it when `highlighted`."""

    text: str
    highlighted: bool = False


@dataclass(frozen=True)
class SearchHit:
    ref: str
    title: tuple[Segment, ...]
    snippet: tuple[Segment, ...]
    document: Mapping[str, Any]


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResults:
    query: str
    items: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    total_hits: int
    total_pages: int
    page: int
    per_page: int
    sort: SortOrder = "relevance"
    words: tuple[str, ...] = field(default=())


def highlight_html(segments: Iterable[Segment]) -> Markup:
    """Escaped HTML for highlighted segments; safe to output in a Jinja2 template."""
    # <mark> is the only markup added; every text is escaped (concatenated, not a Markup
    # format per piece: twenty cards ask for it forty times per page).
    return Markup("").join(
        _MARK + escape(s.text) + _END_MARK if s.highlighted else escape(s.text) for s in segments
    )


# --- query normalisation -------------------------------------------------------------


def query_words(raw: str) -> list[str]:
    """Lowercase query words without control characters or stop words, at most ten."""
    text = clean_text(raw[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS].lower()
    stops = set(stop_words())
    tokens = [t.replace("’", "'") for t in _QUERY_TOKEN.findall(text)]
    kept = [t for t in tokens if t not in stops] or tokens
    return list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]


def expand_query(query_terms: Sequence[str]) -> str:
    """The query sent to Meilisearch, built from the resident's words.

    - A word the synonym list knows is kept as is, so its synonyms apply.
    - Any other compound is replaced by its parts: documents carry the same parts in
      `title_terms`/`terms`, and Meilisearch also matches adjacent parts against the whole
      word, so `zorgmedewerker` finds "medewerker ... zorg" and `magazijnmederwerker`
      (typo) still finds `magazijn`.
    - A word one or two letters away from a known term (`vrijwiliger`) also gets that term,
      because Meilisearch applies synonyms to exact words only.
    """
    expanded: list[str] = []
    known = known_terms()
    for word in query_terms:
        parts = () if word in known else split_compound(word)
        expanded += list(parts or (word,))
        if not parts and word not in known:
            expanded += _corrections(word, known)
    return " ".join(list(dict.fromkeys(expanded))[:MAX_QUERY_WORDS])


@cache
def known_terms() -> frozenset[str]:
    """Single words the search configuration knows: synonyms and compound parts."""
    vocabulary = compound_vocabulary()
    synonyms = {term for group in synonym_groups() for term in group if " " not in term}
    return frozenset(synonyms | vocabulary.parts | set(vocabulary.explicit))


def _corrections(word: str, known: frozenset[str]) -> list[str]:
    """Known terms within typo distance of `word`; only the closest, at most two.

    The distance is the optimal string alignment distance (a swap of two neighbouring
    letters counts once), without accents on either side, from rapidfuzz (C++)."""
    if len(word) < MIN_CORRECTION_LENGTH:
        return []
    limit = 1 if len(word) < 9 else 2
    plain, terms = _plain_terms(known)
    found = process.extract(
        _without_accents(word), plain, scorer=OSA.distance, score_cutoff=limit, limit=None
    )
    if not found:
        return []
    best = min(distance for _, distance, _ in found)
    return sorted(terms[index] for _, distance, index in found if distance == best)[:2]


@cache
def _plain_terms(known: frozenset[str]) -> tuple[list[str], list[str]]:
    """The known terms without accents, and the terms themselves at the same places."""
    terms = sorted(known)
    return [_without_accents(term) for term in terms], terms


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- filters -------------------------------------------------------------------------


def _quote(value: str) -> str:
    escaped = clean_text(value)[:100].replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _facet_filter(facet: str, values: Sequence[str]) -> str | None:
    if not values:
        return None
    attribute = FACETS[facet]
    if facet == "paid":
        return f"{attribute} = {values[0]}"
    return f"{attribute} IN [{', '.join(_quote(v) for v in values)}]"


def build_filter(search: OpportunitySearch, *, without: str | None = None) -> str:
    """Published AND every selected facet, leaving out `without` (for disjunctive counts)."""
    clauses = [PUBLISHED]
    for facet in FACETS:
        if facet != without:
            clause = _facet_filter(facet, search.selected(facet))
            if clause:
                clauses.append(clause)
    return " AND ".join(f"({c})" for c in clauses)


# --- search --------------------------------------------------------------------------


def last_page(per_page: int) -> int:
    """The last page Meilisearch serves: it never pages beyond maxTotalHits. The one cap
    on ``page``, for the search page and the API alike."""
    return max(math.ceil(max_total_hits() / max(per_page, 1)), 1)


def _main_query(uid: str, q: str, search: OpportunitySearch, facets: list[str]) -> dict[str, Any]:
    query: dict[str, Any] = {
        "indexUid": uid,
        "q": q,
        "filter": build_filter(search),
        "facets": facets,
        "page": search.page,
        "hitsPerPage": search.per_page,
        "matchingStrategy": MATCHING_STRATEGY,
        "attributesToRetrieve": list(SHOWN_ATTRIBUTES),
        "attributesToHighlight": ["title", "description"],
        "attributesToCrop": [f"description:{CROP_WORDS}"],
        "highlightPreTag": HIGHLIGHT_PRE,
        "highlightPostTag": HIGHLIGHT_POST,
        "cropMarker": "…",
    }
    if search.sort in SORTS:
        query["sort"] = SORTS[search.sort]
    return query


def _facet_query(uid: str, q: str, search: OpportunitySearch, facet: str) -> dict[str, Any]:
    return {
        "indexUid": uid,
        "q": q,
        "filter": build_filter(search, without=facet),
        "facets": [FACETS[facet]],
        "limit": 0,
        "matchingStrategy": MATCHING_STRATEGY,
    }


class _MultiSearchReply(msgspec.Struct):
    results: list[dict[str, Any]]


_decode_reply = msgspec.json.Decoder(_MultiSearchReply).decode


async def _multi_search(index: IndexLike, queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    body = msgspec.json.encode({"queries": queries})
    response = await index.http_client.post(
        "multi-search", content=body, headers={"Content-Type": "application/json"}
    )
    response.raise_for_status()
    # msgspec decodes the bytes in about a third of the standard library's time.
    return _decode_reply(response.content).results


async def search_opportunities(
    index: IndexLike, search: OpportunitySearch, *, last_page_past_the_end: bool = False
) -> SearchResults:
    """One page of published opportunities with disjunctive facet counts.

    A facet with a selection gets its counts from a second query without its own filter,
    so choosing "Boekelo" still shows how many there are in "Usselo"; all queries go in one
    multi-search round trip. With ``last_page_past_the_end``, a page past the last one
    shows the last one: only its hits are asked again, the counts stay (they do not
    depend on the page).
    """
    terms = query_words(search.q)
    q = expand_query(terms)
    selected = [f for f in FACETS if search.selected(f)]
    plain = [FACETS[f] for f in FACETS if f not in selected]
    queries = [_main_query(index.uid, q, search, plain)]
    queries += [_facet_query(index.uid, q, search, f) for f in selected]
    main, *per_facet = await _multi_search(index, queries)
    distribution = dict(main.get("facetDistribution") or {})
    for result in per_facet:
        distribution.update(result.get("facetDistribution") or {})
    last = int(main.get("totalPages", 0))
    if last_page_past_the_end and 0 < last < search.page:
        search = replace(search, page=last)
        (main,) = await _multi_search(index, [_main_query(index.uid, q, search, [])])
    return SearchResults(
        query=" ".join(terms),
        items=[_hit(h) for h in main["hits"]],
        facets={f: _facet_values(f, distribution.get(FACETS[f], {}), search) for f in FACETS},
        total_hits=_exact_total(int(main.get("totalHits", 0)), distribution, search),
        total_pages=int(main.get("totalPages", 0)),
        page=search.page,
        per_page=search.per_page,
        sort=search.sort,
        words=tuple(terms),
    )


def _exact_total(
    total_hits: int, distribution: Mapping[str, Any], search: OpportunitySearch
) -> int:
    """The number of matches, also beyond maxTotalHits.

    Meilisearch stops counting hits at maxTotalHits (1,000: "zorg" would show 1,000 of
    thousands), but counts facet values over every match. Every posting has exactly one
    kind, so the kind counts (of the chosen kinds, if any) add up to the exact number.
    """
    if total_hits < max_total_hits():
        return total_hits
    counts: Mapping[str, int] = distribution.get(FACETS["kind"]) or {}
    chosen = search.selected("kind")
    return max(total_hits, sum(n for kind, n in counts.items() if not chosen or kind in chosen))


def _facet_values(
    facet: str, counts: Mapping[str, int], search: OpportunitySearch
) -> list[FacetValue]:
    chosen = search.selected(facet)
    values = dict(counts)
    for value in chosen:
        values.setdefault(value, 0)  # a selection must stay visible (and removable) at 0
    labels = FACET_LABELS.get(facet, {})
    return [
        FacetValue(value=v, label=labels.get(v, v), count=int(n), selected=v in chosen)
        for v, n in sorted(values.items(), key=lambda item: (-item[1], item[0]))
    ]


def segments(text: str) -> tuple[Segment, ...]:
    """Split Meilisearch output with placeholder tags into plain/highlighted segments."""
    out: list[Segment] = []
    highlighted = False
    for piece in _HIGHLIGHT_SPLIT.split(text):
        if piece == HIGHLIGHT_PRE:
            highlighted = True
        elif piece == HIGHLIGHT_POST:
            highlighted = False
        elif piece:
            out.append(Segment(piece, highlighted))
    return tuple(out)


def _hit(hit: Mapping[str, Any]) -> SearchHit:
    formatted = hit.get("_formatted") or {}
    document = {k: v for k, v in hit.items() if not k.startswith("_")}
    return SearchHit(
        ref=str(hit["ref"]),
        title=segments(str(formatted.get("title", hit.get("title", "")))),
        snippet=segments(str(formatted.get("description", hit.get("description", "")))),
        document=document,
    )


# --- similar opportunities -----------------------------------------------------------


async def similar_opportunities(
    index: IndexLike, ref: str, limit: int = 4, document: Mapping[str, Any] | None = None
) -> list[SearchHit]:
    """Published opportunities like `ref`: first by title words, then shared skills and kind,
    then the same sector. One multi-search; results are merged in that order without
    duplicates, so the list is never empty while the sector has other openings.

    Pass `document` (as indexed) when you have it: fetching it needs `documents.get`, which
    a search-only key does not have."""
    if document is None:
        document = await _get_document(index, ref)
    if document is None:
        return []
    limit = min(max(limit, 1), 20)
    queries = _similar_queries(index.uid, document, limit)
    results = await _multi_search(index, queries)
    seen: dict[str, SearchHit] = {}
    for result in results:
        for hit in result["hits"]:
            seen.setdefault(str(hit["ref"]), _hit(hit))
    return list(seen.values())[:limit]


def _safe_ref(ref: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", ref)[:100]


async def _get_document(index: IndexLike, ref: str) -> dict[str, Any] | None:
    safe = _safe_ref(ref)
    if not safe:
        return None
    response = await index.http_client.get(f"indexes/{index.uid}/documents/{safe}")
    if response.status_code == 404:
        return None
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    return document


def _similar_queries(uid: str, document: Mapping[str, Any], limit: int) -> list[dict[str, Any]]:
    not_self = f"{PUBLISHED} AND ref != {_quote(str(document['ref']))}"
    skills = [_quote(s) for s in document.get("skills") or []][:MAX_FILTER_VALUES]
    title_words = query_words(str(document.get("title", "")))
    base: dict[str, Any] = {"indexUid": uid, "limit": limit}
    queries = [
        {**base, "q": expand_query(title_words), "filter": not_self, "matchingStrategy": "last"}
    ]
    if skills:
        shared = f"{not_self} AND skills IN [{', '.join(skills)}]"
        kind = f"kind = {_quote(str(document.get('kind', '')))}"
        queries.append({**base, "q": "", "filter": f"{shared} AND {kind}"})
    sector = f"sector = {_quote(str(document.get('sector', '')))}"
    queries.append({**base, "q": "", "filter": f"{not_self} AND {sector}"})
    return queries
