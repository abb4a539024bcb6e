"""A CV far over the request body limit still ends on the profile page, with what was typed.

Litestar refuses a body over ``request_max_body_size`` (10 MB) before anything reads it:
the resident would get an error page and lose the form. On the profile form this
middleware reads such a body itself instead. It keeps the ordinary fields, which come
before the file in the form, throws the file away as it arrives, and passes the form on
without the file but with a note saying which file was too big. CSRF is checked and the
page is rendered as for any refused CV. The whole body is read, so the browser gets the
answer instead of a connection reset halfway through its upload.
"""

from __future__ import annotations

import re
from typing import Any

from litestar.types import ASGIApp, Empty, HTTPRequestEvent, Receive, ReceiveMessage, Scope, Send
from litestar.utils.scope.state import ScopeState

from meedoen.accounts.current_user import CurrentUser

TOO_BIG_FIELD = "_te_groot"
KEEP_BYTES = 256 * 1024
"""Enough for every ordinary field of the profile form; they come before the file."""
READ_AT_MOST = 200 * 1024 * 1024
"""Bigger bodies are not read: Litestar's plain "too big" page answers those."""
BOUNDARY = re.compile(rb"boundary=\"?([^\";]+)\"?", re.IGNORECASE)
FIELD_NAME = re.compile(rb'\bname="([^"]*)"', re.IGNORECASE)


def oversized_upload_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        boundary = _boundary_if_oversized(scope)
        if boundary is None:
            await app(scope, receive, send)
            return
        start = await _keep_start_read_rest(receive)
        if start is None:  # the browser went away
            return
        body = without_files(start, boundary)
        scope["headers"] = [
            (name, value) for name, value in scope["headers"] if name != b"content-length"
        ] + [(b"content-length", str(len(body)).encode())]
        ScopeState.from_scope(scope).headers = Empty  # parsed before, with the old length
        await app(scope, _replay(body, receive), send)

    return middleware


def _boundary_if_oversized(scope: Scope) -> bytes | None:
    """The multipart boundary when a resident sends a body over the limit, else None."""
    user = scope.get("user")
    if not isinstance(user, CurrentUser) or user.role != "resident":
        return None  # the guard will refuse them anyway: no reason to read their upload
    route_handler: Any = scope.get("route_handler")
    limit = route_handler.resolve_request_max_body_size() if route_handler else None
    headers = dict(scope["headers"])
    try:
        length = int(headers.get(b"content-length", b""))
    except ValueError:
        return None
    if not limit or not limit < length <= READ_AT_MOST:
        return None
    content_type = headers.get(b"content-type", b"")
    if not content_type.lower().startswith(b"multipart/form-data"):
        return None
    match = BOUNDARY.search(content_type)
    return match.group(1) if match else None


async def _keep_start_read_rest(receive: Receive) -> bytes | None:
    kept = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        assert isinstance(chunk, bytes)
        if len(kept) < KEEP_BYTES:
            kept += chunk[: KEEP_BYTES - len(kept)]
        if not message.get("more_body", False):
            return bytes(kept)


def without_files(start: bytes, boundary: bytes) -> bytes:
    """A multipart body of the complete non-file parts in ``start``, and the note.

    The note names the file field that was cut off (the part that did not fit).
    """
    delimiter = b"--" + boundary
    pieces = start.split(delimiter)
    parts, cut_off = pieces[1:-1], pieces[-1] if len(pieces) > 1 else b""
    kept = [
        part
        for part in parts
        if b"\r\n\r\n" in part and b"filename=" not in part.split(b"\r\n\r\n", 1)[0].lower()
    ]
    head = cut_off.split(b"\r\n\r\n", 1)[0]
    name = FIELD_NAME.search(head)
    note = (
        b'\r\nContent-Disposition: form-data; name="'
        + TOO_BIG_FIELD.encode()
        + b'"\r\n\r\n'
        + (name.group(1) if name else b"")
        + b"\r\n"
    )
    return b"".join(delimiter + part for part in [*kept, note]) + delimiter + b"--\r\n"


def _replay(body: bytes, receive: Receive) -> Receive:
    replayed = False

    async def replay() -> ReceiveMessage:
        nonlocal replayed
        if replayed:  # after the body, as the server would: wait for the disconnect
            return await receive()
        replayed = True
        request: HTTPRequestEvent = {"type": "http.request", "body": body, "more_body": False}
        return request

    return replay
