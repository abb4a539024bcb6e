"""What accounts holds about a person, for their data download and for erasing it (AVG)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from meedoen.accounts.service import coach_card
from meedoen.accounts.tables import Account, AccountLink, AccountSession, CoachCard, Membership


async def account_by_id(account_id: int) -> Account | None:
    return await Account.objects().where(Account.id == account_id).first().run()


def account_export(account: Account) -> dict[str, Any]:
    return {
        "email": account.email,
        "display_name": account.display_name,
        "role": account.role,
        "language": account.language,
        "created_at": account.created_at,
        "email_verified_at": account.email_verified_at,
        "last_sign_in_at": account.last_sign_in_at,
    }


async def coach_card_export(account_id: int) -> dict[str, Any]:
    """A coach's card (what their residents see), when they filled one in."""
    card = asdict(await coach_card(account_id))
    return {"coach_card": card} if any(card.values()) else {}


async def forget_account(account_id: int) -> None:
    """The account with its memberships, sessions, links and coach card."""
    await CoachCard.delete().where(CoachCard.account == account_id).run()
    await Membership.delete().where(Membership.account == account_id).run()
    await AccountSession.delete().where(AccountSession.account == account_id).run()
    await AccountLink.delete().where(AccountLink.account == account_id).run()
    await Account.delete().where(Account.id == account_id).run()
