"""/kansen: a resident types what they want to do and narrows it down with filters.

These run against the real Meilisearch index built from the 400-posting demo corpus.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from opportunities.conftest import result_refs

# Graded by reading the postings (see tests/search): 2 = exactly this, 1 = relevant.
JUDGED = {
    row["query"]: row["relevant"]
    for row in map(
        json.loads, (Path(__file__).parents[1] / "search" / "judged_queries.jsonl").open()
    )
}


@pytest.fixture
async def searchable(corpus, indexed):
    await indexed()


async def search_page(client, query: str = "", **headers: str):
    response = await client.get("/kansen" + (f"?{query}" if query else ""), headers=headers)
    assert response.status_code == 200, response.text[:500]
    return response


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("magazijnmederwerker", "a typo"),
        ("magazijn", "the first part of the compound Magazijnmedewerker"),
        ("bijbaan", "a synonym: side jobs that never say 'bijbaan'"),
        ("warehouse", "English"),
        ("chaufeur", "a typo"),
    ],
)
async def test_what_a_resident_types_finds_the_right_postings_first(client, searchable, typed, why):
    page = await search_page(client, f"q={typed}")

    top = result_refs(page.text)[:5]
    grades = [JUDGED[typed].get(ref, 0) for ref in top]
    assert grades[0] == 2, f"{why}: best first, got {top}"
    assert sum(g > 0 for g in grades) >= 4, f"{why}: relevant near the top, got {top}"


async def test_matches_are_highlighted(client, searchable):
    page = await search_page(client, "q=magazijn")

    assert "<mark>Magazijn</mark>medewerker" in page.text


async def test_a_filter_narrows_the_results_and_every_option_shows_its_count(client, searchable):
    everything = await search_page(client)
    stages = await search_page(client, "kind=stage")

    count = int(
        re.search(
            r'id="filter-kind-[0-9a-f]+-aantal">\((\d+)\)</span>', _option(everything.text, "stage")
        ).group(1)
    )
    assert count > 0
    assert f"{count} kansen gevonden" in stages.text
    assert 'value="stage" checked' in stages.text
    # Other kinds keep their own counts, so a resident sees what choosing them would give.
    assert re.search(r"Vrijwilligerswerk <span[^>]*>\((\d+)\)", stages.text).group(1) != "0"


def _option(page: str, value: str) -> str:
    start = page.index(f'value="{value}"')
    return page[start : page.index("</label>", start)]


async def test_filters_combine_or_within_a_group_and_and_between_groups(client, searchable):
    stage = await search_page(client, "kind=stage")
    both_kinds = await search_page(client, "kind=stage&kind=vrijwilligerswerk")
    stage_in_westerval = await search_page(client, "kind=stage&wijk=Bedrijventerrein+Westerval")

    assert _total(both_kinds.text) > _total(stage.text)
    assert 0 < _total(stage_in_westerval.text) < _total(stage.text)


def _total(page: str) -> int:
    return int(re.search(r"(\d+) kansen? gevonden", page).group(1))


async def test_the_url_holds_the_whole_search_and_loads_the_same_page(client, searchable):
    query = "q=koken&kind=vrijwilligerswerk&sort=newest&page=2&per_page=5"
    first = await search_page(client, query)
    again = await search_page(client, query)

    assert result_refs(first.text) == result_refs(again.text)
    assert 'value="koken"' in first.text
    assert '<option value="newest" selected>' in first.text
    # Page links keep every choice and change only the page.
    link = html_lib.unescape(re.search(r'rel="next"\s+href="([^"]+)"', first.text).group(1))
    assert dict(parse_qsl(urlsplit(link).query)) == {
        "q": "koken",
        "kind": "vrijwilligerswerk",
        "sort": "newest",
        "per_page": "5",
        "page": "3",
    }
    assert 'aria-current="page"' in first.text and ">2</a>" in first.text


async def test_pages_are_numbered_exactly(client, searchable):
    page = await search_page(client, "per_page=10&page=3")

    total = _total(page.text)
    assert re.search(rf'aria-label="Pagina {-(-total // 10)}"', page.text)
    assert result_refs(page.text) and len(result_refs(page.text)) == 10
    assert re.search(r'<ol class="meedoen-card-list meedoen-kansen__cards" start="21">', page.text)


async def test_htmx_gets_only_the_results_and_caches_keep_page_and_fragment_apart(
    client, searchable
):
    full = await search_page(client, "q=tuin")
    fragment = await search_page(client, "q=tuin", **{"HX-Request": "true"})

    assert "HX-Request" in fragment.headers["vary"] and "HX-Request" in full.headers["vary"]
    assert "<html" not in fragment.text and "<form" not in fragment.text
    assert result_refs(fragment.text) == result_refs(full.text)
    # The live region and the facet counts are updated out of band.
    assert 'id="resultaat-melding" data-hx-swap-oob="innerHTML"' in fragment.text
    assert 'data-hx-swap-oob="true"' in fragment.text
    # The full page includes the same fragment, without the out-of-band parts.
    assert 'aria-live="polite"' in full.text and "data-hx-swap-oob" not in full.text


async def test_the_search_form_works_without_javascript_and_upgrades_with_htmx(client, searchable):
    page = await search_page(client)

    form = re.search(r"<form[^>]*id=\"zoekformulier\"[^>]*>", page.text).group(0)
    assert 'method="get"' in form and 'action="/kansen"' in form
    assert 'data-hx-get="/kansen"' in form and 'data-hx-push-url="true"' in form
    assert 'data-hx-target="#resultaten"' in form and "from:input[name=q]" in form
    assert '<label class="utrecht-form-label meedoen-search__label" for="zoekvraag">' in page.text
    assert 'type="submit">Zoeken</button>' in page.text
    legends = re.findall(r'<legend class="[^"]*">([^<]+)</legend>', page.text)
    assert legends == [
        "Soort kans",
        "Wijk",
        "Sector",
        "Uren per week",
        "Geschikt voor",
        "Soort organisatie",
        "Betaald of onbetaald",
        "Niveau van je opleiding",
        "Leerweg (mbo)",
        "Erkend leerbedrijf",
        "Stagevergoeding",
    ]


async def test_nothing_found_offers_to_remove_each_filter_and_other_searches(client, searchable):
    page = await search_page(client, "q=ruimtevaart&kind=stage&wijk=Boekelo")

    assert "We vonden geen kansen" in page.text
    assert 'href="/kansen?q=ruimtevaart&amp;wijk=Boekelo"' in page.text  # without Stage
    assert 'href="/kansen?q=ruimtevaart&amp;kind=stage"' in page.text  # without Boekelo
    assert 'href="/kansen?kind=stage&amp;wijk=Boekelo"' in page.text  # without the words
    assert 'href="/kansen?q=tuin"' in page.text


async def test_english_visitors_read_english(client, searchable):
    client.cookies.set("taal", "en")
    page = await client.get("/kansen?q=tuin")

    assert "Find opportunities" in page.text or "What do you want to do?" in page.text
    assert "Wat wil je doen?" not in page.text


async def test_a_stored_script_in_a_title_stays_text_everywhere(client, postings, indexed):
    evil = '<script>alert("kans")</script> Tuinhulp'
    ref = await postings.posting(title=evil, description="Tuinhulp </script><b>vet</b>")
    await indexed()

    page = await search_page(client, "q=tuinhulp")
    fragment = await search_page(client, "q=tuinhulp", **{"HX-Request": "true"})
    detail = await client.get(f"/kansen/{ref}")

    for html in (page.text, fragment.text, detail.text):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html or "&lt;script&gt;" in html
        assert "<b>vet</b>" not in html
    posting = json.loads(_json_ld(detail.text))
    assert posting["title"] == evil
    assert "</script>" not in _json_ld(detail.text) and "\\u003c/script\\u003e" in _json_ld(
        detail.text
    )


def _json_ld(page: str) -> str:
    return re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)


async def test_the_results_come_right_after_the_search_box_with_the_save_box_above_them(
    client, searchable, signed_in_as
):
    await signed_in_as("resident")
    page = (await search_page(client, "q=tuin&kind=vrijwilligerswerk")).text
    total = _total(page)

    # On a phone: the search box, the "Filters" link, the save-search box, the results;
    # the filters themselves are a panel (#filters) the link opens over the page.
    order = [
        page.index('id="zoekvraag"'),
        page.index('href="#filters"'),
        page.index('id="bewaar-zoekopdracht"'),
        page.index('id="resultaten"'),
    ]
    assert order == sorted(order)
    assert re.search(r'href="#filters">\s*<span id="filters-aantal">Filters <span[^>]*>\(1', page)
    assert f'<span id="toon-aantal">Toon {total} kansen</span>' in page
    # The save-search controls belong to their own POST form, outside the search form.
    assert '<form id="bewaar-formulier" method="post" action="/zoekopdrachten">' in page
    assert 'form="bewaar-formulier" name="q" value="tuin"' in page
    assert 'form="bewaar-formulier" name="kind" value="vrijwilligerswerk"' in page


async def test_htmx_results_carry_the_new_count_for_the_filter_button(client, searchable):
    fragment = await search_page(client, "kind=stage", **{"HX-Request": "true"})
    total = _total(fragment.text)

    assert f'<span id="toon-aantal" data-hx-swap-oob="true">Toon {total} kans' in fragment.text
    assert '<span id="filters-aantal" data-hx-swap-oob="true">Filters' in fragment.text
