"""Queueing e-mail: call :func:`queue_mail` inside the transaction of the action."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from meedoen.mail.tables import OutgoingMail
from meedoen.mail.templates import render_mail

LEASE = dt.timedelta(minutes=2)
MAX_BACKOFF = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class QueuedMail:
    id: int
    to_address: str
    subject: str
    text_body: str
    html_body: str
    attempts: int


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def queue_mail(to_address: str, name: str, context: dict[str, Any], language: str) -> None:
    """Render mail ``name`` for ``to_address`` in ``language`` and put it in the outbox."""
    mail = render_mail(name, context, language)
    now = utcnow()
    await OutgoingMail.insert(
        OutgoingMail(
            to_address=to_address,
            subject=mail.subject,
            text_body=mail.text,
            html_body=mail.html,
            language=language,
            created_at=now,
            next_attempt_at=now,
        )
    ).run()


async def claim_due(limit: int = 20) -> list[QueuedMail]:
    """Claim mails that are due, for this sender only; a crashed sender's claim runs out."""
    now = utcnow()
    due = OutgoingMail.sent_at.is_null() & (OutgoingMail.next_attempt_at <= now)
    candidates = (
        await OutgoingMail.select(OutgoingMail.id)
        .where(due)
        .order_by(OutgoingMail.id)
        .limit(limit)
        .run()
    )
    if not candidates:
        return []
    token = str(uuid.uuid4())
    # The UPDATE checks "due" again, so two senders never both claim one mail.
    await (
        OutgoingMail.update(
            {OutgoingMail.claimed_by: token, OutgoingMail.next_attempt_at: now + LEASE}
        )
        .where(OutgoingMail.id.is_in([row["id"] for row in candidates]) & due)
        .run()
    )
    rows = await OutgoingMail.select().where(OutgoingMail.claimed_by == token).run()
    return [
        QueuedMail(
            row["id"],
            row["to_address"],
            row["subject"],
            row["text_body"],
            row["html_body"],
            row["attempts"],
        )
        for row in rows
    ]


async def mark_sent(mail: QueuedMail) -> None:
    # The bodies may hold a password-reset link: keep only that it was sent, and when.
    await (
        OutgoingMail.update(
            {
                OutgoingMail.sent_at: utcnow(),
                OutgoingMail.text_body: "",
                OutgoingMail.html_body: "",
                OutgoingMail.attempts: mail.attempts + 1,
                OutgoingMail.last_error: "",
            }
        )
        .where(OutgoingMail.id == mail.id)
        .run()
    )


async def retry_later(mail: QueuedMail, error: str) -> None:
    """Try again after an exponential back-off, so a down mail server is not hammered."""
    attempts = mail.attempts + 1
    delay = min(dt.timedelta(seconds=5 * 2**attempts), MAX_BACKOFF)
    await (
        OutgoingMail.update(
            {
                OutgoingMail.attempts: attempts,
                OutgoingMail.last_error: error[:2000],
                OutgoingMail.claimed_by: "",
                OutgoingMail.next_attempt_at: utcnow() + delay,
            }
        )
        .where(OutgoingMail.id == mail.id)
        .run()
    )


async def waiting_count() -> int:
    return int(await OutgoingMail.count().where(OutgoingMail.sent_at.is_null()))
