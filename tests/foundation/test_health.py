"""/health tells a load balancer whether database and search are up."""

import dataclasses

from support.app import app_client


async def test_health_reports_database_and_search_up(client):
    response = await client.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert body["database"]["up"] is True
    assert body["search"]["up"] is True
    assert body["status"] == "ok"


async def test_health_is_503_with_details_when_search_is_unreachable(settings, database):
    from meedoen.app.factory import create_app
    from meedoen.runtime import Runtime

    unreachable = dataclasses.replace(settings, meili_url="http://127.0.0.1:9")
    runtime = Runtime(unreachable)
    async with app_client(create_app(unreachable, runtime)) as client:
        response = await client.get("/health")

    assert response.status_code == 503
    body = response.json()
    assert body["database"]["up"] is True
    assert body["search"]["up"] is False
    assert body["search"]["error"]
