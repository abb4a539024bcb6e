"""Workers take the search outbox and the e-mail outbox in batches with a lease: never
the same row twice at once, a crashed worker's rows come back, failures wait longer
and longer (meedoen.leases)."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from meedoen.leases import Backoff
from meedoen.mail import outbox as mail_outbox
from meedoen.mail.tables import OutgoingMail


def move_clock(monkeypatch: pytest.MonkeyPatch, module: object, by: dt.timedelta) -> None:
    later = dt.datetime.now(dt.UTC) + by
    monkeypatch.setattr(module, "utcnow", lambda: later)


async def test_workers_claiming_at_the_same_moment_never_share_a_change(clean_database):
    # No other sender or worker takes from this database's outboxes during the tests
    # (the live test server runs none), so every claim is counted here.
    for n in range(60):
        await mail_outbox.queue_mail(
            f"bewoner-{n:02}@meedoen-test.nl",
            "email_changed",
            {"name": "S", "new_email": "x@y.nl"},
            "nl",
        )

    batches = await asyncio.gather(*(mail_outbox.claim_due(25) for _ in range(4)))
    remainder = await mail_outbox.claim_due(100)

    claimed = [mail.id for batch in [*batches, remainder] for mail in batch]
    assert len(claimed) == len(set(claimed)) == 60, "each mail claimed exactly once"
    for batch in batches:
        assert [m.id for m in batch] == sorted(m.id for m in batch), "oldest first"


async def test_a_claimed_mail_waits_for_its_lease_and_then_goes_to_another_sender(
    clean_database, monkeypatch
):
    # Nobody else takes from the outbox here (see above).
    await mail_outbox.queue_mail(
        "sanne@meedoen-test.nl", "email_changed", {"name": "S", "new_email": "x@y.nl"}, "nl"
    )
    first = await mail_outbox.claim_due()

    assert [m.to_address for m in first] == ["sanne@meedoen-test.nl"]
    assert await mail_outbox.claim_due() == [], "taken while the lease lasts"

    # The first sender crashed: once its lease runs out another sender takes over.
    move_clock(monkeypatch, mail_outbox, mail_outbox.LEASE + dt.timedelta(seconds=1))
    taken_over = await mail_outbox.claim_due()

    assert [m.id for m in taken_over] == [first[0].id]
    rows = await OutgoingMail.select(OutgoingMail.claimed_by).run()
    assert len({row["claimed_by"] for row in rows}) == 1 and rows[0]["claimed_by"]


async def test_a_mail_being_sent_is_not_claimed_twice_and_a_failure_waits(
    clean_database, monkeypatch
):
    await mail_outbox.queue_mail(
        "sanne@meedoen-test.nl", "email_changed", {"name": "Sanne", "new_email": "x@y.nl"}, "nl"
    )

    claimed = await mail_outbox.claim_due()
    assert [m.to_address for m in claimed] == ["sanne@meedoen-test.nl"]
    assert await mail_outbox.claim_due() == []

    await mail_outbox.retry_later(claimed[0], "SMTPConnectError: refused")

    row = await OutgoingMail.select().first().run()
    assert row["attempts"] == 1 and row["claimed_by"] == "" and row["sent_at"] is None
    assert row["next_attempt_at"] > mail_outbox.utcnow() + dt.timedelta(seconds=9)
    move_clock(monkeypatch, mail_outbox, dt.timedelta(seconds=11))
    assert [m.attempts for m in await mail_outbox.claim_due()] == [1]


def test_the_wait_doubles_with_each_failure_up_to_a_maximum():
    backoff = Backoff(unit=dt.timedelta(seconds=5), maximum=dt.timedelta(minutes=30))

    waits = [backoff.after(attempts).total_seconds() for attempts in range(1, 6)]

    assert waits == [10, 20, 40, 80, 160]
    assert backoff.after(9) == dt.timedelta(minutes=30)
    # Weeks of failures later the wait is still the maximum (no overflow).
    assert backoff.after(10_000) == dt.timedelta(minutes=30)
