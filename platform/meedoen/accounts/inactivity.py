"""Resident accounts nobody uses any more (for the retention rule in meedoen.retention).

An account's last activity is its last sign-in, or its creation when it never signed in
(sessions end after 12 hours, so someone who uses the platform signs in). An inactive
account is warned once by mail; a sign-in after the warning cancels the deletion, and a
later period of inactivity brings a new warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meedoen import formatting, i18n
from meedoen.accounts.tables import Account
from meedoen.db import write_transaction
from meedoen.mail.outbox import queue_mail
from meedoen.settings import Settings


@dataclass(frozen=True)
class InactiveAccount:
    id: int
    email: str
    display_name: str
    language: str
    last_active: dt.datetime
    warned_at: dt.datetime | None


async def _residents_inactive_since(cutoff: dt.datetime) -> list[InactiveAccount]:
    rows = await (
        Account.select(
            Account.id, Account.email, Account.display_name, Account.language,
            Account.created_at, Account.last_sign_in_at, Account.inactivity_warned_at,
        )
        .where(Account.role == "resident")
        .where(
            (Account.last_sign_in_at <= cutoff)
            | (Account.last_sign_in_at.is_null() & (Account.created_at <= cutoff))
        )
        .order_by(Account.id)
        .run()
    )  # fmt: skip
    return [
        InactiveAccount(
            id=row["id"],
            email=row["email"],
            display_name=row["display_name"],
            language=row["language"] or "nl",
            last_active=row["last_sign_in_at"] or row["created_at"],
            warned_at=row["inactivity_warned_at"],
        )
        for row in rows
    ]


async def to_warn(now: dt.datetime, inactive_for: dt.timedelta) -> list[InactiveAccount]:
    """Residents unused for ``inactive_for`` who were not warned since they last came."""
    return [
        account
        for account in await _residents_inactive_since(now - inactive_for)
        if account.warned_at is None or account.warned_at < account.last_active
    ]


async def to_delete(
    now: dt.datetime, inactive_for: dt.timedelta, notice: dt.timedelta
) -> list[InactiveAccount]:
    """Residents warned at least ``notice`` ago who have not signed in since."""
    return [
        account
        for account in await _residents_inactive_since(now - inactive_for - notice)
        if account.warned_at is not None
        and account.warned_at >= account.last_active
        and account.warned_at <= now - notice
    ]


async def warn(
    settings: Settings, account: InactiveAccount, now: dt.datetime, notice: dt.timedelta
) -> bool:
    """Mail the resident that the account goes in ``notice`` unless they sign in.

    The warning is noted only if nobody noted one since ``account`` was read (two
    processes applying retention at once send one mail); False when someone had.
    """
    with i18n.language(account.language):
        delete_on = formatting.day(now + notice)
    unchanged = (
        Account.inactivity_warned_at.is_null()
        if account.warned_at is None
        else Account.inactivity_warned_at == account.warned_at
    )
    async with write_transaction():
        noted = (
            await Account.update({Account.inactivity_warned_at: now})
            .where((Account.id == account.id) & unchanged)
            .returning(Account.id)
            .run()
        )
        if not noted:
            return False
        await queue_mail(
            account.email,
            "inactive_account_warning",
            {
                "name": account.display_name,
                "sign_in_url": f"{settings.base_url}/inloggen",
                "delete_on": delete_on,
            },
            account.language,
            sender=None,  # the platform's own retention schedule
        )
    return True


async def still_due_for_deletion(account: InactiveAccount) -> bool:
    """Checked again just before deleting: not signed in since the warning."""
    row = await (
        Account.select(Account.last_sign_in_at, Account.inactivity_warned_at)
        .where(Account.id == account.id)
        .first()
        .run()
    )
    if row is None or row["inactivity_warned_at"] is None:
        return False
    return row["last_sign_in_at"] is None or row["last_sign_in_at"] <= row["inactivity_warned_at"]
