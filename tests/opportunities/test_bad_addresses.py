"""Whatever is typed into the address bar, /kansen answers with a page that helps.

The search page is lenient: what it cannot use is left out, and a notice says what and
why. The JSON API is strict instead: a 400 whose message names the problem.
"""

from __future__ import annotations

import pytest

TEN_KB = "tuin " * 2048

BAD_ADDRESSES = [
    ("kind=ruimtevaart", "‘ruimtevaart’ kennen we niet als keuze bij ‘Soort kans’"),
    ("page=0", "Het paginanummer ‘0’ klopt niet"),
    ("page=-3", "Het paginanummer ‘-3’ klopt niet"),
    ("page=twee", "Het paginanummer ‘twee’ klopt niet"),
    ("page=" + "9" * 5000, "Het paginanummer"),
    ("per_page=abc", "Het aantal per pagina ‘abc’ klopt niet"),
    ("per_page=100000", "Het aantal per pagina"),
    ("sort=willekeurig", "De volgorde ‘willekeurig’ kennen we niet"),
    ("paid=misschien", "‘misschien’ kennen we niet als keuze bij ‘Betaald of onbetaald’"),
    ("wijk=Atlantis", "‘Atlantis’ kennen we niet als keuze bij ‘Wijk’"),
    (f"q={TEN_KB}", "Je zoekvraag is te lang"),
]


@pytest.fixture
async def searchable(corpus, indexed):
    await indexed()


@pytest.mark.parametrize(("query", "notice"), BAD_ADDRESSES)
async def test_the_search_page_leaves_out_what_it_cannot_use_and_says_so(
    client, searchable, query, notice
):
    response = await client.get(f"/kansen?{query}")

    assert response.status_code == 200
    assert "Niet alles in je zoekopdracht klopte" in response.text
    assert notice in response.text
    assert "kansen gevonden" in response.text or "kans gevonden" in response.text


async def test_a_page_far_past_the_end_shows_the_last_page(client, searchable):
    response = await client.get("/kansen?kind=dagbesteding&page=1000000000")

    assert response.status_code == 200
    assert "Je ziet nu de laatste pagina" in response.text
    assert 'aria-current="page"' in response.text


async def test_control_characters_and_broken_encoding_are_ignored(client, searchable):
    response = await client.get("/kansen?q=%00t%01u%1bin%ff%fe&kind=stage%00")

    assert response.status_code == 200
    assert "\x00" not in response.text and "\x1b" not in response.text


async def test_known_values_are_not_fussy_about_capitals(client, searchable):
    response = await client.get("/kansen?kind=STAGE&wijk=stadsveld")

    assert response.status_code == 200
    assert "Niet alles in je zoekopdracht klopte" not in response.text
    assert 'value="stage" checked' in response.text and 'value="Stadsveld" checked' in response.text


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("kind=ruimtevaart", "kind"),
        ("page=0", "page"),
        ("page=1000000000", "page"),
        ("page=twee", "page"),
        ("per_page=abc", "per_page"),
        ("per_page=51", "per_page"),
        ("wijk=Atlantis", "wijk"),
        (f"q={TEN_KB}", "zoekvraag"),
        ("q=%00%01", None),
    ],
)
async def test_the_api_says_which_parameter_is_wrong(client, searchable, query, names):
    response = await client.get(f"/api/v1/opportunities?{query}")

    if names is None:  # control characters alone are just an empty search
        assert response.status_code == 200
        return
    assert response.status_code == 400
    body = response.json()
    assert body["status_code"] == 400
    assert names in body["detail"]
