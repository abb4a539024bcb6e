"""Single-use links in e-mails: confirm an address, reset a password, change e-mail.

The link carries a random token; the table stores its SHA-256 only. A link works once
and only before it expires; a new password-reset link cancels older ones.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from meedoen.accounts.sessions import token_hash
from meedoen.accounts.tables import AccountLink

# Stored in a Varchar(20): keep these short.
VERIFY_EMAIL = "email-bevestigen"
RESET_PASSWORD = "wachtwoord-nieuw"  # noqa: S105 - a purpose, not a password
CHANGE_EMAIL = "email-wijzigen"

LIFETIMES = {
    VERIFY_EMAIL: dt.timedelta(days=7),
    RESET_PASSWORD: dt.timedelta(hours=1),
    CHANGE_EMAIL: dt.timedelta(hours=24),
}


@dataclass(frozen=True)
class ValidLink:
    id: int
    account_id: int
    purpose: str
    new_email: str | None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def create_link(account_id: int, purpose: str, new_email: str | None = None) -> str:
    """Store a new link and return its token (only ever put in the e-mail)."""
    now = utcnow()
    if purpose in (RESET_PASSWORD, CHANGE_EMAIL):
        await cancel_links(account_id, purpose)
    token = secrets.token_urlsafe(32)
    await AccountLink.insert(
        AccountLink(
            token_hash=token_hash(token),
            account=account_id,
            purpose=purpose,
            new_email=new_email,
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
    ).run()
    await AccountLink.delete().where(AccountLink.expires_at < now - dt.timedelta(days=1)).run()
    return token


async def recent_link(account_id: int, purpose: str, within: dt.timedelta) -> bool:
    """Whether an unused link for this purpose was made for the account within ``within``."""
    return bool(
        await AccountLink.exists().where(
            (AccountLink.account == account_id)
            & (AccountLink.purpose == purpose)
            & AccountLink.used_at.is_null()
            & (AccountLink.created_at > utcnow() - within)
        )
    )


async def find_link(token: str, purpose: str) -> ValidLink | None:
    """The link if it exists, has this purpose, is unused and has not expired."""
    rows = (
        await AccountLink.select()
        .where(
            (AccountLink.token_hash == token_hash(token))
            & (AccountLink.purpose == purpose)
            & AccountLink.used_at.is_null()
            & (AccountLink.expires_at > utcnow())
        )
        .run()
    )
    if not rows:
        return None
    row = rows[0]
    return ValidLink(row["id"], row["account"], row["purpose"], row["new_email"])


async def use_link(link: ValidLink) -> bool:
    """Mark the link used; False when another request used it first."""
    # The condition in the UPDATE makes "single use" hold even for two requests at once.
    used = (
        await AccountLink.update({AccountLink.used_at: utcnow()})
        .where((AccountLink.id == link.id) & AccountLink.used_at.is_null())
        .returning(AccountLink.id)
        .run()
    )
    return bool(used)


async def cancel_links(account_id: int, purpose: str) -> None:
    await (
        AccountLink.update({AccountLink.used_at: utcnow()})
        .where(
            (AccountLink.account == account_id)
            & (AccountLink.purpose == purpose)
            & AccountLink.used_at.is_null()
        )
        .run()
    )
