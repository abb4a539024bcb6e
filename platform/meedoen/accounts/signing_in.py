"""Signing in and out, with brute-force protection."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from meedoen.accounts import sessions, throttle
from meedoen.accounts.passwords import hash_password, needs_rehash, verify_password
from meedoen.accounts.service import normalise_email, send_verification_mail
from meedoen.accounts.tables import Account
from meedoen.settings import Settings


@dataclass(frozen=True)
class SignInOutcome:
    token: str | None = None
    """The new session's token for the cookie, when signed in."""
    wait_seconds: int = 0
    """Too many failures: try again after this many seconds (the password was not checked)."""
    needs_verification: bool = False
    """Right password, but the e-mail address is not confirmed yet; a new link was sent."""
    role: str = ""
    """The signed-in account's role: it decides the start page."""

    @property
    def signed_in(self) -> bool:
        return self.token is not None


_dummy: list[str] = []


async def _dummy_hash() -> str:
    """A hash of a random password, made once, to check unknown addresses against."""
    if not _dummy:
        _dummy.append(await hash_password(secrets.token_urlsafe(16)))
    return _dummy[0]


async def sign_in(
    settings: Settings,
    email: str,
    password: str,
    *,
    client_address: str | None,
    replacing: str | None = None,
    next_path: str = "",
) -> SignInOutcome:
    """Check the password and start a session; ``replacing`` is the browser's old token.

    ``next_path`` (a checked local path) goes into a new confirmation link, so someone
    who confirms their address only now still comes back where they were."""
    email = normalise_email(email)
    who = throttle.attempt(throttle.SIGN_IN, settings.secret_key, email, client_address)
    # Reserved before the password is checked: a burst of attempts cannot all be checked.
    if wait := await throttle.reserve(who):
        return SignInOutcome(wait_seconds=wait)
    account = await Account.objects().get(Account.email == email)
    if account is None or not account.is_active:
        # Same work as for a real account, so timing does not tell which addresses exist.
        await verify_password(await _dummy_hash(), password)
        return SignInOutcome()
    if not await verify_password(account.password_hash, password):
        return SignInOutcome()
    await throttle.forget_failures(who)
    if account.email_verified_at is None:
        await send_verification_mail(settings, account, next_path, client_address=client_address)
        return SignInOutcome(needs_verification=True)
    changes: dict[Any, Any] = {Account.last_sign_in_at: dt.datetime.now(dt.UTC)}
    if needs_rehash(account.password_hash):
        changes[Account.password_hash] = await hash_password(password)
    await Account.update(changes).where(Account.id == account.id).run()
    token = await sessions.start_session(account.id, replacing=replacing)
    return SignInOutcome(token=token, role=account.role)


async def sign_out(token: str | None) -> None:
    if token:
        await sessions.end_session(token)


async def sign_out_everywhere(account_id: int) -> None:
    await sessions.end_all_sessions(account_id)
