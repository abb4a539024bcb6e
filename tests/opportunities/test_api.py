"""The public JSON API: open data about kansen, described in the OpenAPI schema."""

from __future__ import annotations

import pytest

ITEM_FIELDS = {
    "ref",
    "title",
    "kind",
    "organisation",
    "wijk",
    "sector",
    "hours_per_week_min",
    "hours_per_week_max",
    "paid",
    "start",
    "url",
    "status",
}


@pytest.fixture
async def searchable(corpus, indexed):
    await indexed()


async def test_search_returns_a_page_of_open_postings_with_facets(client, searchable):
    response = await client.get("/api/v1/opportunities?q=warehouse&per_page=5")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "total", "page", "per_page", "pages", "facets", "degraded"}
    assert body["degraded"] is False
    assert body["page"] == 1 and body["per_page"] == 5 and len(body["items"]) == 5
    assert body["pages"] == -(-body["total"] // 5)
    item = body["items"][0]
    assert set(item) == ITEM_FIELDS
    assert item["status"] == "open"
    assert item["url"].endswith(f"/kansen/{item['ref']}")
    assert set(item["organisation"]) == {"ref", "name"}
    assert set(body["facets"]) == {
        "kind",
        "wijk",
        "sector",
        "hours",
        "suitable_for",
        "organisation_type",
        "paid",
        "level",
        "route",
        "leerbedrijf",
        "stagevergoeding",
    }
    kind = {f["value"]: f for f in body["facets"]["kind"]}
    assert kind["betaald_werk"]["count"] > 0 and kind["betaald_werk"]["label"] == "Betaald werk"


async def test_filters_repeat_for_more_values(client, searchable):
    one = (await client.get("/api/v1/opportunities?kind=stage")).json()
    two = (await client.get("/api/v1/opportunities?kind=stage&kind=dagbesteding")).json()

    assert {i["kind"] for i in one["items"]} == {"stage"}
    assert two["total"] > one["total"]
    assert [f["selected"] for f in two["facets"]["kind"] if f["value"] == "stage"] == [True]


async def test_one_posting_has_the_details(client, searchable):
    response = await client.get("/api/v1/opportunities/opp-0002")

    assert response.status_code == 200
    body = response.json()
    assert body["ref"] == "opp-0002" and body["status"] == "open"
    assert body["language_level"] == "A2" and body["start"] == "2026-06-15"
    assert "description" in body and "skills" in body


async def test_unknown_refs_and_bad_values_answer_in_json(client, database):
    missing = await client.get("/api/v1/opportunities/opp-does-not-exist")
    bad = await client.get("/api/v1/opportunities?hours=veel")

    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/json")
    assert missing.json()["detail"] == "Er is geen openbare kans met deze code."
    assert bad.status_code == 400
    assert "hours" in bad.json()["detail"]


async def test_the_openapi_schema_describes_the_api_precisely(client, database):
    schema = (await client.get("/api/schema/openapi.json")).json()

    search = schema["paths"]["/api/v1/opportunities"]["get"]
    detail = schema["paths"]["/api/v1/opportunities/{ref}"]["get"]
    parameters = {p["name"]: p for p in search["parameters"]}
    assert {"q", "kind", "wijk", "page", "per_page"} <= set(parameters)
    assert parameters["page"]["schema"]["maximum"] == 1000
    assert "400" in search["responses"] and "404" in detail["responses"]
    components = schema["components"]["schemas"]
    page = next(s for name, s in components.items() if name.endswith("OpportunityPage"))
    assert set(page["required"]) >= {"items", "total", "page", "per_page", "pages", "facets"}
    item = next(s for name, s in components.items() if name.endswith("OpportunityItem"))
    assert set(item["properties"]) == ITEM_FIELDS
    # The HTML pages are not part of the API.
    assert "/kansen" not in schema["paths"]
