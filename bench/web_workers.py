"""Throughput of `meedoen serve` with 1 and with 2 web processes, beside raw Meilisearch.

Run: ``python bench/web_workers.py [--duration 5] [--rounds 3] [--connections 16 64]
[--workers 1 2] [--data-dir DIR]``
(needs ``wrk``: ``apt-get install wrk``). Seeds the demo district into a fresh data folder
(SQLite, the serve's own Meilisearch), then for each worker count starts ``meedoen serve
--workers N`` on it and runs wrk against ``/kansen?q=zorg`` (the page, and its htmx
fragment), ``/api/v1/opportunities?q=zorg`` and, interleaved with those, Meilisearch itself
with the multi-search body the app sends for that search. Prints requests per second, p50
and p99 latency, each as a ratio to raw Meilisearch (``--connections 1`` gives the
one-at-a-time latencies), CPU per request and the RSS of every process after the load. Figures are printed, never asserted: they depend on the
machine (its load average is printed with each row).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from meedoen.search.server import free_port

ROOT = Path(__file__).resolve().parents[1]
QUERY = "zorg"
# Name -> (path, request headers): the full page, its htmx fragment, the JSON API.
PATHS: dict[str, tuple[str, dict[str, str]]] = {
    "kansen": (f"/kansen?q={QUERY}", {}),
    "fragment": (f"/kansen?q={QUERY}", {"HX-Request": "true"}),
    "api": (f"/api/v1/opportunities?q={QUERY}", {}),
}
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def serve(data_dir: Path, port: int, workers: int, demo: bool) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEILI_", "DATABASE_URL"))}
    env.update(MEEDOEN_DATA_DIR=str(data_dir), MEEDOEN_ENV="development")
    env.pop("MEEDOEN_WEB_WORKERS", None)
    command = [sys.executable, "-m", "meedoen.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers)] + (["--demo"] if demo else [])
    log = (data_dir / f"serve-{workers}.log").open("wb")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("meedoen serve exited; see its log in the data folder")
        try:
            if httpx.get(f"{url}/health/ready", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("meedoen serve did not get ready")


def meilisearch_of(data_dir: Path, workers: int) -> str:
    log = (data_dir / f"serve-{workers}.log").read_text(errors="replace")
    found = re.search(r"Meilisearch running at (http://\S+)", log)
    assert found, log[-2000:]
    return found.group(1)


def app_search_body() -> str:
    """The multi-search the app sends for ``?q=zorg`` (no filters, first page)."""
    from meedoen.search import query

    search = query.OpportunitySearch(q=QUERY)
    q = query.expand_query(query.query_words(search.q))
    main = query._main_query("opportunities", q, search, list(query.FACETS.values()))
    return json.dumps({"queries": [main]})


@dataclass
class Run:
    """One wrk run: requests per second, requests answered, p50 and p99 latency (ms)."""

    rate: float
    requests: int
    p50: float
    p99: float


def wrk(
    url: str,
    connections: int,
    duration: int,
    lua: Path | None = None,
    headers: dict[str, str] | None = None,
) -> Run:
    threads = min(2, connections)
    # A 10 s timeout, so a slow answer counts in p99 instead of vanishing as a timeout.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", "10s"]
    command += ["-s", str(lua)] if lua else []
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"    ({errors.group(1)} non-2xx answers)")
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    if timeouts and int(timeouts.group(1)):
        print(f"    ({timeouts.group(1)} timed out after 10 s)")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    count = re.search(r"(\d+) requests in", output)
    assert rate and count, output
    return Run(
        float(rate.group(1)), int(count.group(1)), _percentile(output, 50), _percentile(output, 99)
    )


def _percentile(output: str, percent: int) -> float:
    found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    assert found, output
    return float(found.group(1)) * UNITS[found.group(2)]


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        times = process.cpu_times()
        total += times.user + times.system
    return total


@dataclass
class Tally:
    """Requests per second, and CPU milliseconds per request of the app and Meilisearch."""

    seconds: float = 0.0
    requests: int = 0
    app_cpu: float = 0.0
    meili_cpu: float = 0.0
    p50s: list[float] = field(default_factory=list)
    p99s: list[float] = field(default_factory=list)

    def p50(self) -> float:
        return statistics.median(self.p50s) if self.p50s else 0.0

    def p99(self) -> float:
        return statistics.median(self.p99s) if self.p99s else 0.0

    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def app_ms(self) -> float:
        return 1000 * self.app_cpu / max(self.requests, 1)

    def meili_ms(self) -> float:
        return 1000 * self.meili_cpu / max(self.requests, 1)


def measure(
    tally: Tally,
    app: list[psutil.Process],
    meili: list[psutil.Process],
    run: Callable[[], Run],
) -> None:
    app_before, meili_before = cpu_seconds(app), cpu_seconds(meili)
    result = run()
    tally.app_cpu += cpu_seconds(app) - app_before
    tally.meili_cpu += cpu_seconds(meili) - meili_before
    tally.requests += result.requests
    tally.seconds += result.requests / result.rate if result.rate else 0.0
    tally.p50s.append(result.p50)
    tally.p99s.append(result.p99)


def post_script(directory: Path, body: str, key: str) -> Path:
    script = directory / "multi_search.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(body)}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {key}"\n'
    )
    return script


def memory(process: subprocess.Popen[bytes]) -> list[str]:
    rows = []
    for child in [psutil.Process(process.pid), *psutil.Process(process.pid).children()]:
        line = " ".join(child.cmdline())
        role = (
            "meilisearch"
            if "meilisearch" in child.name()
            else "web"
            if "multiprocessing.spawn" in line or "--workers 1" in line
            else "background worker"
            if line.endswith("meedoen.cli worker")
            else "resource tracker"
            if "resource_tracker" in line
            else "serve (parent)"
        )
        rows.append(
            f"{role:<18} pid {child.pid:>7}  RSS {child.memory_info().rss / 2**20:6.1f} MiB"
        )
    return rows


def web_and_meilisearch(serve: subprocess.Popen[bytes]) -> tuple[list[psutil.Process], ...]:
    """The processes that answer requests (serve itself when it is the one), and
    Meilisearch."""
    parent = psutil.Process(serve.pid)
    children = parent.children()
    meili = [c for c in children if "meilisearch" in c.name()]
    web = [c for c in children if "multiprocessing.spawn" in " ".join(c.cmdline())]
    return (web or [parent]), meili


def report(connections: int, tallies: dict[str, Tally]) -> None:
    raw = tallies["raw"]
    print(f"  {connections:>3} connections (load average {os.getloadavg()[0]:.1f}):")
    for name, tally in tallies.items():
        print(
            f"    {name:<8} {tally.rate():7.1f} req/s ({tally.rate() / raw.rate():.2f}x raw); "
            f"p50 {tally.p50():7.2f} ms ({tally.p50() / raw.p50():.2f}x raw), "
            f"p99 {tally.p99():7.2f} ms ({tally.p99() / raw.p99():.2f}x raw); "
            f"CPU per request: app {tally.app_ms():5.2f} ms, Meilisearch "
            f"{tally.meili_ms():5.2f} ms"
        )
    for name in PATHS:
        # On otherwise idle cores shared by app and Meilisearch, throughput goes as
        # 1 / CPU per request: the ratio the machine's own load cannot blur.
        tally = tallies[name]
        expected = raw.meili_ms() / max(tally.app_ms() + tally.meili_ms(), 1e-9)
        print(f"    {name}: expected on idle cores {expected:.2f}x raw (from CPU per request)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3, help="slices of --duration each")
    parser.add_argument("--data-dir", type=Path, help="keep the seeded district here")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    data_dir = arguments.data_dir or Path(tempfile.mkdtemp(prefix="meedoen-workers-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    body = app_search_body()
    seeded = (data_dir / "meedoen.sqlite").exists()
    try:
        for workers in arguments.workers:
            port = free_port("127.0.0.1")
            url = f"http://127.0.0.1:{port}"
            process = serve(data_dir, port, workers, demo=not seeded)
            seeded = True
            try:
                wait_ready(url, process)
                meili = meilisearch_of(data_dir, workers)
                master = (data_dir / "meili_master_key").read_text().strip()
                raw = post_script(data_dir, body, master)
                for path, headers in PATHS.values():  # warm up every process
                    wrk(url + path, 8, 2, headers=headers)
                time.sleep(1)
                print(f"\n{workers} web process(es)")
                app, meili_processes = web_and_meilisearch(process)
                for connections in arguments.connections:
                    # Interleaved in short slices, so a busy moment of the machine
                    # falls on the app and on raw Meilisearch alike.
                    tallies = {name: Tally() for name in [*PATHS, "raw"]}
                    for _ in range(arguments.rounds):
                        for name, (path, headers) in PATHS.items():
                            measure(
                                tallies[name],
                                app,
                                meili_processes,
                                functools.partial(
                                    wrk, url + path, connections, arguments.duration, None, headers
                                ),
                            )
                        measure(
                            tallies["raw"],
                            app,
                            meili_processes,
                            functools.partial(
                                wrk, f"{meili}/multi-search", connections, arguments.duration, raw
                            ),
                        )
                    report(connections, tallies)
                for row in memory(process):
                    print(f"  {row}")
                log = (data_dir / f"serve-{workers}.log").read_text(errors="replace")
                print(
                    f"  serve log: {log.count('search failed')} searches failed, "
                    f"{log.count('answering from the database')} answered from the database, "
                    f"{log.count('search busy')} told busy"
                )
            finally:
                process.send_signal(signal.SIGINT)
                process.wait(timeout=60)
    finally:
        if arguments.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
