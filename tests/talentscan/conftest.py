"""Helpers for the talent scan specifications: answering every question as a browser does."""

from __future__ import annotations

import httpx

from meedoen.talentscan.questions import QUESTIONS
from support.auth import csrf_token

# A resident who cooks, likes older people, works in a kitchen and helps the neighbours.
COOK = {
    "handen": ["koken"],
    "mensen": ["ouderen"],
    "plek": ["keuken"],
    "anderen": ["geduld", "vriendelijk"],
    "samen": ["samen"],
    "computer": [],
    "talen": ["nederlands"],
    "bewegen": ["weet_niet"],
    "regelen": [],
    "buurt": ["buren"],
}


async def answer(
    client: httpx.AsyncClient, number: int, codes: list[str], *, question: str | None = None
) -> httpx.Response:
    """Open question ``number`` and send ``codes`` with its form's token."""
    page = await client.get(f"/mijn/talentscan/vraag/{number}")
    assert page.status_code == 200, page.status_code
    data: dict[str, object] = {
        "_csrf_token": csrf_token(page.text),
        "vraag": question or QUESTIONS[number - 1].code,
        "antwoord": codes,
    }
    return await client.post(f"/mijn/talentscan/vraag/{number}", data=data)  # type: ignore[arg-type]


async def answer_all(client: httpx.AsyncClient, answers: dict[str, list[str]] = COOK) -> None:
    for number, question in enumerate(QUESTIONS, start=1):
        response = await answer(client, number, answers[question.code])
        assert response.status_code == 303, (number, response.status_code, response.text[:300])
