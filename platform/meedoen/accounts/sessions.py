"""Sessions in the database, and the middleware that turns a cookie into a CurrentUser.

The cookie holds a random token; the table holds only its SHA-256. A session ends
after 60 minutes without a request or 12 hours after sign-in, whichever comes first.
Nothing is kept in process memory, so any number of app instances can share them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie
from typing import Any

from litestar.types import ASGIApp, Receive, Scope, Send

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.tables import AccountSession, Membership

log = logging.getLogger(__name__)

SESSION_COOKIE = "sessie"
# In production the cookies carry the __Host- prefix: browsers then accept them only
# over HTTPS, for this exact host and path "/", so no subdomain can plant or toss one.
HOST_PREFIX = "__Host-"
IDLE_TIMEOUT = dt.timedelta(minutes=60)
ABSOLUTE_TIMEOUT = dt.timedelta(hours=12)
LAST_SEEN_PRECISION = dt.timedelta(minutes=1)
# Requests for these never need to know who is asking; skipping them saves a query.
ANONYMOUS_PATHS = ("/static/", "/health", "/api/schema")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start_session(account_id: int, replacing: str | None = None) -> str:
    """A new session for the account; returns the token for the cookie.

    ``replacing`` is the token the browser came with, if any: it is discarded, so a
    token planted before sign-in (session fixation) is worthless afterwards.
    """
    if replacing:
        await end_session(replacing)
    now = utcnow()
    token = secrets.token_urlsafe(32)
    await AccountSession.insert(
        AccountSession(
            token_hash=token_hash(token),
            account=account_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_TIMEOUT,
        )
    ).run()
    # Cheap housekeeping on a moment that is rare enough: sign-in.
    await AccountSession.delete().where(AccountSession.expires_at < now).run()
    return token


async def end_session(token: str) -> None:
    await AccountSession.delete().where(AccountSession.token_hash == token_hash(token)).run()


async def end_all_sessions(account_id: int, *, except_token: str | None = None) -> None:
    """Sign the account out everywhere, optionally keeping the session in use now."""
    query = AccountSession.delete().where(AccountSession.account == account_id)
    if except_token:
        query = query.where(AccountSession.token_hash != token_hash(except_token))
    await query.run()


async def user_for_token(token: str) -> CurrentUser | None:
    """The signed-in user for a cookie token, or None when the session ended or expired."""
    rows = (
        await AccountSession.select(
            AccountSession.id,
            AccountSession.last_seen_at,
            AccountSession.expires_at,
            AccountSession.account.id.as_alias("account_id"),
            AccountSession.account.email.as_alias("email"),
            AccountSession.account.role.as_alias("role"),
            AccountSession.account.display_name.as_alias("display_name"),
            AccountSession.account.language.as_alias("language"),
            AccountSession.account.is_active.as_alias("is_active"),
        )
        .where(AccountSession.token_hash == token_hash(token))
        .run()
    )
    if not rows:
        return None
    row = rows[0]
    now = utcnow()
    if (
        not row["is_active"]
        or now >= row["expires_at"]
        or now - row["last_seen_at"] >= IDLE_TIMEOUT
    ):
        await AccountSession.delete().where(AccountSession.id == row["id"]).run()
        return None
    if now - row["last_seen_at"] >= LAST_SEEN_PRECISION:
        # At most one write a minute per session: enough for the idle timeout.
        await (
            AccountSession.update({AccountSession.last_seen_at: now})
            .where(AccountSession.id == row["id"])
            .run()
        )
    return await _current_user(row)


async def _current_user(row: dict[str, Any]) -> CurrentUser:
    memberships = (
        await Membership.select(
            Membership.organisation,
            Membership.role,
            Membership.organisation.verified.as_alias("verified"),
            Membership.organisation.blocked.as_alias("blocked"),
        )
        .where(Membership.account == row["account_id"])
        .run()
    )
    return CurrentUser(
        account_id=row["account_id"],
        email=row["email"],
        role=row["role"],
        display_name=row["display_name"],
        language=row["language"],
        organisation_ids=frozenset(m["organisation"] for m in memberships),
        owner_of=frozenset(m["organisation"] for m in memberships if m["role"] == "owner"),
        verified_organisation_ids=frozenset(
            m["organisation"] for m in memberships if m["verified"] and not m["blocked"]
        ),
    )


def session_cookie_name(production: bool) -> str:
    return f"{HOST_PREFIX}{SESSION_COOKIE}" if production else SESSION_COOKIE


def session_token_from_headers(
    headers: Iterable[tuple[bytes, bytes]], cookie_name: str = SESSION_COOKIE
) -> str | None:
    for name, value in headers:
        if name == b"cookie":
            cookies: SimpleCookie = SimpleCookie()
            try:
                cookies.load(value.decode("latin-1"))
            except Exception:  # noqa: S112 - a malformed cookie header is ignored
                continue
            if cookie_name in cookies and cookies[cookie_name].value:
                return cookies[cookie_name].value
    return None


async def _user_or_visitor(token: str) -> CurrentUser | None:
    try:
        return await user_for_token(token)
    except Exception as error:
        # Without the database nobody can be recognised; public pages should still work,
        # and treating the request as a visitor's never grants more than it should.
        log.warning("session lookup failed: %s: %s", type(error).__name__, error)
        return None


def session_middleware_for(production: bool) -> Callable[[ASGIApp], ASGIApp]:
    """Middleware that sets ``scope["user"]`` to the signed-in CurrentUser, or None."""
    cookie_name = session_cookie_name(production)

    def session_middleware(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                token = None
                if not scope["path"].startswith(ANONYMOUS_PATHS):
                    token = session_token_from_headers(scope["headers"], cookie_name)
                scope["user"] = await _user_or_visitor(token) if token else None
            await app(scope, receive, send)

        return middleware

    return session_middleware
