"""Throughput of `meedoen serve` with 1 and with 2 web processes, beside raw Meilisearch.

Run: ``python bench/web_workers.py [--duration 10] [--connections 16 64] [--workers 1 2]``
(needs ``wrk``: ``apt-get install wrk``). Seeds the demo district into a fresh data folder
(SQLite, the serve's own Meilisearch), then for each worker count starts ``meedoen serve
--workers N`` on it and runs wrk against ``/kansen?q=zorg``, ``/api/v1/opportunities?q=zorg``
and, side by side, Meilisearch itself with the multi-search body the app sends for that
search. Prints requests per second, the ratio to
raw Meilisearch, and the RSS of every process after the load. Figures are printed, never
asserted: they depend on the machine (its load average is printed with each row).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

from meedoen.search.server import free_port

ROOT = Path(__file__).resolve().parents[1]
QUERY = "zorg"
PATHS = {"kansen": f"/kansen?q={QUERY}", "api": f"/api/v1/opportunities?q={QUERY}"}


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


def wrk(url: str, connections: int, duration: int, lua: Path | None = None) -> float:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["-s", str(lua)] if lua else []
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"    ({errors.group(1)} non-2xx answers)")
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    assert found, output
    return float(found.group(1))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    data_dir = Path(tempfile.mkdtemp(prefix="meedoen-workers-bench-"))
    body = app_search_body()
    seeded = False
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
                for path in PATHS.values():  # warm up every process
                    wrk(url + path, 8, 2)
                print(f"\n{workers} web process(es)")
                for connections in arguments.connections:
                    rates = {
                        name: wrk(url + path, connections, arguments.duration)
                        for name, path in PATHS.items()
                    }
                    rates["raw"] = wrk(
                        f"{meili}/multi-search", connections, arguments.duration, raw
                    )
                    load = os.getloadavg()[0]
                    print(
                        f"  {connections:>3} connections: /kansen {rates['kansen']:7.1f} req/s "
                        f"({rates['kansen'] / rates['raw']:.2f}x raw), API {rates['api']:7.1f} "
                        f"({rates['api'] / rates['raw']:.2f}x), raw Meilisearch "
                        f"{rates['raw']:7.1f}; load average {load:.1f}"
                    )
                for row in memory(process):
                    print(f"  {row}")
            finally:
                process.send_signal(signal.SIGINT)
                process.wait(timeout=60)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
