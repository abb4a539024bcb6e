"""One-click unsubscribe links for mails (RFC 8058), shared by every kind of mail.

A link carries a token signed with ``SECRET_KEY`` (HMAC, via itsdangerous) for one
purpose (``salt``) holding what it stops; it is the only permission needed. Whoever
holds the link can already unsubscribe, so the one-click POST needs no CSRF token. A
link works for a year: long enough for an old mail, short enough that a leaked one
runs out. Alerts (``meedoen.alerts.unsubscribe``) and notifications use it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from meedoen.i18n import N_
from meedoen.refusals import Refused

LINK_LIFETIME = dt.timedelta(days=365)
MAX_TOKEN_LENGTH = 300
ONE_CLICK_BODY = "List-Unsubscribe=One-Click"

EXPIRED_LINK = N_("Deze link is te oud en werkt niet meer. Log in en meld je daar af.")
BROKEN_LINK = N_(
    "Deze link werkt niet. Kopieer de hele link uit de e-mail, of log in en meld je daar af."
)


class UnsubscribeRefused(Refused):
    """The link cannot be used; ``message`` is a Dutch msgid to show."""


def sign(secret_key: str, salt: str, payload: list[Any]) -> str:
    return URLSafeTimedSerializer(secret_key, salt=salt).dumps(payload)


def read(
    secret_key: str,
    salt: str,
    token: str,
    *,
    broken: str = BROKEN_LINK,
    expired: str = EXPIRED_LINK,
) -> Any:
    """The payload of a link; :class:`UnsubscribeRefused` (with ``broken`` or ``expired``
    as its message) when it was changed or is too old."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise UnsubscribeRefused(broken)
    try:
        return URLSafeTimedSerializer(secret_key, salt=salt).loads(
            token, max_age=int(LINK_LIFETIME.total_seconds())
        )
    except SignatureExpired:
        raise UnsubscribeRefused(expired) from None
    except BadSignature:
        raise UnsubscribeRefused(broken) from None


def list_unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers that let a mail program offer "unsubscribe" and do it in one click."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": ONE_CLICK_BODY}


def is_one_click(form: Any) -> bool:
    """Whether a POST is a mail program's one-click unsubscribe (it follows no redirects)."""
    return bool(form.get("List-Unsubscribe") == "One-Click")
