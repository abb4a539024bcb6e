"""Brute-force protection for sign-in and password-reset forms.

Every attempt first takes a **reservation**: a row written (and committed) before the
password is checked or a mail is queued. Only then are the rows counted, all of them,
including the reservations of attempts still in flight on this or any other app
instance. An attempt whose count is over a limit gives its reservation back and is
refused without its password being checked. So of any number of simultaneous attempts
at most the limit is ever checked, on SQLite and PostgreSQL alike: of the attempts that
went ahead, the one that counted last saw every other one's reservation.

A reservation that went ahead stays as a failure unless the password was right
(:func:`forget_failures`). Failures are counted per (account, address), per address over all accounts and per
account over all addresses. The pair and the address are slowed down and then blocked;
the account alone is only slowed down, never locked, so an attacker cannot lock a
resident out of their own account by guessing from elsewhere.

The client address is ``scope["client"]``. Behind a reverse proxy, start uvicorn with
``--proxy-headers --forwarded-allow-ips=<proxy>`` so that is the visitor's address
and not the proxy's (otherwise every visitor shares one address and one budget).

E-mail addresses and IP addresses are stored only as HMACs with the secret key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.tables import SignInFailure
from meedoen.db import write_transaction

WINDOW = dt.timedelta(minutes=15)
BLOCK = dt.timedelta(minutes=15)
KEEP = dt.timedelta(hours=24)

SIGN_IN = "inloggen"
PASSWORD_RESET = "wachtwoord-vergeten"  # noqa: S105 - an action, not a password
REGISTER = "registreren"


@dataclass(frozen=True)
class Limits:
    pair_slow_after: int
    """Failures of one account from one address before each next try must wait."""
    pair_block_after: int
    """Failures of one account from one address before that pair is blocked."""
    address_block_after: int
    """Failures from one address (any account) before the address is blocked."""
    account_slow_after: int
    """Failures of one account from all addresses before it is slowed down (never blocked)."""
    account_max_delay: dt.timedelta
    first_delay: dt.timedelta = dt.timedelta(seconds=5)


LIMITS = {
    SIGN_IN: Limits(
        pair_slow_after=5,
        pair_block_after=10,
        address_block_after=50,
        account_slow_after=20,
        account_max_delay=dt.timedelta(seconds=30),
    ),
    # Each reset request counts: it sends a mail, and mails must not become a weapon.
    PASSWORD_RESET: Limits(
        pair_slow_after=3,
        pair_block_after=5,
        address_block_after=20,
        account_slow_after=5,
        account_max_delay=dt.timedelta(minutes=5),
    ),
}
# Registering sends a mail to the address given, so it is limited like a reset request.
LIMITS[REGISTER] = LIMITS[PASSWORD_RESET]


@dataclass(frozen=True)
class Attempt:
    """Who tries: keys that identify account and address without storing either."""

    action: str
    account_key: str
    address_key: str


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _key(secret: str, kind: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{kind}\0{value}".encode(), hashlib.sha256).hexdigest()


def attempt(action: str, secret: str, email: str, client_address: str | None) -> Attempt:
    return Attempt(
        action=action,
        account_key=_key(secret, "account", email.strip().lower()),
        address_key=_key(secret, "address", client_address or "unknown"),
    )


async def reserve(who: Attempt) -> int:
    """Reserve one attempt before checking anything: 0 means go ahead (the reservation
    now counts as a failure until :func:`forget_failures`); otherwise the number of
    seconds to wait, and nothing was reserved."""
    # Committed on its own before counting; a write transaction (IMMEDIATE on SQLite)
    # waits for the write lock instead of failing when another instance writes.
    async with write_transaction():
        now = utcnow()
        rows = (
            await SignInFailure.insert(
                SignInFailure(
                    action=who.action,
                    account_key=who.account_key,
                    address_key=who.address_key,
                    failed_at=now,
                )
            )
            .returning(SignInFailure.id)
            .run()
        )
    reservation = rows[0]["id"]
    wait = await seconds_to_wait(who, besides=reservation)
    async with write_transaction():
        if wait:
            await SignInFailure.delete().where(SignInFailure.id == reservation).run()
        else:
            await SignInFailure.delete().where(SignInFailure.failed_at < now - KEEP).run()
    return wait


async def seconds_to_wait(who: Attempt, besides: int | None = None) -> int:
    """0 when ``who`` may try now; otherwise how many seconds to wait first.

    Every failure and reservation counts except ``besides`` (the caller's own).
    """
    limits = LIMITS[who.action]
    now = utcnow()
    since = now - WINDOW - BLOCK
    recent: Any = SignInFailure.action == who.action
    if besides is not None:
        recent = recent & (SignInFailure.id != besides)
    pair = await _failure_times(
        recent
        & (SignInFailure.account_key == who.account_key)
        & (SignInFailure.address_key == who.address_key),
        since,
        limits.pair_block_after,
    )
    address = await _failure_times(
        recent & (SignInFailure.address_key == who.address_key), since, limits.address_block_after
    )
    account = await _failure_times(
        recent & (SignInFailure.account_key == who.account_key),
        now - WINDOW,
        limits.account_slow_after + 10,
    )
    allowed_at = max(
        now,
        _pair_allowed_at(pair, limits),
        _blocked_until(address, limits.address_block_after),
        _account_allowed_at(account, limits),
    )
    return max(0, math.ceil((allowed_at - now).total_seconds()))


async def _failure_times(where: Any, since: dt.datetime, limit: int) -> list[dt.datetime]:
    """The latest failures first, at most ``limit`` of them."""
    rows = (
        await SignInFailure.select(SignInFailure.failed_at)
        .where(where & (SignInFailure.failed_at > since))
        .order_by(SignInFailure.failed_at, ascending=False)
        .limit(limit)
        .run()
    )
    return [row["failed_at"] for row in rows]


def _in_window(times: list[dt.datetime]) -> list[dt.datetime]:
    """The failures within WINDOW before the latest one (which starts any block)."""
    if not times:
        return []
    return [t for t in times if times[0] - t < WINDOW]


def _blocked_until(times: list[dt.datetime], block_after: int) -> dt.datetime:
    streak = _in_window(times)
    if len(streak) >= block_after:
        return streak[0] + BLOCK
    return dt.datetime.min.replace(tzinfo=dt.UTC)


def _pair_allowed_at(times: list[dt.datetime], limits: Limits) -> dt.datetime:
    streak = _in_window(times)
    if len(streak) >= limits.pair_block_after:
        return streak[0] + BLOCK
    if len(streak) >= limits.pair_slow_after:
        doublings = len(streak) - limits.pair_slow_after
        return streak[0] + limits.first_delay * 2**doublings
    return dt.datetime.min.replace(tzinfo=dt.UTC)


def _account_allowed_at(times: list[dt.datetime], limits: Limits) -> dt.datetime:
    if len(times) < limits.account_slow_after:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    doublings = len(times) - limits.account_slow_after
    delay = min(limits.first_delay * 2**doublings, limits.account_max_delay)
    return times[0] + delay


async def forget_failures(who: Attempt) -> None:
    """After a successful sign-in the pair starts afresh; other addresses' failures stay."""
    async with write_transaction():
        await (
            SignInFailure.delete()
            .where(
                (SignInFailure.action == who.action)
                & (SignInFailure.account_key == who.account_key)
                & (SignInFailure.address_key == who.address_key)
            )
            .run()
        )
