"""What the search templates show, prepared from a search and its results.

All state lives in the URL: every link here is a complete ``/kansen?…`` address, so it
works as a plain link, with htmx, in a bookmark and after a reload.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any
from urllib.parse import urlencode

from meedoen import formatting, labels
from meedoen.formatting import day
from meedoen.i18n import current_language, gettext, ngettext
from meedoen.opportunities.cards import Card, card_for
from meedoen.opportunities.jsonld import script_json
from meedoen.opportunities.labels import (
    FACET_VALUES,
    facet_label,
    facet_legend,
    language_explanation,
)
from meedoen.opportunities.params import ParsedSearch, sort_choices
from meedoen.opportunities.service import Findings, PublicOpportunity
from meedoen.opportunities.stages import stage_summary, work_time_text
from meedoen.opportunities.travel import TravelFromHome
from meedoen.search.query import (
    DEFAULT_PER_PAGE,
    FACETS,
    OpportunitySearch,
    SearchHit,
    SearchResults,
    highlight_html,
)
from meedoen.text_language import text_language

SEARCH_PATH = "/kansen"
# Broad searches that always find something in Enschede West.
SUGGESTED_SEARCHES = ("vrijwilligerswerk", "tuin", "koken", "winkel", "computer", "zorg")


def query_pairs(search: OpportunitySearch, *, page: int | None = None) -> list[tuple[str, str]]:
    """The search as URL query pairs; defaults are left out so URLs stay short."""
    pairs: list[tuple[str, str]] = []
    if search.q:
        pairs.append(("q", search.q))
    for facet in FACETS:
        pairs += [(facet, value) for value in search.selected(facet)]
    if search.sort != "relevance":
        pairs.append(("sort", search.sort))
    if search.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(search.per_page)))
    page = search.page if page is None else page
    if page > 1:
        pairs.append(("page", str(page)))
    return pairs


def search_url(search: OpportunitySearch, *, page: int | None = None) -> str:
    pairs = query_pairs(search, page=page)
    return f"{SEARCH_PATH}?{urlencode(pairs)}" if pairs else SEARCH_PATH


first_upper = labels.first_upper


def option_id(facet: str, value: str) -> str:
    """A stable HTML id for a facet option (values hold spaces and apostrophes)."""
    return f"filter-{facet}-{hashlib.sha1(value.encode()).hexdigest()[:8]}"  # noqa: S324 - an id, not security


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    id: str


@dataclass(frozen=True)
class FacetGroup:
    name: str
    legend: str
    options: list[FacetOption]
    collapsible: bool

    @property
    def any_selected(self) -> bool:
        return any(o.selected for o in self.options)


def facet_groups(results: SearchResults) -> list[FacetGroup]:
    """Every facet with every known value, in a fixed order so options never jump about
    while the counts change under an active search."""
    groups = []
    language = current_language()
    for facet in FACETS:
        counted = {f.value: f for f in results.facets.get(facet, [])}
        others = sorted(set(counted) - set(FACET_VALUES[facet]))
        named = _known_options(facet, language) + tuple(_option(facet, v) for v in others)
        options = [
            FacetOption(
                value=value,
                label=label,
                count=counted[value].count if value in counted else 0,
                selected=counted[value].selected if value in counted else False,
                id=html_id,
            )
            for value, label, html_id in named
        ]
        if facet == "sector":
            options.sort(key=lambda o: o.label.casefold())
        groups.append(FacetGroup(facet, facet_legend(facet), options, len(options) > 7))
    return groups


@cache
def _known_options(facet: str, language: str) -> tuple[tuple[str, str, str], ...]:
    """Value, label and id of each known value of ``facet``, once per process and
    language (``language`` is the current one: the labels are translated)."""
    return tuple(_option(facet, value) for value in FACET_VALUES[facet])


def _option(facet: str, value: str) -> tuple[str, str, str]:
    return value, first_upper(facet_label(facet, value)), option_id(facet, value)


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_url: str


def active_filters(search: OpportunitySearch) -> list[ActiveFilter]:
    """Each chosen filter with a link to the same search without it."""
    found = []
    for facet in FACETS:
        for value in search.selected(facet):
            without = _without(search, facet, value)
            label = f"{facet_legend(facet)}: {facet_label(facet, value)}"
            found.append(ActiveFilter(label, search_url(replace(without, page=1))))
    return found


def _without(search: OpportunitySearch, facet: str, value: str) -> OpportunitySearch:
    if facet == "paid":
        return replace(search, paid=None)
    remaining = tuple(v for v in search.selected(facet) if v != value)
    changes: dict[str, Any] = {facet: remaining}
    return replace(search, **changes)


def result_cards(results: SearchResults, travel: TravelFromHome | None = None) -> list[Card]:
    """Hits as cards, with their highlighted title and snippet as safe HTML (only <mark>
    is added)."""
    return [
        card_for(
            hit.document,
            travel=travel,
            title=highlight_html(hit.title),
            snippet=highlight_html(hit.snippet),
        )
        for hit in results.items
    ]


def count_text(results: SearchResults) -> str:
    """'2.345 kansen gevonden': exact, also beyond the 1.000 results one can page through."""
    total = results.total_hits
    return ngettext(
        "%(num)s kans gevonden", "%(num)s kansen gevonden", total, num=formatting.number(total)
    )


def suggestions(search: OpportunitySearch, results: SearchResults) -> list[tuple[str, str]]:
    """Other searches to try when nothing was found: single words, then broad ones."""
    words: Sequence[str] = results.words if len(results.words) > 1 else ()
    blank = OpportunitySearch(sort=search.sort)
    terms = [w for w in words] + [s for s in SUGGESTED_SEARCHES if s not in words]
    return [(term, search_url(replace(blank, q=term))) for term in terms[:6]]


def search_context(
    parsed: ParsedSearch, findings: Findings, travel: TravelFromHome | None = None
) -> dict[str, Any]:
    """Everything the search page and its results fragment need."""
    results = findings.results
    search = replace(parsed.search, page=results.page)
    notices = list(parsed.notices)
    if results.page < parsed.search.page:
        notices.append(
            gettext(
                "Pagina %(asked)s bestaat niet. Je ziet nu de laatste pagina.",
                asked=parsed.search.page,
            )
        )
    return {
        "search": search,
        "results": results,
        "cards": result_cards(results, travel),
        "first_number": (results.page - 1) * results.per_page + 1,
        "degraded": findings.degraded,
        "notices": notices,
        "facets": facet_groups(results),
        # Every filter a search can have, for the save-search form (alerts/_save_search.html).
        "facet_names": tuple(FACETS),
        "active_filters": active_filters(search),
        # The pagination macro asks for each page's URL: the search's own, filters and all.
        "page_url": lambda number: search_url(search, page=number),
        "count_text": count_text(results),
        "announcement": (
            gettext("%(count)s voor ‘%(q)s’", count=count_text(results), q=search.q)
            if search.q
            else count_text(results)
        ),
        "suggestions": suggestions(search, results) if not results.total_hits else [],
        "without_words_url": search_url(replace(search, q="", page=1)) if search.q else None,
        "sort_choices": sort_choices(),
        "page_title": (
            gettext("Kansen met ‘%(q)s’", q=search.q) if search.q else gettext("Kansen zoeken")
        ),
    }


# --- detail page ---------------------------------------------------------------------


def detail_context(
    item: PublicOpportunity,
    similar: Sequence[SearchHit],
    posting: dict[str, Any] | None,
    base_url: str,
    travel: TravelFromHome | None = None,
) -> dict[str, Any]:
    """Everything the detail page needs; ``posting`` is the JobPosting (None when closed)."""
    o = item.opportunity
    organisation = item.organisation
    text = " ".join(str(o.get(f) or "") for f in ("title", "description", "what_you_learn"))
    return {
        "item": item,
        "o": o,
        "organisation": item.organisation,
        "closed": item.is_closed,
        "language": language_explanation(str(o.get("language_level") or "")),
        "suitable_labels": [facet_label("suitable_for", s) for s in o.get("suitable_for") or []],
        "with_guidance": "met_begeleiding" in (o.get("suitable_for") or []),
        "start": day(o.get("start_date")),
        "end": day(o.get("end_date")),
        "posted": day(o.get("created_at")),
        "minutes": travel.minutes_to(o.get("wijk"), o.get("postcode")) if travel else None,
        "home": travel.home if travel else "",
        "text_lang": text_language(text),
        "organisation_lang": text_language(str(organisation.get("description") or "")),
        "sector_label": facet_label("sector", str(o.get("sector") or "")),
        "organisation_type": first_upper(
            facet_label("organisation_type", str(organisation.get("type")))
        ),
        "canonical_url": f"{base_url}/kansen/{item.ref}",
        "similar": [card_for(hit.document, travel=travel) for hit in similar],
        "posting_json": script_json(posting) if posting else None,
        "stage_facts": stage_summary(o),
        "work_time": work_time_text(o),
        # Only once an administrator confirmed it in SBB's register.
        "recognised_company": bool(organisation.get("leerbedrijf_confirmed_at")),
    }
