"""Stopping alert e-mails from a link in the mail, without signing in (RFC 8058).

The link carries a token signed with ``SECRET_KEY`` (HMAC, via itsdangerous) that names
the account and the saved search; it is the only permission needed. Whoever holds the
link can already unsubscribe, so the one-click POST needs no CSRF token. A link works
for a year: long enough for an old digest, short enough that a leaked one runs out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from meedoen.alerts.tables import SavedSearch
from meedoen.i18n import N_
from meedoen.refusals import Refused

SALT = "alert-unsubscribe"
LINK_LIFETIME = dt.timedelta(days=365)
MAX_TOKEN_LENGTH = 300
PATH = "/zoekopdrachten/afmelden/"
ONE_CLICK_BODY = "List-Unsubscribe=One-Click"

BROKEN_LINK = N_(
    "Deze link werkt niet. Kopieer de hele link uit de e-mail, of log in en kijk bij "
    "‘Mijn zoekopdrachten’."
)
EXPIRED_LINK = N_(
    "Deze link is te oud en werkt niet meer. Log in en meld je af bij ‘Mijn zoekopdrachten’."
)


class UnsubscribeRefused(Refused):
    """The link cannot be used; ``message`` is a Dutch msgid to show."""


@dataclass(frozen=True)
class UnsubscribeLink:
    account_id: int
    ref: str


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=SALT)


def unsubscribe_token(secret_key: str, account_id: int, ref: str) -> str:
    return _serializer(secret_key).dumps([account_id, ref])


def unsubscribe_url(base_url: str, secret_key: str, account_id: int, ref: str) -> str:
    return f"{base_url}{PATH}{unsubscribe_token(secret_key, account_id, ref)}"


def list_unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers that let a mail program offer "unsubscribe" and do it in one click."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": ONE_CLICK_BODY}


def read_token(secret_key: str, token: str) -> UnsubscribeLink:
    """What a link is for; :class:`UnsubscribeRefused` when it was changed or is too old."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise UnsubscribeRefused(BROKEN_LINK)
    try:
        payload = _serializer(secret_key).loads(token, max_age=int(LINK_LIFETIME.total_seconds()))
    except SignatureExpired:
        raise UnsubscribeRefused(EXPIRED_LINK) from None
    except BadSignature:
        raise UnsubscribeRefused(BROKEN_LINK) from None
    match payload:
        case [int(account_id), str(ref)]:
            return UnsubscribeLink(account_id, ref)
    raise UnsubscribeRefused(BROKEN_LINK)


async def saved_search_of(link: UnsubscribeLink) -> dict[str, object] | None:
    """The saved search the link is for, while it still exists."""
    row: dict[str, object] | None = (
        await SavedSearch.select(SavedSearch.ref, SavedSearch.query)
        .where((SavedSearch.ref == link.ref) & (SavedSearch.account == link.account_id))
        .first()
        .run()
    )
    return row


async def other_searches(link: UnsubscribeLink) -> int:
    """How many other saved searches of the same account still send e-mail."""
    return int(
        await SavedSearch.count().where(
            (SavedSearch.account == link.account_id) & (SavedSearch.ref != link.ref)
        )
    )


async def unsubscribe(link: UnsubscribeLink, *, everything: bool = False) -> int:
    """Stop this alert (or all of the account's alerts); returns how many were stopped.

    Stopping one that is already stopped is fine: a second click changes nothing.
    """
    query = SavedSearch.delete().where(SavedSearch.account == link.account_id)
    if not everything:
        query = query.where(SavedSearch.ref == link.ref)
    removed = await query.returning(SavedSearch.id).run()
    return len(removed)
