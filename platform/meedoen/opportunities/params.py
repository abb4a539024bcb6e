"""The one search request, built once from the URL query: lenient for people, strict
for the API.

The search page (and its htmx fragment, and a saved alert) never fails on a bad address:
:func:`parse_search` leaves out what it cannot use and says so (``notices``). The JSON
API is for programs, which are better served by a 400 that names the problem: Litestar
checks its typed parameters against the same vocabularies and caps, and
:func:`api_search` refuses the rest (a query too long, a page past the last) — from the
typed values, never turning them back into text. Both give an ``OpportunitySearch``,
which holds the one cap on page size and page number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from meedoen.i18n import N_, gettext
from meedoen.opportunities.labels import FACET_VALUES, SORT, facet_legend
from meedoen.search.documents import clean_text
from meedoen.search.query import (
    DEFAULT_PER_PAGE,
    FACETS,
    MAX_FILTER_VALUES,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SORT_ORDERS,
    OpportunitySearch,
    SortOrder,
    last_page,
)
from meedoen.web.errors import UserFacingHTTPException

__all__ = ["DEFAULT_PER_PAGE", "ParsedSearch", "api_search", "parse_search", "sort_choices"]

TRUE_WORDS = {"true", "1", "ja", "yes"}
FALSE_WORDS = {"false", "0", "nee", "no"}
SHOWN_VALUE_CHARS = 40
# Each facet's known values by their case-folded spelling, once per process.
KNOWN_VALUES: Mapping[str, Mapping[str, str]] = {
    facet: {value.casefold(): value for value in values} for facet, values in FACET_VALUES.items()
}
PAGE_PROBLEM = N_(
    "Het paginanummer ‘%(value)s’ klopt niet. Kies een heel getal van 1 tot en met %(max)s."
)
PER_PAGE_PROBLEM = N_(
    "Het aantal per pagina ‘%(value)s’ klopt niet. Kies een heel getal van 1 tot en met %(max)s."
)


@dataclass(frozen=True)
class ParsedSearch:
    search: OpportunitySearch
    notices: tuple[str, ...] = field(default=())


class _Problems:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        if self.strict:
            raise UserFacingHTTPException(status_code=400, detail=message)
        self.messages.append(message)


def parse_search(params: Mapping[str, Sequence[str]]) -> ParsedSearch:
    """The search in query parameters (name -> all its values), for people: what cannot
    be used is left out, and ``notices`` say what."""
    problems = _Problems(strict=False)
    per_page = _number(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE, problems)
    page = _number(params, "page", 1, last_page(per_page), problems)
    facets: dict[str, Any] = {
        facet: _facet_values(facet, params.get(facet, ()), problems)
        for facet in FACETS
        if facet != "paid"
    }
    search = OpportunitySearch(
        q=_query(_first(params, "q"), problems),
        paid=_paid(params.get("paid", ()), problems),
        sort=_sort(params, problems),
        page=page,
        per_page=per_page,
        **facets,
    )
    return ParsedSearch(search, tuple(dict.fromkeys(problems.messages)))


def api_search(
    *,
    q: str,
    facets: Mapping[str, Sequence[str] | None],
    paid: bool | None,
    sort: SortOrder,
    page: int,
    per_page: int,
) -> OpportunitySearch:
    """The search from the API's parameters, which Litestar has already typed and checked
    against the vocabularies and ``MAX_PER_PAGE``; a 400 for a page past the last one
    Meilisearch serves or a query that is too long."""
    problems = _Problems(strict=True)
    highest = last_page(per_page)
    if page > highest:
        problems.add(gettext(PAGE_PROBLEM, value=str(page), max=highest))
    chosen = {
        facet: tuple(dict.fromkeys(facets.get(facet) or ()))[:MAX_FILTER_VALUES]
        for facet in FACETS
        if facet != "paid"
    }
    return OpportunitySearch(
        q=_query(q, problems), paid=paid, sort=sort, page=page, per_page=per_page, **chosen
    )


def _first(params: Mapping[str, Sequence[str]], name: str) -> str:
    values = params.get(name) or ()
    return str(values[0]) if values else ""


def _shown(value: str) -> str:
    value = clean_text(value).strip()
    return value if len(value) <= SHOWN_VALUE_CHARS else value[:SHOWN_VALUE_CHARS] + "…"


def _query(raw: str, problems: _Problems) -> str:
    text = " ".join(clean_text(raw[: MAX_QUERY_CHARS * 8]).split())
    if len(text) > MAX_QUERY_CHARS:
        problems.add(
            gettext(
                "Je zoekvraag is te lang. Gebruik hoogstens %(max)s tekens.",
                max=MAX_QUERY_CHARS,
            )
        )
        text = text[:MAX_QUERY_CHARS]
    return text


def _number(
    params: Mapping[str, Sequence[str]],
    name: str,
    default: int,
    highest: int,
    problems: _Problems,
) -> int:
    raw = _first(params, name).strip()
    if not raw:
        return default
    digits = raw.isascii() and raw.isdigit()
    number = int(raw) if digits and len(raw) <= 12 else None
    if number is not None and 1 <= number <= highest:
        return number
    message = PAGE_PROBLEM if name == "page" else PER_PAGE_PROBLEM
    problems.add(gettext(message, value=_shown(raw), max=highest))
    # Too high a page is most likely an old link: show the last page rather than the first.
    return highest if digits and (number is None or number > highest) else default


def _facet_values(facet: str, raw: Sequence[str], problems: _Problems) -> tuple[str, ...]:
    allowed = KNOWN_VALUES[facet]
    chosen: list[str] = []
    for value in raw:
        value = str(value).strip()
        if not value:
            continue
        known = allowed.get(clean_text(value).casefold())
        if known is None:
            problems.add(
                gettext(
                    "‘%(value)s’ kennen we niet als keuze bij ‘%(field)s’. Die keuze laten we weg.",
                    value=_shown(value),
                    field=facet_legend(facet),
                )
            )
        elif known not in chosen:
            chosen.append(known)
    return tuple(chosen[:MAX_FILTER_VALUES])


def _paid(raw: Sequence[str], problems: _Problems) -> bool | None:
    wanted: set[bool] = set()
    for value in raw:
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            wanted.add(True)
        elif word in FALSE_WORDS:
            wanted.add(False)
        elif word:
            problems.add(
                gettext(
                    "‘%(value)s’ kennen we niet als keuze bij ‘%(field)s’. Die keuze laten we weg.",
                    value=_shown(word),
                    field=facet_legend("paid"),
                )
            )
    # Both ticked means either is fine: no filter.
    return wanted.pop() if len(wanted) == 1 else None


def _sort(params: Mapping[str, Sequence[str]], problems: _Problems) -> SortOrder:
    raw = _first(params, "sort").strip()
    for order in SORT_ORDERS:
        if raw == order:
            return order
    if raw:
        problems.add(
            gettext(
                "De volgorde ‘%(value)s’ kennen we niet. We laten zien wat het best past.",
                value=_shown(raw),
            )
        )
    return "relevance"


def sort_choices() -> list[tuple[str, str]]:
    return [(order, gettext(SORT[order])) for order in SORT_ORDERS]
