"""When Meilisearch is away, residents can still find kansen: a simpler search answers
from the database, says so, and the index catches up from the outbox afterwards."""

from __future__ import annotations

import dataclasses
import re

import pytest

from meedoen.matching.documents import opportunity_documents
from meedoen.opportunities.fallback import published
from meedoen.opportunities.service import save_opportunity, search_documents
from meedoen.organisations.service import organisation_id
from opportunities.conftest import a_posting, result_refs
from support.app import app_client
from support.waiting import eventually

NOTICE = "Zoeken werkt nu beperkt"


async def published_in_database() -> set[tuple[str, str]]:
    return {(d["ref"], d["title"]) for d in await search_documents(where=published())}


async def everything_in_index(indexer) -> list[dict]:
    response = await indexer.client.http_client.get(
        f"indexes/{indexer.index_uid}/documents",
        params={"limit": 100_000, "fields": "ref,title,status,organisation_verified"},
    )
    response.raise_for_status()
    return response.json()["results"]


async def index_equal_to_database(indexer, indexed) -> None:
    """Start from an index that equals the database (other tests may have emptied tables)."""
    await indexed()
    documents = await opportunity_documents()
    in_database = {d["ref"] for d in documents}
    await indexer.delete({d["ref"] for d in await everything_in_index(indexer)} - in_database)
    await indexer.upsert(documents)


async def test_search_answers_from_the_database_while_meilisearch_is_down(
    client, meili, corpus, indexer, indexed, postings
):
    await index_equal_to_database(indexer, indexed)
    meili.server.stop()
    try:
        page = await client.get("/kansen?q=magazijn")
        fragment = await client.get(
            "/kansen?q=magazijn&kind=betaald_werk", headers={"HX-Request": "true"}
        )
        filtered = await client.get("/kansen?kind=stage&wijk=Bedrijventerrein+Westerval")
        api = await client.get("/api/v1/opportunities?q=magazijn&kind=betaald_werk")
        detail = await client.get("/kansen/opp-0177")

        assert page.status_code == fragment.status_code == filtered.status_code == 200
        assert NOTICE in page.text and NOTICE in fragment.text
        assert "opp-0177" in result_refs(page.text)  # Magazijnmedewerker: a word inside a word
        assert "<mark>Magazijn</mark>medewerker" in page.text
        assert result_refs(filtered.text) and 'value="stage" checked' in filtered.text
        assert re.search(r"Stage <span[^>]*>\(([1-9]\d*)\)</span>", filtered.text)
        assert api.status_code == 200
        body = api.json()
        assert body["degraded"] is True
        assert body["total"] > 0 and {i["kind"] for i in body["items"]} == {"betaald_werk"}
        assert {f["value"] for f in body["facets"]["kind"] if f["count"]} >= {"betaald_werk"}
        assert detail.status_code == 200 and "Kansen die hierop lijken" in detail.text

        # Organisations keep working: every save lands in the database and the outbox.
        organisation = await organisation_id(await postings.organisation())
        assert organisation is not None
        new = await save_opportunity(organisation, a_posting(title="Klusser repaircafé"))
        renamed = await save_opportunity(organisation, a_posting(title="Oude titel"))
        await save_opportunity(organisation, a_posting(title="Nieuwe titel"), ref=renamed)
        closed = await save_opportunity(organisation, a_posting(title="Bijna vol"))
        await save_opportunity(
            organisation, a_posting(title="Bijna vol", status="gesloten"), ref=closed
        )
        await save_opportunity(organisation, a_posting(title="Nog geheim", status="concept"))

        found = await client.get("/kansen?q=repaircaf%C3%A9")
        assert NOTICE in found.text and new in result_refs(found.text)
    finally:
        meili.server.ensure_running() if meili.server.is_running else meili.server.start()

    await indexed()

    in_index = await everything_in_index(indexer)
    open_in_index = {
        (d["ref"], d["title"])
        for d in in_index
        if d["status"] == "open" and d["organisation_verified"]
    }
    assert open_in_index == await published_in_database()
    assert (renamed, "Nieuwe titel") in open_in_index
    assert closed not in {ref for ref, _ in open_in_index}
    assert {d["ref"] for d in in_index} >= {new, renamed, closed}

    async def complete_again() -> bool:
        return NOTICE not in (await client.get("/kansen?q=magazijn")).text

    # The app re-reads whether the index is complete at most once a second, so the notice
    # goes on the first search after that, not necessarily the very next one.
    await eventually(complete_again, "search answering from Meilisearch again")


async def test_search_that_never_connected_answers_from_the_database(settings, corpus):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    unreachable = dataclasses.replace(settings, meili_url="http://127.0.0.1:9")
    app = create_app(unreachable, Runtime(unreachable))
    async with app_client(app) as client:
        page = await client.get("/kansen?q=tuin&sort=start")
        api = await client.get("/api/v1/opportunities?q=tuin")

    assert page.status_code == 200 and NOTICE in page.text and result_refs(page.text)
    assert api.status_code == 200 and api.json()["degraded"] is True


@pytest.mark.parametrize("query", ["q=%00", "q=100%25", "q=a_b", "q=" + "x" * 5000, "q=o'neill"])
async def test_the_database_search_is_safe_with_odd_input(settings, corpus, query):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    unreachable = dataclasses.replace(settings, meili_url="http://127.0.0.1:9")
    async with app_client(create_app(unreachable, Runtime(unreachable))) as client:
        response = await client.get(f"/kansen?{query}")

    assert response.status_code == 200 and NOTICE in response.text


async def test_from_the_database_a_page_past_the_end_shows_the_last_page(corpus):
    from meedoen.opportunities.service import find_on_existing_page
    from meedoen.search.gateway import NO_SEARCH
    from meedoen.search.query import OpportunitySearch

    first = await find_on_existing_page(NO_SEARCH, OpportunitySearch(kind=("dagbesteding",)))
    last = first.results.total_pages
    past = await find_on_existing_page(
        NO_SEARCH, OpportunitySearch(kind=("dagbesteding",), page=last + 5)
    )

    assert past.degraded and last >= 1
    assert past.results.page == last
    assert past.results.items and past.results.total_hits == first.results.total_hits
