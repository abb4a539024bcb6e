"""Filters live in the URL; whatever is typed there, the page answers without an error."""

import pytest

BAD = [
    "van=gisteren",
    "van=2026-13",
    "tot=2026-00",
    "van=2026-05&tot=2026-01",
    "van=1900-01",
    "van=2000-01&tot=2026-12",
    "wijk=Atlantis",
    "wijk=%00",
    "van=%F0%9F%98%80",
    "van=2026-01&van=2026-02",
    "wijk=<script>",
    "tot=9999999999999-01",
    "format=xlsx",
    "van=",
    "van=2026-1",
]


@pytest.mark.parametrize("query", BAD)
async def test_bad_filters_show_the_default_period_with_a_message(
    history, client, signed_in_as, query
):
    await signed_in_as("admin")
    response = await client.get(f"/doelen?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1].split("</main>", 1)[0].replace(
        "<script src", ""
    )
    export = await client.get(f"/doelen/export/trend.csv?{query}")
    assert export.status_code == 200


async def test_a_good_filter_is_kept_in_the_url_form_and_htmx_gets_the_fragment(
    history, client, signed_in_as
):
    await signed_in_as("admin")
    page = await client.get("/doelen?van=2026-01&tot=2026-03&wijk=Pathmos")
    assert 'value="2026-01"' in page.text and '<option value="Pathmos" selected>' in page.text
    assert "Periode: 1 januari 2026 tot en met 31 maart 2026." in page.text
    fragment = await client.get("/doelen?van=2026-01&tot=2026-03", headers={"HX-Request": "true"})
    assert (
        fragment.text.lstrip().startswith('<div id="doelen-cijfers"')
        and "<html" not in fragment.text
    )
    assert "HX-Request" in fragment.headers["vary"].split(",")


async def test_unknown_downloads_are_not_found(history, client, signed_in_as):
    await signed_in_as("admin")
    for name in ("geheim.csv", "trend.pdf", "trend", "..%2F..%2Fetc.csv"):
        assert (await client.get(f"/doelen/export/{name}")).status_code == 404, name
