from piccolo.columns import Boolean, ForeignKey, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from meedoen.organisations.tables import Organisation


class Account(Table):
    """Someone who can sign in: a resident, organisation member, coach or admin."""

    email = Varchar(length=254, unique=True, index=True)
    password_hash = Varchar(length=200)
    role = Varchar(length=20, index=True)
    display_name = Varchar(length=120, default="")
    language = Varchar(length=2, default="nl")
    is_active = Boolean(default=True)
    email_verified_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    last_sign_in_at = Timestamptz(null=True, default=None)


class Membership(Table):
    """An account's membership of an organisation, as owner or member."""

    account = ForeignKey(references=Account, on_delete=OnDelete.cascade, index=True)
    organisation = ForeignKey(references=Organisation, on_delete=OnDelete.cascade, index=True)
    role = Varchar(length=10, default="member")
    created_at = Timestamptz()
