"""The candidate pages (with candidates, after a proposal, with a refused proposal), the
resident's page with a proposal and a coach's file with responses are valid HTML."""

from __future__ import annotations

from matching.conftest import account_of, as_account, candidates_url, propose_url
from quality.test_valid_html import VNU_JAR, html_problems, pytestmark  # noqa: F401 - same skip rule
from support.auth import post_form


async def test_candidate_and_proposal_pages_are_valid_html(client, district, tmp_path):  # type: ignore[no-untyped-def]
    await as_account(client, district["member"])
    pages = {"candidates": await client.get(candidates_url(district))}
    pages["proposal-refused"] = await post_form(
        client,
        candidates_url(district),
        {"message": "x" * 501},
        propose_url(district, district["fenna"]),
    )
    await post_form(client, candidates_url(district), {"message": "Hoi"}, propose_url(district, district["fenna"]))  # fmt: skip
    pages["candidates-after-proposal"] = await client.get(candidates_url(district))
    await as_account(client, await account_of(district["fenna"]))
    pages["resident-with-proposal"] = await client.get("/mijn")
    await as_account(client, district["coach"])
    pages["coach-candidates"] = await client.get(f"/coach/kansen/{district['posting']}/kandidaten")
    pages["coach-file"] = await client.get(f"/coach/bewoners/{district['coby'].ref}")

    problems = html_problems(pages, tmp_path)

    assert not problems, "\n".join(problems)
