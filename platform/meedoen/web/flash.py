"""Flash messages: a short notice shown once on the next page ("Je bent uitgelogd.").

A handler calls :func:`flash` before redirecting; the middleware carries the messages
in a signed cookie to the next page, puts them in ``scope["flash_messages"]`` (which
``base_context`` shows) and clears the cookie once a page has shown them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

FLASH_COOKIE = "melding"
MAX_AGE_SECONDS = 300
OUTGOING = "flash_outgoing"


def flash(request: Any, text: str, level: str = "success") -> None:
    """Show ``text`` (already translated) on the next page; level: info/success/warning/error."""
    request.scope.setdefault(OUTGOING, []).append({"level": level, "text": text})


def _read(serializer: URLSafeTimedSerializer, scope: Scope) -> list[dict[str, str]]:
    for name, value in scope["headers"]:
        if name != b"cookie":
            continue
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(value.decode("latin-1"))
        except Exception:  # noqa: S112 - a malformed cookie header is ignored
            continue
        if FLASH_COOKIE in cookies:
            try:
                messages = serializer.loads(cookies[FLASH_COOKIE].value, max_age=MAX_AGE_SECONDS)
            except (BadSignature, json.JSONDecodeError):
                return []
            return (
                [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []
            )
    return []


def flash_middleware(secret_key: str, production: bool) -> Callable[[ASGIApp], ASGIApp]:
    serializer = URLSafeTimedSerializer(secret_key, salt="flash-messages")

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or scope["path"].startswith("/static/"):
                await app(scope, receive, send)
                return
            incoming = _read(serializer, scope)
            scope["flash_messages"] = incoming  # type: ignore[typeddict-unknown-key]

            async def send_with_flash(message: Message) -> None:
                if message["type"] == "http.response.start":
                    outgoing = scope.get(OUTGOING)
                    headers = MutableScopeHeaders.from_message(message)
                    if outgoing:
                        cookie = Cookie(
                            key=FLASH_COOKIE,
                            value=serializer.dumps(outgoing),
                            max_age=MAX_AGE_SECONDS,
                            httponly=True,
                            samesite="lax",
                            secure=production,
                        )
                        headers.add("set-cookie", cookie.to_header(header=""))
                    elif incoming and message["status"] < 300:
                        # Shown now (a redirect would not have shown them): forget them.
                        cookie = Cookie(key=FLASH_COOKIE, value="", max_age=0, expires=0)
                        headers.add("set-cookie", cookie.to_header(header=""))
                await send(message)

            await app(scope, receive, send_with_flash)

        return middleware

    return factory
