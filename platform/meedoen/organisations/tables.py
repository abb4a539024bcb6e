from piccolo.columns import Boolean, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table


class Organisation(Table):
    """A business, the Wijkgilde, POWER, a welfare organisation, club or school.

    Postings of an organisation are public only once an administrator verified it:
    the platform's protection against malafide parties.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    name = Varchar(length=200)
    type = Varchar(length=20)
    sector = Varchar(length=60)
    wijk = Varchar(length=60)
    postcode = Varchar(length=10)
    description = Text(default="")
    website = Varchar(length=300, null=True, default=None)
    contact_email = Varchar(length=254, null=True, default=None)
    contact_phone = Varchar(length=30, null=True, default=None)
    # The Chamber of Commerce (KvK) number: 8 digits, asked of businesses. Administrators
    # check it against the KvK register before they verify.
    kvk_number = Varchar(length=8, null=True, default=None)
    verified = Boolean(default=False)
    # An erkend leerbedrijf (recognised by SBB to train mbo students): the organisation
    # enters its leerbedrijf-ID, an administrator checks it in SBB's register and confirms.
    # Only a confirmed recognition is shown; a changed ID needs confirming again.
    leerbedrijf_id = Varchar(length=12, null=True, default=None)
    leerbedrijf_confirmed_at = Timestamptz(null=True, default=None)
    # An administrator who refuses says why; the organisation reads it and may change its
    # details, which puts it back in the queue (refused_at empty again).
    refused_at = Timestamptz(null=True, default=None)
    refusal_reason = Text(default="")
    blocked = Boolean(default=False)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Invitation(Table):
    """An owner's invitation by e-mail to join an organisation; the link works once.

    Only the SHA-256 of the link's token is stored. ``invited_by`` is an account id,
    kept as a plain number because accounts depend on organisations, not the other way.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    organisation = ForeignKey(references=Organisation, on_delete=OnDelete.cascade, index=True)
    email = Varchar(length=254, index=True)
    token_hash = Varchar(length=64, unique=True, index=True)
    invited_by = Integer(null=True, default=None)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
