"""Honest counts at city scale (issue 19). Meilisearch stops counting hits at maxTotalHits
(1,000), so "zorg" among thousands of postings said "1000 kansen gevonden". It does count
facet values over every match, and every posting has one kind: the page and the API show
the exact number, while the pages still stop at the first 1,000 results."""

from __future__ import annotations

import uuid

import pytest

from meedoen.opportunities.api import opportunity_page
from meedoen.opportunities.presenters import count_text
from meedoen.search.index_definitions import (
    apply_settings_if_changed,
    max_total_hits,
    primary_key,
    wait_for_task,
)
from meedoen.search.query import OpportunitySearch, search_opportunities

POSTINGS = 2_100
KINDS = ("betaald_werk", "vrijwilligerswerk", "stage")  # 700 of each


def posting(n: int) -> dict[str, object]:
    return {
        primary_key(): f"cap-{n:05d}",
        "title": f"Zorgmedewerker thuiszorg {n}",
        "description": "Je helpt ouderen in de wijk met de zorg thuis.",
        "kind": KINDS[n % len(KINDS)],
        "wijk": ("Stadsveld", "Boswinkel")[n % 2],
        "status": "open",
        "organisation_verified": True,
    }


@pytest.fixture(scope="module")
async def crowded(runtime):  # type: ignore[no-untyped-def]
    """An index with the opportunities settings and more matches than maxTotalHits."""
    client = runtime.search.writer
    uid = runtime.search.index_name(f"opportunities_cap_{uuid.uuid4().hex[:8]}")
    created = await client.http_client.post(
        "indexes", json={"uid": uid, "primaryKey": primary_key()}
    )
    assert created.status_code == 202, created.text
    await wait_for_task(client.http_client, int(created.json()["taskUid"]))
    index = client.index(uid)
    await apply_settings_if_changed(index)
    added = await client.http_client.post(
        f"indexes/{uid}/documents", json=[posting(n) for n in range(POSTINGS)]
    )
    await wait_for_task(client.http_client, int(added.json()["taskUid"]))
    yield runtime.search.reader.index(uid)  # the app searches with the search-only key
    await client.http_client.delete(f"indexes/{uid}")


async def test_more_matches_than_the_cap_are_counted_exactly(crowded):
    results = await search_opportunities(crowded, OpportunitySearch(q="zorg"))

    assert max_total_hits() < POSTINGS
    assert results.total_hits == POSTINGS
    # Paging still stops at the first 1,000.
    assert results.total_pages == max_total_hits() // results.per_page


async def test_with_chosen_kinds_the_count_is_theirs(crowded):
    two_kinds = OpportunitySearch(q="zorg", kind=("stage", "betaald_werk"))
    one_wijk = OpportunitySearch(q="zorg", kind=KINDS, wijk=("Boswinkel",))

    assert (await search_opportunities(crowded, two_kinds)).total_hits == 1_400
    assert (await search_opportunities(crowded, one_wijk)).total_hits == 1_050


async def test_below_the_cap_the_count_is_the_search_engines(crowded):
    results = await search_opportunities(crowded, OpportunitySearch(q="zorg", kind=("stage",)))

    assert results.total_hits == 700


async def test_page_and_api_say_the_exact_number(crowded):
    results = await search_opportunities(crowded, OpportunitySearch(q="zorg"))

    assert count_text(results) == "2.100 kansen gevonden"
    assert opportunity_page(results, False, "https://example.org").total == POSTINGS
