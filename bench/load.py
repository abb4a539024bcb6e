"""Load test: a realistic mix of residents' traffic against a running instance.

Run: ``python bench/load.py [--duration 60] [--concurrency 20] [--residents 2000
--opportunities 1000]`` builds a district on PostgreSQL and serves it itself:
a fresh database on ``TEST_DATABASE_URL`` (default the local server on 5432; it is
dropped afterwards), a generated district (seeds/generate.py) imported with
``meedoen import corpus``, its own Meilisearch, and uvicorn. ``--url URL`` instead
loads an instance that is already running (then ``--resident EMAIL:PASSWORD`` adds
signed-in residents).

The mix: search pages with Dutch queries (full pages and htmx fragments), detail pages,
the JSON API (search and detail), the home page, and signed-in residents who open the
response form and respond ("Ik wil meedoen") when that route exists. Bounded by
``--duration`` and ``--requests``. Prints throughput, p50/p95/p99 latency per kind and
in all, and the error count (5xx, transport errors and unexpected statuses).
Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from meedoen.search.server import free_port

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = os.environ.get(
    "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
LOAD_PASSWORD = "een-lang-wachtwoord-voor-de-load-test"

# What residents of Enschede West type: trades, places, wishes, with the odd typo.
QUERIES = (
    "magazijn",
    "vrijwilligerswerk",
    "zorg",
    "koken",
    "kok",
    "schoonmaak",
    "tuin",
    "moestuin",
    "buurthuis",
    "taalcoach",
    "nederlands leren",
    "chauffeur",
    "logistiek",
    "administratie",
    "techniek",
    "monteur",
    "winkel",
    "kassa",
    "ouderen",
    "kinderen",
    "sport",
    "fietsenmaker",
    "repair café",
    "stage",
    "leerwerkplek",
    "dagbesteding",
    "werken met je handen",
    "parttime",
    "Stadsveld",
    "Pathmos",
    "Boswinkel",
    "'t Zwering",
    "horeca",
    "bakkerij",
    "magazjin",  # typo
    "schilder",
    "ict",
    "receptie",
    "",
)
KINDS = ("vrijwilligerswerk", "stage", "leerwerkplek", "betaald_werk", "dagbesteding")
CSRF_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')
RESPONSE_MESSAGES = (
    "Hallo, ik wil graag meedoen. Ik heb tijd op dinsdag en donderdag.",
    "Goedemiddag, dit lijkt me heel leuk. Wanneer kan ik langskomen?",
    "Ik heb hier ervaring mee en zou graag helpen in de wijk.",
)


@dataclass
class LoadReport:
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    responses: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def text(self) -> str:
        lines = [
            f"{self.requests} requests in {self.seconds:.1f} s: "
            f"{self.requests / max(self.seconds, 1e-9):.1f} requests/s, "
            f"{len(self.errors)} errors",
            f"{'kind':<22}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}",
        ]
        everything = [t for timings in self.latencies.values() for t in timings]
        for kind, timings in [*sorted(self.latencies.items()), ("all", everything)]:
            p50, p95, p99 = percentiles(timings)
            lines.append(f"{kind:<22}{len(timings):>7}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}")
        if any(self.responses.values()):
            lines.append(
                f"responses: {self.responses[True]} sent, "
                f"{self.responses[False]} refused by the form (400)"
            )
        lines += [f"note: {note}" for note in self.notes]
        lines += [f"error: {error}" for error in self.errors[:20]]
        return "\n".join(lines)


def percentiles(timings: list[float]) -> tuple[float, float, float]:
    if not timings:
        return 0.0, 0.0, 0.0
    if len(timings) == 1:
        return timings[0], timings[0], timings[0]
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return statistics.median(timings), cuts[94], cuts[98]


class Visitor:
    """One browser: its own connections and cookies; maybe a signed-in resident."""

    def __init__(self, base_url: str, report: LoadReport, refs: list[str], rng: random.Random):
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30.0, follow_redirects=False)
        self.report = report
        self.refs = refs
        self.rng = rng
        self.resident = False
        self.responded: set[str] = set()

    async def close(self) -> None:
        await self.http.aclose()

    async def timed(
        self, kind: str, call: Callable[[], Awaitable[httpx.Response]], ok: tuple[int, ...]
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await call()
        except httpx.HTTPError as error:
            self.report.latencies[kind].append((time.perf_counter() - started) * 1000)
            self.report.errors.append(f"{kind}: {type(error).__name__}: {error}")
            return None
        self.report.latencies[kind].append((time.perf_counter() - started) * 1000)
        if response.status_code not in ok:
            self.report.errors.append(f"{kind}: {response.request.url} -> {response.status_code}")
        return response

    async def sign_in(self, email: str, password: str) -> bool:
        form = await self.http.get("/inloggen")
        token = CSRF_FIELD.search(form.text)
        if form.status_code != 200 or token is None:
            return False
        response = await self.http.post(
            "/inloggen", data={"email": email, "password": password, "_csrf_token": token[1]}
        )
        self.resident = response.status_code == 303
        return self.resident

    async def one_action(self, respond_route: bool) -> None:
        rng = self.rng
        roll = rng.random()
        if self.resident and respond_route and roll < 0.15:
            await self.respond()
        elif roll < 0.40:
            params: dict[str, str | list[str]] = {"q": rng.choice(QUERIES)}
            if rng.random() < 0.3:
                params["kind"] = rng.choice(KINDS)
            if rng.random() < 0.2:
                params["page"] = str(rng.randint(1, 3))
            await self.timed("search page", lambda: self.http.get("/kansen", params=params), (200,))
        elif roll < 0.50:
            params = {"q": rng.choice(QUERIES), "kind": rng.choice(KINDS)}
            await self.timed(
                "search fragment (htmx)",
                lambda: self.http.get("/kansen", params=params, headers={"HX-Request": "true"}),
                (200,),
            )
        elif roll < 0.72:
            ref = rng.choice(self.refs)
            await self.timed("detail page", lambda: self.http.get(f"/kansen/{ref}"), (200,))
        elif roll < 0.85:
            params = {"q": rng.choice(QUERIES), "per_page": str(rng.choice((10, 20, 50)))}
            await self.timed(
                "api search", lambda: self.http.get("/api/v1/opportunities", params=params), (200,)
            )
        elif roll < 0.95:
            ref = rng.choice(self.refs)
            await self.timed(
                "api detail", lambda: self.http.get(f"/api/v1/opportunities/{ref}"), (200,)
            )
        else:
            await self.timed("home page", lambda: self.http.get("/"), (200,))

    async def respond(self) -> None:
        choices = [ref for ref in self.refs if ref not in self.responded]
        if not choices:
            return
        ref = self.rng.choice(choices)
        self.responded.add(ref)
        form = await self.timed(
            "respond form", lambda: self.http.get(f"/kansen/{ref}/reageren"), (200,)
        )
        token = CSRF_FIELD.search(form.text) if form is not None else None
        if token is None:
            return
        data = {
            "_csrf_token": token[1],
            "message": self.rng.choice(RESPONSE_MESSAGES),
            "shared": ["first_name", "email"],
        }
        # 400: the form says why not (a closed kans, a profile that is not complete).
        sent = await self.timed(
            "respond (post)",
            lambda: self.http.post(f"/kansen/{ref}/reageren", data=data),
            (303, 400),
        )
        if sent is not None and sent.status_code in (303, 400):
            self.report.responses[sent.status_code == 303] += 1


async def opportunity_refs(base_url: str, limit: int = 400) -> list[str]:
    refs: list[str] = []
    async with httpx.AsyncClient(base_url=base_url, timeout=30.0) as http:
        page = 1
        while len(refs) < limit:
            response = await http.get(
                "/api/v1/opportunities", params={"per_page": 50, "page": page, "sort": "newest"}
            )
            response.raise_for_status()
            items = response.json()["items"]
            refs += [item["ref"] for item in items]
            if len(items) < 50:
                break
            page += 1
    return refs


async def route_exists(base_url: str, path: str) -> bool:
    async with httpx.AsyncClient(base_url=base_url, timeout=30.0) as http:
        return (await http.get(path)).status_code != 404


async def run_load(
    base_url: str,
    *,
    duration: float = 30.0,
    max_requests: int = 100_000,
    concurrency: int = 16,
    residents: list[tuple[str, str]] = (),  # type: ignore[assignment]
    seed: int = 2026,
) -> LoadReport:
    """Drive ``concurrency`` visitors for ``duration`` seconds or ``max_requests`` requests."""
    report = LoadReport()
    refs = await opportunity_refs(base_url)
    if not refs:
        raise RuntimeError(f"{base_url} lists no opportunities: load a district first")
    # Anonymous visitors get a 303 to the sign-in page; a missing route is a 404.
    respond_route = await route_exists(base_url, f"/kansen/{refs[0]}/reageren")
    if not respond_route:
        report.notes.append("no /kansen/{ref}/reageren route yet: residents do not respond")
    rng = random.Random(seed)
    visitors = [
        Visitor(base_url, report, refs, random.Random(rng.random())) for _ in range(concurrency)
    ]
    signed_in = 0
    for visitor, (email, password) in zip(visitors, residents, strict=False):
        signed_in += await visitor.sign_in(email, password)
    if residents:
        report.notes.append(f"{signed_in} of {len(visitors)} visitors are signed-in residents")
    deadline = time.monotonic() + duration
    budget = [max_requests]

    async def visit(visitor: Visitor) -> None:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            await visitor.one_action(respond_route)
            await asyncio.sleep(visitor.rng.uniform(0, 0.01))  # a little think time

    started = time.monotonic()
    try:
        await asyncio.gather(*(visit(v) for v in visitors))
    finally:
        report.seconds = time.monotonic() - started
        await asyncio.gather(*(v.close() for v in visitors))
    return report


# --- a whole instance on PostgreSQL, for the full run ----------------------------------


def database_url(name: str) -> str:
    return urlunsplit(urlsplit(POSTGRES_SERVER)._replace(path=f"/{name}"))


def on_server(sql: str) -> None:
    import asyncpg

    async def execute() -> None:
        connection = await asyncpg.connect(POSTGRES_SERVER)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(execute())


def meedoen(env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    command = [str(Path(sys.executable).with_name("meedoen")), *args]
    result = subprocess.run(
        command, env=env, input=stdin, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def serve_district(args: argparse.Namespace, workdir: Path) -> tuple[str, list[tuple[str, str]]]:
    """Build the district and start Meilisearch and uvicorn; returns URL and residents."""
    sys.path.insert(0, str(ROOT / "seeds"))
    from generate import generate_district

    from meedoen.search.binary import ensure_meilisearch
    from meedoen.search.server import MeilisearchServer

    name = f"meedoen_load_{uuid.uuid4().hex[:8]}"
    on_server(f'CREATE DATABASE "{name}"')
    cleanups.append(lambda: on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    master_key = secrets.token_urlsafe(32)
    meili = MeilisearchServer(workdir / "meili", master_key, binary=ensure_meilisearch())
    meili.start()
    cleanups.append(meili.stop)
    port = free_port("127.0.0.1")
    env = {
        **os.environ,
        "MEEDOEN_ENV": "development",
        "MEEDOEN_DATA_DIR": str(workdir),
        "DATABASE_URL": database_url(name),
        "MEILI_URL": meili.url,
        "MEILI_MASTER_KEY": master_key,
        "MEILI_INDEX_PREFIX": "load_",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "BASE_URL": f"http://127.0.0.1:{port}",
    }
    started = time.perf_counter()
    counts = generate_district(
        workdir / "district", args.residents, args.opportunities, args.organisations, args.seed
    )
    meedoen(env, "migrate")
    meedoen(env, "import", "corpus", str(workdir / "district"))
    meedoen(env, "reindex")
    residents = []
    for number in range(args.signed_in):
        email = f"load-{number}@meedoen-load.nl"
        meedoen(
            env, "createuser", "--role", "resident", "--email", email, "--password-stdin",
            stdin=LOAD_PASSWORD,
        )  # fmt: skip
        residents.append((email, LOAD_PASSWORD))
    print(f"district {counts} ready in {time.perf_counter() - started:.1f} s")
    log = (workdir / "uvicorn.log").open("wb")
    command = [sys.executable, "-m", "uvicorn", "--factory", "meedoen.app.factory:asgi_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    cleanups.append(lambda: (server.terminate(), server.wait(10)))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return url, residents
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"the instance did not get healthy:\n{(workdir / 'uvicorn.log').read_text()}"
    )


cleanups: list[Callable[[], object]] = []


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="load this running instance instead of building one")
    parser.add_argument("--resident", action="append", default=[], help="EMAIL:PASSWORD")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--requests", type=int, default=100_000, help="at most this many")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--signed-in", type=int, default=5, help="residents who sign in")
    parser.add_argument("--residents", type=int, default=2000)
    parser.add_argument("--opportunities", type=int, default=1000)
    parser.add_argument("--organisations", type=int, default=120)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="meedoen-load-"))
    try:
        if args.url:
            url = args.url.rstrip("/")
            residents = [tuple(r.split(":", 1)) for r in args.resident]
        else:
            url, residents = serve_district(args, workdir)
        report = asyncio.run(
            run_load(
                url,
                duration=args.duration,
                max_requests=args.requests,
                concurrency=args.concurrency,
                residents=residents,  # type: ignore[arg-type]
                seed=args.seed,
            )
        )
        print(f"load against {url} ({args.concurrency} concurrent visitors)")
        print(report.text())
        return 1 if report.errors else 0
    finally:
        for cleanup in reversed(cleanups):
            try:
                cleanup()
            except Exception as error:
                print(f"cleanup: {error}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
