"""The app's own CPU per search request, and where it goes (cProfile).

Run: ``python bench/app_cpu.py --data-dir DIR [--requests 200] [--profile kansen]``
on a data folder ``bench/web_workers.py --data-dir DIR`` seeded. It starts ``meedoen
serve --workers 1`` on that folder for its Meilisearch, builds the app in this process
against the same database and Meilisearch, and sends it ``/kansen?q=zorg`` (page),
the same with ``HX-Request`` (fragment) and ``/api/v1/opportunities?q=zorg`` through
Litestar's test client. It prints this process's CPU milliseconds per request (the app,
plus the test client's small share; Meilisearch runs in its own process), beside the
CPU the same multi-search costs a bare httpx client that only decodes the reply. With
``--profile`` it prints the top functions of one of them. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import signal
import statistics
import sys
import time
from pathlib import Path

import httpx
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_workers import app_search_body, meilisearch_of, serve, wait_ready

from meedoen.search.server import free_port

TARGETS = {
    "page": ("/kansen?q=zorg", {}),
    "fragment": ("/kansen?q=zorg", {"HX-Request": "true"}),
    "api": ("/api/v1/opportunities?q=zorg", {}),
}


async def cpu_per_request(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], n: int
) -> float:
    """Median CPU milliseconds of this process per request."""
    samples = []
    for _ in range(n):
        start = time.process_time()
        response = await client.get(path, headers=headers)
        samples.append(1000 * (time.process_time() - start))
        assert response.status_code == 200, response.text[:500]
    return statistics.median(samples)


async def raw_cpu(meili: str, key: str, body: str, n: int) -> float:
    """Median CPU milliseconds of a bare client sending the app's body and decoding."""
    samples = []
    async with httpx.AsyncClient(
        base_url=meili, headers={"Authorization": f"Bearer {key}", "Accept-Encoding": "identity"}
    ) as client:
        for _ in range(n):
            start = time.process_time()
            response = await client.post(
                "/multi-search", content=body, headers={"Content-Type": "application/json"}
            )
            response.json()
            samples.append(1000 * (time.process_time() - start))
    return statistics.median(samples)


async def run(arguments: argparse.Namespace, meili: str, key: str) -> None:
    from meedoen.app.factory import create_app
    from meedoen.indexing import outbox
    from meedoen.runtime import Runtime
    from meedoen.settings import load_settings

    logging.disable(logging.INFO)
    settings = load_settings()
    runtime = Runtime(settings, backlog=outbox)
    app = create_app(settings, runtime)
    await runtime.startup()
    # In this thread and event loop (Litestar's test client runs the app in another
    # thread, where cProfile does not look), without compression as wrk asks.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://localhost", headers={"Accept-Encoding": "identity"}
    ) as client:
        for path, headers in TARGETS.values():  # warm up
            for _ in range(20):
                await client.get(path, headers=headers)
        for round_number in range(arguments.rounds):
            figures = {
                name: await cpu_per_request(client, path, headers, arguments.requests)
                for name, (path, headers) in TARGETS.items()
            }
            figures["raw client"] = await raw_cpu(meili, key, app_search_body(), arguments.requests)
            print(
                f"round {round_number + 1}: CPU ms per request (median): "
                + ", ".join(f"{name} {ms:.2f}" for name, ms in figures.items())
            )
        if arguments.profile:
            path, headers = TARGETS[arguments.profile]
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(arguments.requests):
                await client.get(path, headers=headers)
            profile.disable()
            stats = pstats.Stats(profile)
            stats.sort_stats(arguments.sort).print_stats(arguments.top)
    await runtime.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=sorted(TARGETS))
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--top", type=int, default=40)
    arguments = parser.parse_args()
    if not (arguments.data_dir / "meedoen.sqlite").exists():
        raise SystemExit("seed the folder first: python bench/web_workers.py --data-dir DIR")
    port = free_port("127.0.0.1")
    process = serve(arguments.data_dir, port, 1, demo=False)
    try:
        wait_ready(f"http://127.0.0.1:{port}", process)
        meili = meilisearch_of(arguments.data_dir, 1)
        key = (arguments.data_dir / "meili_master_key").read_text().strip()
        os.environ.update(
            MEEDOEN_DATA_DIR=str(arguments.data_dir),
            MEEDOEN_ENV="development",
            MEILI_URL=meili,
            MEILI_MASTER_KEY=key,
            MEEDOEN_INPROCESS_WORKER="0",
            MEEDOEN_INPROCESS_MAIL="0",
        )
        os.environ.pop("DATABASE_URL", None)
        uvloop.run(run(arguments, meili, key))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


if __name__ == "__main__":
    main()
