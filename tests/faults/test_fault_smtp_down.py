"""The mail server is down: mails wait in the outbox, and go out once it is back.

Uses the real sender functions on a private SMTP server (the session's one stays up for
the other tests), and moves the outbox clock on instead of waiting out the back-off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from aiosmtpd.controller import Controller

from meedoen.mail import outbox
from meedoen.mail.outbox import queue_mail
from meedoen.mail.sender import send_due_mail
from meedoen.mail.tables import OutgoingMail
from meedoen.search.server import free_port
from support.smtp import _Collector


async def send_all_due(settings) -> int:  # type: ignore[no-untyped-def]
    total = 0
    while handled := await send_due_mail(settings):
        total += handled
    return total


async def mine(addresses: list[str]) -> list[dict]:
    return await OutgoingMail.select().where(OutgoingMail.to_address.is_in(addresses)).run()


async def test_mails_queued_while_smtp_is_down_are_sent_once_it_is_back(
    settings, database, monkeypatch: pytest.MonkeyPatch
):
    port = free_port("127.0.0.1")  # nothing listens here yet: the server is "down"
    collector = _Collector()
    sending = dataclasses.replace(settings, smtp_url=f"smtp://127.0.0.1:{port}")
    run = uuid.uuid4().hex[:8]
    addresses = [f"smtp-down-{run}-{i}@meedoen-test.nl" for i in range(5)]
    context = {"name": "Sanne", "new_email": "nieuw@meedoen-test.nl"}

    for address in addresses:
        await queue_mail(address, "email_changed", context, "nl")
    await send_all_due(sending)
    for address in addresses[3:]:  # more mail comes in during the outage
        await queue_mail(address, "email_changed", context, "en")
    await send_all_due(sending)

    waiting = await mine(addresses)
    assert len(waiting) == 7 and all(row["sent_at"] is None for row in waiting)
    assert all(row["text_body"] for row in waiting), "a mail that was not sent keeps its body"
    assert all(row["attempts"] == 1 and "Error" in row["last_error"] for row in waiting)
    assert all(row["next_attempt_at"] > outbox.utcnow() for row in waiting), "backs off"

    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        await send_all_due(sending)  # backing off: not due yet
        assert collector.messages == []
        # Half an hour later (the longest back-off) everything has gone out, once.
        later = outbox.utcnow() + outbox.MAX_BACKOFF + dt.timedelta(seconds=1)
        monkeypatch.setattr(outbox, "utcnow", lambda: later)
        await send_all_due(sending)
        await send_all_due(sending)
    finally:
        controller.stop()

    received = sorted(address for m in collector.messages for address in m.to if run in address)
    assert received == sorted(addresses + addresses[3:]), "each mail exactly once"
    rows = await mine(addresses)
    assert all(row["sent_at"] is not None and row["text_body"] == "" for row in rows)
