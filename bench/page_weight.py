"""First-visit page weight: what a browser downloads for a page, compressed as sent.

Run: ``python bench/page_weight.py`` serves the demo district itself (SQLite in a
temporary folder, its own Meilisearch, ``meedoen serve --demo``); ``--url URL`` measures an
instance that is already running instead. For each page it fetches the HTML the way a
browser does (``Accept-Encoding: br, gzip``), then every style sheet and script the page
links to, and prints the bytes on the wire with brotli, with gzip only and without
compression, plus each static file's Cache-Control and whether it set a cookie.

The goal (issue 19) is at most 50 KB, compressed, for the HTML, CSS and JavaScript of a
first visit to /kansen. The figures are printed, never asserted: they depend on the data.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import httpx

from meedoen.search.server import free_port

ROOT = Path(__file__).resolve().parents[1]
GOAL_KB = 50
ENCODINGS = {"br": "br, gzip", "gzip": "gzip", "none": "identity"}


class Assets(HTMLParser):
    """The style sheets (not print-only) and scripts a page links to, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("media") != "print":
            self.urls.append(found.get("href") or "")
        elif tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")


@dataclass
class Download:
    url: str
    sizes: dict[str, int]
    cache_control: str
    sets_cookie: bool


def download(http: httpx.Client, url: str) -> tuple[Download, str]:
    sizes: dict[str, int] = {}
    text = ""
    cache_control, sets_cookie = "", False
    for name, accept in ENCODINGS.items():
        with http.stream("GET", url, headers={"Accept-Encoding": accept}) as response:
            response.raise_for_status()
            body = b"".join(response.iter_raw())
            sizes[name] = len(body)
            cache_control = response.headers.get("cache-control", "")
            sets_cookie = "set-cookie" in response.headers
        if name == "none":
            text = body.decode("utf-8", "replace")
    return Download(url, sizes, cache_control, sets_cookie), text


def first_visit(http: httpx.Client, path: str) -> list[Download]:
    page, html = download(http, path)
    parser = Assets()
    parser.feed(html)
    return [page, *(download(http, url)[0] for url in dict.fromkeys(parser.urls) if url)]


def kb(size: int) -> str:
    return f"{size / 1024:7.1f}"


def report(path: str, downloads: list[Download]) -> dict[str, int]:
    print(f"\nFirst visit to {path}: {len(downloads)} requests (fonts not counted)")
    print(f"  {'brotli KB':>9} {'gzip KB':>8} {'plain KB':>8}  cache-control / cookie  url")
    for d in downloads:
        cookie = "SETS A COOKIE" if d.sets_cookie else ""
        print(
            f"  {kb(d.sizes['br']):>9} {kb(d.sizes['gzip']):>8} {kb(d.sizes['none']):>8}  "
            f"{d.cache_control or '-'} {cookie}  {d.url.split('?')[0]}"
        )
    totals = {name: sum(d.sizes[name] for d in downloads) for name in ENCODINGS}
    print(
        f"  {kb(totals['br']):>9} {kb(totals['gzip']):>8} {kb(totals['none']):>8}  "
        f"in all (goal: at most {GOAL_KB} KB compressed)"
    )
    return totals


def measure(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        listing = http.get("/kansen").text
        detail = re.search(r'href="(/kansen/[^"?/]+)"', listing)
        paths = ["/kansen", "/", *([detail.group(1)] if detail else [])]
        results = {path: report(path, first_visit(http, path)) for path in paths}
    kansen = results["/kansen"]
    print(
        f"\nfirst visit /kansen: {kb(kansen['br']).strip()} KB brotli, "
        f"{kb(kansen['gzip']).strip()} KB gzip, {kb(kansen['none']).strip()} KB uncompressed "
        f"(goal <= {GOAL_KB} KB)"
    )


def serve_demo(workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port("127.0.0.1")
    env = {**os.environ, "MEEDOEN_DATA_DIR": str(workdir), "MEEDOEN_ENV": "development"}
    env.pop("DATABASE_URL", None)
    env.pop("MEILI_URL", None)
    log = (workdir / "serve.log").open("wb")
    command = [
        str(Path(sys.executable).with_name("meedoen")),
        "serve",
        "--demo",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"meedoen serve stopped; see {workdir / 'serve.log'}")
        try:
            if httpx.get(f"{url}/health/ready", timeout=2).status_code == 200:
                return server, url
        except httpx.HTTPError:
            pass
        time.sleep(1)
    server.terminate()
    raise SystemExit("meedoen serve did not get ready within 10 minutes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure this running instance instead of a demo")
    args = parser.parse_args()
    if args.url:
        measure(args.url.rstrip("/"))
        return 0
    with tempfile.TemporaryDirectory(prefix="meedoen-weight-") as workdir:
        server, url = serve_demo(Path(workdir))
        try:
            measure(url)
        finally:
            server.terminate()
            server.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
