"""Creating accounts and organisation memberships."""

from __future__ import annotations

import datetime as dt

from meedoen.accounts.passwords import hash_password
from meedoen.accounts.tables import Account, Membership
from meedoen.db import current_engine
from meedoen.organisations.tables import Organisation
from meedoen.vocabulary import ROLES


class AccountError(Exception):
    """The account cannot be created; the message says why in one sentence."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def create_account(
    email: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    organisation_ref: str | None = None,
    verified: bool = True,
) -> Account:
    """Create an account; organisation members are linked to their organisation as owner."""
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"role '{role}' does not exist: use one of {', '.join(ROLES)}.")
    if await Account.exists().where(Account.email == email):
        raise AccountError(f"an account for {email} already exists.")
    organisation = None
    if role == "organisation":
        if not organisation_ref:
            raise AccountError("an organisation account needs --organisation REF.")
        organisation = await Organisation.objects().get(Organisation.ref == organisation_ref)
        if organisation is None:
            raise AccountError(f"organisation '{organisation_ref}' does not exist.")
    now = dt.datetime.now(dt.UTC)
    account = Account(
        email=email,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name or email.split("@")[0],
        email_verified_at=now if verified else None,
        created_at=now,
    )
    async with current_engine().transaction():
        await account.save()
        if organisation is not None:
            await Membership(
                account=account, organisation=organisation, role="owner", created_at=now
            ).save()
    return account
