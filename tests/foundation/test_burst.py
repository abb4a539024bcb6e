"""A burst of expensive requests queues instead of freezing the app: while 50 sign-ins with
unknown addresses (Argon2 for each) and 3 hostile PDFs (95,000 pages in compressed object
streams) are in flight, ``/health`` keeps answering within a second, on the real server
(uvicorn on uvloop, as ``meedoen serve`` runs it). The bound is generous on purpose: it
catches blocking, it does not measure speed (bench/health_under_burst.py does that)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from support.auth import csrf_token, make_account, sign_in
from support.hostile_pdf import hostile_pdf

pytestmark = pytest.mark.slow

SIGN_INS = 50
HOSTILE_PDFS = 3
HEALTH_BOUND_SECONDS = 1.0


async def resident_client(base_url: str) -> httpx.AsyncClient:
    account = await make_account("resident")
    client = httpx.AsyncClient(base_url=base_url, timeout=900)
    response = await sign_in(client, account.email, "een-lang-wachtwoord-voor-tests")
    assert response.status_code == 303
    return client


async def upload_cv(client: httpx.AsyncClient, content: bytes) -> httpx.Response:
    page = await client.get("/mijn")
    return await client.post(
        "/mijn",
        data={"_csrf_token": csrf_token(page.text)},
        files={"cv": ("cv.pdf", content, "application/pdf")},
    )


async def test_health_answers_within_a_second_during_a_burst_of_sign_ins_and_hostile_pdfs(
    live_server, database
):
    pdfs = [hostile_pdf(), hostile_pdf(declared_pages=1), hostile_pdf()]
    residents = [await resident_client(live_server) for _ in range(HOSTILE_PDFS)]
    # However long the queue takes on a busy machine: only /health is held to a bound.
    async with httpx.AsyncClient(base_url=live_server, timeout=900) as anonymous:
        token = csrf_token((await anonymous.get("/inloggen")).text)

        async def unknown_sign_in(n: int) -> int:
            response = await anonymous.post(
                "/inloggen",
                data={
                    "email": f"onbekend-{n}@meedoen-test.nl",
                    "password": "x" * 12,
                    "_csrf_token": token,
                },
                # Each from its own address, so the throttle lets every one be checked.
                headers={"X-Forwarded-For": f"198.51.100.{n + 1}"},
            )
            return response.status_code

        burst = [asyncio.create_task(unknown_sign_in(n)) for n in range(SIGN_INS)]
        burst += [
            asyncio.create_task(upload_cv(client, pdf))
            for client, pdf in zip(residents, pdfs, strict=True)
        ]
        health_times: list[float] = []
        async with httpx.AsyncClient(base_url=live_server, timeout=30) as prober:
            while not all(task.done() for task in burst):
                started = time.monotonic()
                response = await prober.get("/health")
                health_times.append(time.monotonic() - started)
                assert response.status_code == 200
                await asyncio.sleep(0.05)
        results = await asyncio.gather(*burst)
    for client in residents:
        await client.aclose()

    sign_in_statuses, uploads = results[:SIGN_INS], results[SIGN_INS:]
    assert set(sign_in_statuses) <= {200, 400, 429}, sign_in_statuses
    for upload in uploads:
        assert upload.status_code == 400
        assert "te veel pagina" in upload.text or "niet op tijd lezen" in upload.text
    assert len(health_times) >= 3, "the burst ended before /health was asked"
    assert max(health_times) < HEALTH_BOUND_SECONDS, sorted(health_times)[-5:]
