"""/health says the process is alive (liveness); /health/ready says it may take traffic:
database migrated, search index there with today's settings, and the changes that were
waiting at start-up applied (readiness)."""

import dataclasses

from meedoen.indexing.outbox import backlog_size, record_change
from meedoen.search.readiness import Readiness
from support.app import app_client


async def test_liveness_answers_without_asking_the_database_or_search(settings, database):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    unreachable = dataclasses.replace(settings, meili_url="http://127.0.0.1:9")
    async with app_client(create_app(unreachable, Runtime(unreachable))) as client:
        response = await client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


async def test_ready_when_migrated_indexed_and_the_start_up_backlog_is_applied(
    client, runtime, indexer, indexed
):
    await indexed()
    runtime.readiness = Readiness(runtime.backlog)

    response = await client.get("/health/ready")

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ready"


async def test_not_ready_while_changes_from_before_the_start_wait(
    client, runtime, indexer, indexed, corpus
):
    await record_change("opportunity", "kans-bestaat-niet")
    runtime.readiness = Readiness(runtime.backlog)
    await runtime.readiness.note_start()

    waiting = await client.get("/health/ready")
    await indexed()
    after = await client.get("/health/ready")

    assert waiting.status_code == 503
    assert "backlog" in waiting.json()["problems"]
    assert after.status_code == 200, after.text


async def test_not_ready_with_details_when_search_is_unreachable(settings, database):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    unreachable = dataclasses.replace(settings, meili_url="http://127.0.0.1:9")
    async with app_client(create_app(unreachable, Runtime(unreachable))) as client:
        response = await client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["problems"]["search"]


async def test_not_ready_while_the_index_is_missing(settings, database, meili):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    elsewhere = dataclasses.replace(settings, index_prefix="nergens_")
    runtime = Runtime(elsewhere)
    async with app_client(create_app(elsewhere, runtime)) as client:
        response = await client.get("/health/ready")
    await runtime.search.close()

    assert response.status_code == 503
    assert "index" in response.json()["problems"]


async def test_searches_are_answered_by_the_database_while_the_index_fills(
    client, runtime, indexer, indexed, corpus
):
    await indexed()
    runtime.readiness = Readiness(runtime.backlog, backlog_limit=5)
    from meedoen.opportunities.tables import Opportunity

    refs = await Opportunity.select(Opportunity.ref).limit(10).output(as_list=True)
    for ref in refs:  # as after an import: more waiting than a worker round holds
        await record_change("opportunity", ref)
    assert await backlog_size() > 5

    filling = (await client.get("/api/v1/opportunities", params={"q": "zorg"})).json()
    page = await client.get("/kansen", params={"q": "zorg"})
    await indexed()
    runtime.readiness = Readiness(runtime.backlog, backlog_limit=5)
    complete = (await client.get("/api/v1/opportunities", params={"q": "zorg"})).json()

    assert filling["degraded"] is True, "a filling index never answers as complete"
    assert "Zoeken werkt nu beperkt" in page.text
    assert complete["degraded"] is False
