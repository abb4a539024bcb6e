from typing import Any

from piccolo.columns import Boolean, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ORGANISATION = LazyTableReference("Organisation", module_path="meedoen.organisations.tables")


class Account(Table):
    """Someone who can sign in: a resident, organisation member, coach or admin."""

    id: Serial  # Piccolo adds it; annotated so type checkers know rows have one

    email = Varchar(length=254, unique=True, index=True)
    password_hash = Varchar(length=200)
    role = Varchar(length=20, index=True)
    display_name = Varchar(length=120, default="")
    language = Varchar(length=2, default="nl")
    is_active = Boolean(default=True)
    email_verified_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    last_sign_in_at = Timestamptz(null=True, default=None)
    # When the retention rule last warned that the account will be deleted for being
    # unused; a sign-in after it cancels the deletion (see accounts.inactivity).
    inactivity_warned_at = Timestamptz(null=True, default=None)


class Membership(Table):
    """An account's membership of an organisation, as owner or member."""

    id: Serial

    account = ForeignKey(references=Account, on_delete=OnDelete.cascade, index=True)
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    role = Varchar(length=10, default="member")
    created_at = Timestamptz()


class AccountSession(Table):
    """A signed-in browser. Kept in the database so every app instance knows it.

    Only the SHA-256 of the cookie's token is stored: someone who reads the database
    (or a backup) cannot take over a session with what they find there.
    """

    id: Serial

    token_hash = Varchar(length=64, unique=True, index=True)
    account = ForeignKey(references=Account, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
    expires_at = Timestamptz(index=True)


class AccountLink(Table):
    """A single-use link sent by e-mail: confirm an address or set a new password.

    As with sessions, only the hash of the link's token is stored.
    """

    id: Serial

    token_hash = Varchar(length=64, unique=True, index=True)
    account = ForeignKey(references=Account, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=20)
    new_email = Varchar(length=254, null=True, default=None)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class SignInFailure(Table):
    """A failed attempt (wrong password, or a password-reset request), for throttling.

    Keys are HMACs with the secret key, so the table holds no e-mail addresses and no
    IP addresses; rows older than a day are purged.
    """

    id: Serial

    action = Varchar(length=20)
    account_key = Varchar(length=64, index=True)
    address_key = Varchar(length=64, index=True)
    failed_at = Timestamptz(index=True)


class CoachCard(Table):
    """How the residents of a coach's caseload reach them: team, phone, when available.

    Shown on each of those residents' own path (Mijn traject); the coach fills it in.
    """

    id: Serial

    account = ForeignKey(references=Account, on_delete=OnDelete.cascade, unique=True, index=True)
    team = Varchar(length=120, default="")
    phone = Varchar(length=20, default="")
    availability = Varchar(length=200, default="")
    changed_at = Timestamptz()
