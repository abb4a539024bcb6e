"""Mail limits: no user can turn the platform into a mail cannon.

Every mail someone's action causes (a registration, a sign-in with an unconfirmed
address, an invitation, a response, a reply …) names who caused it: an account, or for
visitors the HMAC of their address. :func:`count_mail` counts it, atomically in the
database, against three daily limits:

* per sender: ``PER_SENDER`` mails a day, whatever their kind;
* per recipient: ``PER_RECIPIENT`` mails a day from everyone's actions together;
* per recipient and kind: ``PER_RECIPIENT_AND_KIND`` of one kind (three verification
  mails, three invitations …), so nobody is flooded with the same mail.

A mail over a limit is not sent: it is *parked* in the outbox with the reason, and
administrators see it in /beheer/mail. Mails the platform sends on its own schedule
(alert digests, which the recipient asked for and can stop with one click) have no
sender and are not counted.

Each count is one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` on a unique key: on
PostgreSQL a second transaction waits for the first one's row lock, on SQLite writers
take turns, so 30 invitations at once count 1 to 30 and not 30 times 1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field

from meedoen.mail.tables import MailCount

PER_SENDER = 50
PER_RECIPIENT = 10
PER_RECIPIENT_AND_KIND = 3

OVER_SENDER = "afzender-dag"
OVER_RECIPIENT = "ontvanger-dag"
OVER_RECIPIENT_AND_KIND = "ontvanger-soort-dag"


@dataclass(frozen=True)
class Sender:
    """Who caused a mail: ``account:<id>`` or ``address:<hmac of the IP address>``.

    Carries the secret key, with which recipients' addresses are hashed for counting.
    """

    key: str
    secret: str = field(repr=False)

    @classmethod
    def account(cls, secret: str, account_id: int) -> Sender:
        return cls(f"account:{account_id}", secret)

    @classmethod
    def visitor(cls, secret: str, client_address: str | None) -> Sender:
        return cls(f"address:{_hmac(secret, client_address or 'unknown')[:32]}", secret)


def _hmac(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def recipient_key(secret: str, address: str) -> str:
    return _hmac(secret, address.strip().lower())[:32]


async def _increment(key: str, day: dt.date) -> int:
    rows = await MailCount.raw(
        "INSERT INTO mail_count (key, day, mails) VALUES ({}, {}, 1) "
        "ON CONFLICT (key) DO UPDATE SET mails = mail_count.mails + 1 RETURNING mails",
        key,
        day,
    ).run()
    return int(rows[0]["mails"])


async def count_mail(sender: Sender, to_address: str, kind: str, today: dt.date) -> str | None:
    """Count one mail; None when it may be sent, else the reason it is parked."""
    recipient = recipient_key(sender.secret, to_address)
    stamp = today.isoformat()
    # Most specific first: a mail parked for its kind does not use up the recipient's
    # allowance for other mails.
    if await _increment(f"sender:{sender.key}:{stamp}", today) > PER_SENDER:
        return OVER_SENDER
    if await _increment(f"kind:{kind[:30]}:{recipient}:{stamp}", today) > PER_RECIPIENT_AND_KIND:
        return OVER_RECIPIENT_AND_KIND
    if await _increment(f"recipient:{recipient}:{stamp}", today) > PER_RECIPIENT:
        return OVER_RECIPIENT
    return None


async def forget_old_counts(today: dt.date) -> None:
    await MailCount.delete().where(MailCount.day < today).run()
