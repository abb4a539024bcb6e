"""CSRF tokens bound to the session, and the cookie names production uses.

Litestar's CSRF middleware checks that a form's token matches the ``csrftoken`` cookie
(double submit). On its own that cookie is not tied to anyone: a token planted in a
visitor's browser before they sign in (through a subdomain, or a network in between)
would stay valid afterwards. So signing in sets a CSRF cookie *derived from the new
session* (an HMAC of its token with the secret key), and :func:`session_bound_csrf`
refuses any state-changing request that carries a session cookie with another CSRF
cookie. In production both cookies get the ``__Host-`` prefix.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from http.cookies import SimpleCookie

from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.exceptions import PermissionDeniedException
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, generate_csrf_hash
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from meedoen.accounts.sessions import HOST_PREFIX, session_cookie_name
from meedoen.web.static_files import STATIC_PREFIX

CSRF_COOKIE = "csrftoken"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
API_PREFIX = "/api/"
"""The read-only JSON API: no browser session acts there, so no CSRF check either."""


def csrf_cookie_name(production: bool) -> str:
    return f"{HOST_PREFIX}{CSRF_COOKIE}" if production else CSRF_COOKIE


def bound_csrf_token(secret: str, session_token: str) -> str:
    """The CSRF token of one session, in the form Litestar's middleware checks."""
    raw = hmac.new(secret.encode(), f"csrf\0{session_token}".encode(), hashlib.sha256)
    token = raw.hexdigest()[:CSRF_SECRET_LENGTH]
    return token + generate_csrf_hash(token=token, secret=secret)


def _cookies(scope: Scope) -> SimpleCookie:
    cookies: SimpleCookie = SimpleCookie()
    for name, value in scope["headers"]:
        if name == b"cookie":
            try:
                cookies.load(value.decode("latin-1"))
            except Exception:  # noqa: S112 - a malformed cookie header is ignored
                continue
    return cookies


def session_bound_csrf(secret: str, production: bool) -> Callable[[ASGIApp], ASGIApp]:
    """Middleware: with a session, only the session's own CSRF token counts.

    A state-changing request with another token is refused. A page request with another
    token (a planted cookie, or a session from before this rule) is served as if it had
    the session's own, and the browser gets that one: its next form works.
    """
    session_name, csrf_name = session_cookie_name(production), csrf_cookie_name(production)

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or scope["path"].startswith((API_PREFIX, STATIC_PREFIX)):
                await app(scope, receive, send)
                return
            cookies = _cookies(scope)
            session = cookies[session_name].value if session_name in cookies else ""
            csrf = cookies[csrf_name].value if csrf_name in cookies else ""
            bound = bound_csrf_token(secret, session) if session else ""
            if not session or hmac.compare_digest(csrf, bound):
                await app(scope, receive, send)
                return
            if scope.get("method", "GET") not in SAFE_METHODS:
                raise PermissionDeniedException("CSRF token verification failed")
            cookies[csrf_name] = bound
            header = "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())
            headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
            scope["headers"] = [*headers, (b"cookie", header.encode("latin-1"))]
            set_cookie = Cookie(
                key=csrf_name,
                value=bound,
                path="/",
                secure=production,
                httponly=True,
                samesite="lax",
            ).to_header(header="")

            async def send_with_cookie(message: Message) -> None:
                if message["type"] == "http.response.start":
                    MutableScopeHeaders.from_message(message).add("set-cookie", set_cookie)
                await send(message)

            await app(scope, receive, send_with_cookie)

        return middleware

    return factory
