"""``/health`` latency while a burst of expensive requests is in flight.

Starts Meilisearch and the app (uvicorn on uvloop, as ``meedoen serve``) on a fresh SQLite
data folder, then measures ``/health`` p50/p99 twice: idle, and during a burst of N sign-ins
with unknown addresses (Argon2 each) plus M hostile PDF uploads (95,000 pages in compressed
object streams). Printed as a ratio to idle, never asserted.

Run: ``python bench/health_under_burst.py [--sign-ins 50] [--pdfs 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import uvloop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from meedoen.search.binary import ensure_meilisearch  # noqa: E402
from meedoen.search.server import MeilisearchServer, free_port  # noqa: E402
from support.auth import csrf_token  # noqa: E402
from support.hostile_pdf import hostile_pdf  # noqa: E402

PASSWORD = "een-lang-wachtwoord-voor-de-bench"


def percentile(timings: list[float], fraction: float) -> float:
    return statistics.quantiles(timings, n=100, method="inclusive")[round(fraction * 100) - 1]


async def probe(url: str, until: asyncio.Event, timings: list[float]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        while not until.is_set():
            started = time.perf_counter()
            await http.get("/health")
            timings.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.02)


async def resident(url: str, email: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, timeout=300)
    page = await client.get("/inloggen")
    data = {"email": email, "password": PASSWORD, "_csrf_token": csrf_token(page.text)}
    response = await client.post("/inloggen", data=data)
    assert response.status_code == 303, response.status_code
    return client


async def burst(url: str, sign_ins: int, residents: list[httpx.AsyncClient]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=300) as anonymous:
        token = csrf_token((await anonymous.get("/inloggen")).text)

        async def sign_in(n: int) -> None:
            await anonymous.post(
                "/inloggen",
                data={
                    "email": f"onbekend-{n}@bench.nl",
                    "password": "x" * 12,
                    "_csrf_token": token,
                },
                headers={"X-Forwarded-For": f"198.51.100.{n % 250 + 1}"},
            )

        async def upload(client: httpx.AsyncClient, declared: int | None) -> None:
            page = await client.get("/mijn")
            await client.post(
                "/mijn",
                data={"_csrf_token": csrf_token(page.text)},
                files={"cv": ("cv.pdf", hostile_pdf(declared_pages=declared), "application/pdf")},
            )

        declared = [None, 1]
        await asyncio.gather(
            *(sign_in(n) for n in range(sign_ins)),
            *(upload(c, declared[n % 2]) for n, c in enumerate(residents)),
        )


async def measure(url: str, sign_ins: int, residents: list[httpx.AsyncClient]) -> None:
    idle: list[float] = []
    stop = asyncio.Event()
    prober = asyncio.create_task(probe(url, stop, idle))
    await asyncio.sleep(3)
    stop.set()
    await prober
    during: list[float] = []
    stop = asyncio.Event()
    prober = asyncio.create_task(probe(url, stop, during))
    started = time.perf_counter()
    await burst(url, sign_ins, residents)
    took = time.perf_counter() - started
    stop.set()
    await prober
    print(f"\nburst: {sign_ins} unknown sign-ins + {len(residents)} hostile PDFs, {took:.1f} s")
    print(f"{'/health':24} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for label, timings in (("idle", idle), ("during the burst", during)):
        print(
            f"{label:24} {len(timings):5} {statistics.median(timings):8.1f} "
            f"{percentile(timings, 0.99):8.1f} {max(timings):8.1f}"
        )
    print(f"p99 during / p99 idle: {percentile(during, 0.99) / percentile(idle, 0.99):.1f}")
    print(f"load average: {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sign-ins", type=int, default=50)
    parser.add_argument("--pdfs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="meedoen-burst-") as folder:
        workdir = Path(folder)
        master_key = secrets.token_urlsafe(32)
        with MeilisearchServer(workdir / "meili", master_key, binary=ensure_meilisearch()) as meili:
            port = free_port("127.0.0.1")
            env = {
                **os.environ,
                "MEEDOEN_ENV": "development",
                "MEEDOEN_DATA_DIR": str(workdir),
                "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}",
                "MEILI_URL": meili.url,
                "MEILI_MASTER_KEY": master_key,
                "SECRET_KEY": secrets.token_urlsafe(40),
            }
            meedoen = str(Path(sys.executable).with_name("meedoen"))
            subprocess.run([meedoen, "migrate"], env=env, check=True, capture_output=True)
            emails = [f"bewoner-{n}@bench.nl" for n in range(args.pdfs)]
            for email in emails:
                subprocess.run(
                    [meedoen, "createuser", "--role", "resident", "--email", email,
                     "--password-stdin"],
                    env=env, input=PASSWORD, text=True, check=True, capture_output=True,
                )  # fmt: skip
            command = [sys.executable, "-m", "uvicorn", "--factory", "meedoen.app.factory:asgi_app"]
            command += ["--port", str(port), "--log-level", "warning"]
            server = subprocess.Popen(command, cwd=ROOT, env=env)
            url = f"http://127.0.0.1:{port}"
            try:
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    try:
                        if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                            break
                    except httpx.HTTPError:
                        time.sleep(0.2)

                async def run() -> None:
                    residents = [await resident(url, email) for email in emails]
                    await measure(url, args.sign_ins, residents)
                    for client in residents:
                        await client.aclose()

                uvloop.run(run())
            finally:
                server.terminate()
                server.wait(10)


if __name__ == "__main__":
    main()
