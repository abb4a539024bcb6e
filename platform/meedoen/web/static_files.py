"""Static files: URLs with a content hash, kept by browsers for a year, and never a cookie.

Pages link to ``/static/<path>?v=<hash of the file>`` (:func:`static_url`). A request
with the file's current hash gets ``Cache-Control: public, max-age=31536000, immutable``:
the browser never asks again, and a changed file has a new URL. Any other request for a
static file (no ``v``, or the hash of an older version) gets ``no-cache``, so a browser
checks it again next time instead of keeping the wrong content for a year.

Such a versioned text file (CSS, JavaScript, SVG) is sent compressed as well as it can be
(brotli 11 or gzip 9, like nginx's ``brotli_static``): compressed once per file and
process, in a thread, then kept in memory. Everything else is compressed on the fly by
``web.compression``.

Static responses carry no cookies: the CSRF middlewares leave :data:`STATIC_PREFIX` alone
(see ``app/factory.py`` and ``accounts/csrf.py``), so caches in between may share them.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from urllib.parse import parse_qs

import anyio.to_thread
import brotli
from litestar import Router
from litestar.datastructures import Headers, MutableScopeHeaders
from litestar.static_files import create_static_files_router
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from meedoen.paths import STATIC_DIR

STATIC_PREFIX = "/static/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
PRECOMPRESSED_SUFFIXES = frozenset({".css", ".js", ".svg", ".json", ".txt"})
_ROOT = STATIC_DIR.resolve()
MEMORY_ENTRIES = 256
_memory: dict[tuple[str, int, int, str], bytes] = {}
_locks: dict[tuple[str, int, int, str], asyncio.Lock] = {}


@lru_cache(maxsize=512)
def _hash_of(relative: str, modified_ns: int, size: int) -> str:
    """The version of one state of a file (a changed file gets a new entry)."""
    return hashlib.sha256((STATIC_DIR / relative).read_bytes()).hexdigest()[:10]


def _file_state(path: str, *, untrusted: bool) -> tuple[str, int, int] | None:
    """(path under STATIC_DIR, modification time, size) of a static file, or None."""
    file = STATIC_DIR / path
    if untrusted:
        file = file.resolve()
        if not file.is_relative_to(_ROOT):
            return None
        path = file.relative_to(_ROOT).as_posix()
    try:
        found = file.stat()
    except (OSError, ValueError):
        return None
    return (path, found.st_mtime_ns, found.st_size) if S_ISREG(found.st_mode) else None


def static_version(path: str) -> str:
    """The content hash of ``static/<path>``, or "0" for a path that is not a static file."""
    state = _file_state(path, untrusted=False)
    return "0" if state is None else _hash_of(*state)


def static_url(path: str) -> str:
    """URL of a static file with its content hash, so browsers may keep it for a year."""
    return f"/static/{path}?v={static_version(path)}"


def _asked_version(scope: Scope) -> str:
    return parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [""])[0]


def _accepted_encoding(scope: Scope) -> str | None:
    accepted = set()
    for part in Headers.from_scope(scope).get("accept-encoding", "").lower().split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(name.strip())
    return next((name for name in ("br", "gzip") if name in accepted), None)


def _compress(relative: str, modified_ns: int, size: int, encoding: str) -> bytes:
    data = (STATIC_DIR / relative).read_bytes()
    if encoding == "br":
        return bytes(brotli.compress(data, quality=11, mode=brotli.MODE_TEXT))
    return gzip.compress(data, compresslevel=9, mtime=0)


async def _compressed(state: tuple[str, int, int], encoding: str) -> bytes:
    """Compressed once per file state and process, off the event loop."""
    key = (*state, encoding)
    body = _memory.get(key)
    if body is None:
        async with _locks.setdefault(key, asyncio.Lock()):
            body = _memory.get(key)
            if body is None:
                body = await anyio.to_thread.run_sync(_compress, *key)
                if len(_memory) >= MEMORY_ENTRIES:  # files edited while it runs (development)
                    _memory.clear()
                _memory[key] = body
    return body


async def _send_precompressed(scope: Scope, send: Send) -> bool:
    """Send a versioned text file compressed from memory; False when that does not apply."""
    path = scope["path"].removeprefix(STATIC_PREFIX)
    encoding = _accepted_encoding(scope)
    if scope.get("method") != "GET" or encoding is None:
        return False
    if Path(path).suffix not in PRECOMPRESSED_SUFFIXES:
        return False
    state = _file_state(path, untrusted=True)
    if state is None or _asked_version(scope) != _hash_of(*state):
        return False
    body = await _compressed(state, encoding)
    media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    headers = [
        (b"content-type", f"{media_type}; charset=utf-8".encode()),
        (b"content-encoding", encoding.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", IMMUTABLE.encode()),
        (b"vary", b"Accept-Encoding"),
        (b"etag", f'W/"{_hash_of(*state)}-{encoding}"'.encode()),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
    return True


def _cache_control(scope: Scope) -> str:
    state = _file_state(scope["path"].removeprefix(STATIC_PREFIX), untrusted=True)
    current = None if state is None else _hash_of(*state)
    return IMMUTABLE if current is not None and _asked_version(scope) == current else REVALIDATE


def static_delivery(app: ASGIApp) -> ASGIApp:
    """Middleware of the static router: precompressed text, and the right Cache-Control."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if await _send_precompressed(scope, send):
            return

        async def send_with_cache_control(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                MutableScopeHeaders.from_message(message)["Cache-Control"] = _cache_control(scope)
            await send(message)

        await app(scope, receive, send_with_cache_control)

    return middleware


def static_files_router() -> Router:
    return create_static_files_router(
        path=STATIC_PREFIX.rstrip("/"),
        directories=[STATIC_DIR],
        name="static",
        include_in_schema=False,
        middleware=[static_delivery],
    )
