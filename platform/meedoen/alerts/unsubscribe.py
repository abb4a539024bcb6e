"""Stopping alert e-mails from a link in the mail, without signing in (RFC 8058).

The signed link (``meedoen.mail.unsubscribe``) names the account and the saved search.
"""

from __future__ import annotations

from dataclasses import dataclass

from meedoen.alerts.tables import SavedSearch
from meedoen.i18n import N_
from meedoen.mail import unsubscribe as links
from meedoen.mail.unsubscribe import UnsubscribeRefused, list_unsubscribe_headers

SALT = "alert-unsubscribe"
PATH = "/zoekopdrachten/afmelden/"
__all__ = ["UnsubscribeRefused", "list_unsubscribe_headers"]

BROKEN_LINK = N_(
    "Deze link werkt niet. Kopieer de hele link uit de e-mail, of log in en kijk bij "
    "‘Mijn zoekopdrachten’."
)
EXPIRED_LINK = N_(
    "Deze link is te oud en werkt niet meer. Log in en meld je af bij ‘Mijn zoekopdrachten’."
)


@dataclass(frozen=True)
class UnsubscribeLink:
    account_id: int
    ref: str


def unsubscribe_token(secret_key: str, account_id: int, ref: str) -> str:
    return links.sign(secret_key, SALT, [account_id, ref])


def unsubscribe_url(base_url: str, secret_key: str, account_id: int, ref: str) -> str:
    return f"{base_url}{PATH}{unsubscribe_token(secret_key, account_id, ref)}"


def read_token(secret_key: str, token: str) -> UnsubscribeLink:
    """What a link is for; :class:`UnsubscribeRefused` when it was changed or is too old."""
    payload = links.read(secret_key, SALT, token, broken=BROKEN_LINK, expired=EXPIRED_LINK)
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
