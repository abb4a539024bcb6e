"""Search latency against a real Meilisearch: raw httpx, the SDK's default client, ours.

Run: ``python bench/search_latency.py [--searches N] [--documents N]``.
Timings are printed, never asserted: they depend on the machine. It runs on uvloop, the
loop ``meedoen serve`` runs, and (c) is exactly the client the app uses.
"""

from __future__ import annotations

import argparse
import secrets
import socket
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import httpx2
import uvloop
from meilisearch_python_sdk import AsyncClient

from meedoen.search.client import make_client, provision_api_keys
from meedoen.search.server import MeilisearchServer

INDEX = "opportunities_bench"
QUERIES = ("kok", "schoonmaak", "zorg", "logistiek", "taal", "vrijwilliger", "west", "monteur")
TRADES = ("kok", "schoonmaker", "zorgmedewerker", "logistiek medewerker", "monteur", "taalcoach")

Search = Callable[[str], Awaitable[object]]


def opportunities(count: int) -> list[dict[str, object]]:
    """Small documents shaped roughly like the platform's opportunities."""
    return [
        {
            "id": n,
            "title": f"{TRADES[n % len(TRADES)]} gezocht ({n})",
            "neighbourhood": ("Boswinkel", "Pathmos", "Stadsveld", "Wesselerbrink")[n % 4],
            "summary": "Werk of vrijwilligerswerk in Enschede West, ook voor beginners.",
            "hours_per_week": 8 + n % 32,
        }
        for n in range(count)
    ]


async def measure(search: Search, searches: int) -> list[float]:
    """Milliseconds per search, after a short warm-up that is not counted."""
    for query in QUERIES[:3]:
        await search(query)
    timings = []
    for n in range(searches):
        started = time.perf_counter()
        await search(QUERIES[n % len(QUERIES)])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(timings: list[float], fraction: float) -> float:
    return statistics.quantiles(timings, n=100, method="inclusive")[round(fraction * 100) - 1]


async def raw_without_keep_alive(url: str, key: str, searches: int) -> list[float]:
    """(a) a fresh TCP connection per search."""
    headers = {"Authorization": f"Bearer {key}", "Connection": "close"}
    async with httpx.AsyncClient(base_url=url, headers=headers) as http:

        async def search(query: str) -> object:
            response = await http.post(f"/indexes/{INDEX}/search", json={"q": query})
            return response.raise_for_status().json()

        return await measure(search, searches)


async def with_sdk_client(client: AsyncClient, searches: int) -> list[float]:
    async with client:
        index = client.index(INDEX)
        return await measure(index.search, searches)


def sdk_with_client_nodelay(url: str, key: str) -> AsyncClient:
    """(d) the commonly suggested fix: TCP_NODELAY on our sockets. Shown to make no difference."""
    client = AsyncClient(url, key)
    transport = httpx2.AsyncHTTPTransport(
        socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    )
    # Reaches into the SDK only for this comparison; the app never does this.
    client.http_client._transport = transport
    return client


async def index_documents(url: str, key: str, count: int) -> None:
    async with make_client(url, key) as admin:
        task = await admin.index(INDEX).add_documents(opportunities(count), primary_key="id")
        await admin.wait_for_task(task.task_uid, timeout_in_ms=60_000)


def print_table(results: dict[str, list[float]]) -> None:
    print(f"\n{'client':48} {'p50 ms':>8} {'p95 ms':>8}")
    for label, timings in results.items():
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"{label:48} {p50:8.2f} {p95:8.2f}")


async def run(searches: int, documents: int) -> None:
    with tempfile.TemporaryDirectory(prefix="meedoen-bench-") as data_dir:
        master_key = secrets.token_urlsafe(32)
        async with MeilisearchServer(Path(data_dir), master_key) as server:
            keys = await provision_api_keys(server.url, master_key)
            await index_documents(server.url, keys.admin, documents)
            url, key = server.url, keys.search
            results = {
                "(a) raw httpx, no keep-alive": await raw_without_keep_alive(url, key, searches),
                "(b) SDK default AsyncClient (keep-alive)": await with_sdk_client(
                    AsyncClient(url, key), searches
                ),
                "(c) ours: make_client (keep-alive, identity)": await with_sdk_client(
                    make_client(url, key), searches
                ),
                "(d) SDK + client TCP_NODELAY transport": await with_sdk_client(
                    sdk_with_client_nodelay(url, key), searches
                ),
            }
    print(f"{searches} searches over {documents} documents, Meilisearch on loopback")
    print_table(results)
    ours = statistics.median(results["(c) ours: make_client (keep-alive, identity)"])
    raw = statistics.median(results["(a) raw httpx, no keep-alive"])
    print(f"\nours / raw (p50): {ours / raw:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--documents", type=int, default=400)
    arguments = parser.parse_args()
    uvloop.run(run(arguments.searches, arguments.documents))


if __name__ == "__main__":
    main()
