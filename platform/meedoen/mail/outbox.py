"""Queueing e-mail: call :func:`queue_mail` inside the transaction of the action."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from meedoen.leases import Backoff, LeasedQueue
from meedoen.mail.tables import OutgoingMail
from meedoen.mail.templates import render_mail
from meedoen.mail.throttle import Sender, count_mail

LEASE = dt.timedelta(minutes=2)
MAX_BACKOFF = dt.timedelta(minutes=30)
# A mail's next attempt is also its sender's lease: once claimed, it is not due until then.
QUEUE = LeasedQueue(
    table=OutgoingMail,
    lease_until=OutgoingMail.next_attempt_at,
    claimable=lambda now: (
        OutgoingMail.sent_at.is_null()
        & OutgoingMail.parked_at.is_null()
        & (OutgoingMail.next_attempt_at <= now)
    ),
    lease=LEASE,
    backoff=Backoff(unit=dt.timedelta(seconds=5), maximum=MAX_BACKOFF),
)


@dataclass(frozen=True)
class QueuedMail:
    id: int
    to_address: str
    subject: str
    text_body: str
    html_body: str
    attempts: int
    headers: dict[str, str] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A small text file sent with a mail (an .ics, say)."""

    filename: str
    content_type: str
    text: str


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def queue_mail(
    to_address: str,
    name: str,
    context: dict[str, Any],
    language: str,
    headers: Mapping[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
    *,
    sender: Sender | None = None,
    kind: str = "",
) -> bool:
    """Render mail ``name`` for ``to_address`` in ``language`` and put it in the outbox.

    ``headers`` are extra message headers the sender allows (see ``sender.EXTRA_HEADERS``).
    ``sender`` is who caused the mail: a mail over one of their limits is parked, not
    sent (see ``throttle``). Every call in the platform names it, ``sender=None`` only
    for mails the platform sends on its own schedule (a test holds this). ``kind`` is
    what counts as "the same mail" for the limit per kind (default: the template).
    Returns whether the mail will be sent.
    """
    mail = render_mail(name, context, language)
    now = utcnow()
    parked = await count_mail(sender, to_address, kind or name, now.date()) if sender else None
    await OutgoingMail.insert(
        OutgoingMail(
            to_address=to_address,
            subject=mail.subject,
            text_body=mail.text,
            html_body=mail.html,
            headers=json.dumps(dict(headers)) if headers else "",
            attachments=json.dumps([a.__dict__ for a in attachments]) if attachments else "",
            language=language,
            created_at=now,
            next_attempt_at=now,
            parked_at=now if parked else None,
            parked_reason=parked or "",
        )
    ).run()
    return parked is None


async def claim_due(limit: int = 20) -> list[QueuedMail]:
    """Claim mails that are due, for this sender only; a crashed sender's claim runs out."""
    rows = await QUEUE.claim(limit, utcnow())
    return [
        QueuedMail(
            row["id"],
            row["to_address"],
            row["subject"],
            row["text_body"],
            row["html_body"],
            row["attempts"],
            _headers(row.get("headers")),
            _attachments(row.get("attachments")),
        )
        for row in rows
    ]


def _headers(stored: str | None) -> dict[str, str]:
    try:
        loaded = json.loads(stored) if stored else {}
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(name): str(value) for name, value in loaded.items()}


def _attachments(stored: str | None) -> tuple[Attachment, ...]:
    try:
        loaded = json.loads(stored) if stored else []
    except ValueError:
        return ()
    return tuple(
        Attachment(str(a["filename"]), str(a["content_type"]), str(a["text"]))
        for a in loaded
        if isinstance(a, dict) and {"filename", "content_type", "text"} <= a.keys()
    )


async def mark_sent(mail: QueuedMail) -> None:
    # The bodies (and headers) may hold a password-reset or unsubscribe link: keep only
    # that it was sent, and when.
    await (
        OutgoingMail.update(
            {
                OutgoingMail.sent_at: utcnow(),
                OutgoingMail.text_body: "",
                OutgoingMail.html_body: "",
                OutgoingMail.headers: "",
                OutgoingMail.attachments: "",
                OutgoingMail.attempts: mail.attempts + 1,
                OutgoingMail.last_error: "",
            }
        )
        .where(OutgoingMail.id == mail.id)
        .run()
    )


async def retry_later(mail: QueuedMail, error: str) -> None:
    """Try again after an exponential back-off, so a down mail server is not hammered."""
    await QUEUE.release_for_retry(mail.id, mail.attempts, error, utcnow())


async def waiting_count() -> int:
    return int(
        await OutgoingMail.count().where(
            OutgoingMail.sent_at.is_null() & OutgoingMail.parked_at.is_null()
        )
    )


async def parked_mails(limit: int = 200) -> list[dict[str, Any]]:
    """Mails held back by a limit, newest first: address, subject, reason and time only."""
    return (
        await OutgoingMail.select(
            OutgoingMail.id,
            OutgoingMail.to_address,
            OutgoingMail.subject,
            OutgoingMail.parked_reason,
            OutgoingMail.parked_at,
        )
        .where(OutgoingMail.parked_at.is_not_null() & OutgoingMail.sent_at.is_null())
        .order_by(OutgoingMail.parked_at, ascending=False)
        .limit(limit)
        .run()
    )


def _still_parked(mail_id: int) -> Any:
    return (
        (OutgoingMail.id == mail_id)
        & OutgoingMail.parked_at.is_not_null()
        & OutgoingMail.sent_at.is_null()
    )


async def release_parked(mail_id: int) -> bool:
    """An administrator lets a parked mail go after all; False when there is none."""
    released = (
        await OutgoingMail.update(
            {OutgoingMail.parked_at: None, OutgoingMail.next_attempt_at: utcnow()}
        )
        .where(_still_parked(mail_id))
        .returning(OutgoingMail.id)
        .run()
    )
    return bool(released)


async def discard_parked(mail_id: int) -> bool:
    """An administrator throws a parked mail away; False when there is none."""
    discarded = (
        await OutgoingMail.delete().where(_still_parked(mail_id)).returning(OutgoingMail.id).run()
    )
    return bool(discarded)


async def sent_before(cutoff: dt.datetime) -> list[int]:
    """The ids of sent e-mails (each holds an address and a text) older than ``cutoff``."""
    query = OutgoingMail.select(OutgoingMail.id).where(
        OutgoingMail.sent_at.is_not_null() & (OutgoingMail.sent_at <= cutoff)
    )
    return [row["id"] for row in await query.order_by(OutgoingMail.id).run()]


async def parked_before(cutoff: dt.datetime) -> list[int]:
    """The ids of mails held back by a limit since before ``cutoff`` and never sent."""
    query = OutgoingMail.select(OutgoingMail.id).where(
        OutgoingMail.parked_at.is_not_null()
        & (OutgoingMail.parked_at <= cutoff)
        & OutgoingMail.sent_at.is_null()
    )
    return [row["id"] for row in await query.order_by(OutgoingMail.id).run()]


async def forget_parked(ids: list[int]) -> None:
    """Delete these mails if they are still parked (one released meanwhile is sent)."""
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        await (
            OutgoingMail.delete()
            .where(
                OutgoingMail.id.is_in(batch)
                & OutgoingMail.parked_at.is_not_null()
                & OutgoingMail.sent_at.is_null()
            )
            .run()
        )


async def forget_sent(ids: list[int]) -> None:
    """Delete these sent e-mails (in batches that stay under the bind-parameter limits)."""
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        await (
            OutgoingMail.delete()
            .where(OutgoingMail.id.is_in(batch) & OutgoingMail.sent_at.is_not_null())
            .run()
        )
