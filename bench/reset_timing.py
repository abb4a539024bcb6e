"""Password-reset requests: does the answer take longer for an address that has an account?

Run: ``python bench/reset_timing.py [--requests 60]``. Builds a fresh SQLite data folder
with ``--requests`` accounts, serves the app with uvicorn (no worker, no mail sender),
and posts ``/wachtwoord-vergeten`` alternately for a known and an unknown address, each
from its own client address (``X-Forwarded-For``, so the throttle does not step in).
Prints the median and p90 answer time of both and their ratio; before issue 14 known
addresses took 42.8 ms against 28.3 ms (ratio 1.5). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from meedoen.search.server import free_port

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "een-lang-wachtwoord-voor-de-bench"


async def prepare(count: int) -> list[str]:
    from meedoen.accounts.service import create_account
    from meedoen.db import migrate

    await migrate()
    emails = [f"bekend-{n}@meedoen-bench.nl" for n in range(count)]
    for email in emails:
        await create_account(email, PASSWORD, "resident")
    return emails


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "--factory", "meedoen.app.factory:asgi_app"]
    command += ["--port", str(port), "--log-level", "warning", "--proxy-headers"]
    command += ["--forwarded-allow-ips", "127.0.0.1"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


async def timed_reset(client: httpx.AsyncClient, email: str, address: str) -> float:
    page = await client.get("/wachtwoord-vergeten", headers={"X-Forwarded-For": address})
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the page"
    started = time.perf_counter()
    response = await client.post(
        "/wachtwoord-vergeten",
        data={"email": email, "_csrf_token": token.group(1)},
        headers={"X-Forwarded-For": address},
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 303, response.status_code
    return elapsed * 1000


async def measure(url: str, known: list[str]) -> tuple[list[float], list[float]]:
    known_times, unknown_times = [], []
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        for number, email in enumerate(known):
            known_times.append(
                await timed_reset(client, email, f"10.1.{number // 250}.{number % 250}")
            )
            unknown = f"onbekend-{number}@meedoen-bench.nl"
            unknown_times.append(
                await timed_reset(client, unknown, f"10.2.{number // 250}.{number % 250}")
            )
    return known_times, unknown_times


def describe(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return f"{name:8} median {statistics.median(times):6.1f} ms   p90 {p90:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="meedoen-reset-bench-")
    env = {
        **os.environ,
        "MEEDOEN_DATA_DIR": data_dir,
        "DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite",
        "MEEDOEN_INPROCESS_WORKER": "0",
        "MEEDOEN_INPROCESS_MAIL": "0",
    }
    env.pop("MEILI_URL", None)
    os.environ.update(env)
    known = asyncio.run(prepare(args.requests))
    port = free_port("127.0.0.1")
    server = serve(env, port)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code in (200, 503):
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        known_times, unknown_times = asyncio.run(measure(url, known))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(describe("known", known_times))
    print(describe("unknown", unknown_times))
    ratio = statistics.median(known_times) / statistics.median(unknown_times)
    print(f"ratio known/unknown (median): {ratio:.2f}")


if __name__ == "__main__":
    main()
