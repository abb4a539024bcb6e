"""Periodic work of the meetings domain, run by the scheduler (registered in
``meedoen.app.background``):
reminders the day before, the visitor mails after a meeting, linking contacts to the
responses and placements that followed, and erasing guests' details 90 days after a
meeting (the retention rule)."""

from __future__ import annotations

import datetime as dt

from meedoen.db import write_transaction
from meedoen.events.ical import MEDIA_TYPE, calendar
from meedoen.events.meetings import meeting_by_ref
from meedoen.events.signups import erase_people, mail_address, signup_token, when_text
from meedoen.events.tables import Contact, SignUp
from meedoen.i18n import language as in_language
from meedoen.mail.outbox import Attachment, queue_mail

REMIND_FROM = dt.timedelta(hours=12)
REMIND_UNTIL = dt.timedelta(hours=36)


async def send_reminders(base_url: str, secret_key: str, now: dt.datetime) -> int:
    """A reminder with the meeting's .ics to everyone signed up for a slot that starts
    12 to 36 hours from ``now`` (so "the day before", whenever the job runs); once each."""
    rows = (
        await SignUp.select(
            SignUp.id,
            SignUp.ref,
            SignUp.resident,
            SignUp.guest_email,
            SignUp.language,
            SignUp.slot,
            SignUp.meeting.ref.as_alias("meeting_ref"),
        )
        .where(
            (SignUp.status == "aangemeld")
            & SignUp.reminded_at.is_null()
            & (SignUp.slot.starts_at >= now + REMIND_FROM)
            & (SignUp.slot.starts_at <= now + REMIND_UNTIL)
            & (SignUp.meeting.status == "gepubliceerd")
        )
        .run()
    )
    sent = 0
    for row in rows:
        view = await meeting_by_ref(row["meeting_ref"])
        slot = next((s for s in view.slots if s["id"] == row["slot"]), None) if view else None
        if view is None or slot is None:
            continue
        address = await mail_address(row)
        async with write_transaction():
            claimed = (
                await SignUp.update({SignUp.reminded_at: now})
                .where((SignUp.id == row["id"]) & SignUp.reminded_at.is_null())
                .returning(SignUp.id)
                .run()
            )
            if not claimed or not address:
                continue
            language = row["language"] or "nl"
            with in_language(language):
                when = when_text(slot)
                ics = calendar(
                    view.meeting["title"],
                    [({**view.meeting, "organiser_name": view.organiser["name"]}, slot)],
                    base_url,
                )
            token = signup_token(secret_key, row["ref"])
            await queue_mail(
                address,
                "meeting_reminder",
                {
                    "title": view.meeting["title"],
                    "organiser": view.organiser["name"],
                    "when": when,
                    "place": ", ".join(
                        p for p in (view.meeting["place_name"], view.meeting["address"]) if p
                    ),
                    "directions": view.meeting["directions"],
                    "link": f"{base_url}/activiteiten/{view.ref}",
                    "mine": f"{base_url}/activiteiten/aanmelding/{token}",
                },
                language,
                attachments=[Attachment(f"{view.ref}.ics", MEDIA_TYPE, ics.decode("utf-8"))],
                sender=None,  # the platform's own reminder, the day before
            )
            sent += 1
    return sent


async def guests_due(today: dt.date) -> list[int]:
    """Sign-ups of guests and groups (no account) whose details are due for erasure:
    ``RETENTION_DAYS`` after their meeting (the date set at sign-up)."""
    rows = (
        await SignUp.select(SignUp.id)
        .where(
            SignUp.resident.is_null()
            & SignUp.erase_after.is_not_null()
            & (SignUp.erase_after <= today)
        )
        .run()
    )
    return [row["id"] for row in rows]


async def erase_guests(signup_ids: list[int]) -> int:
    """Erase the details of these guests' sign-ups, unless the guest made an account with
    that address since (then the sign-up becomes theirs). The rows stay, without name,
    address or phone, for the anonymous meeting counts. Returns how many were erased."""
    from meedoen.residents.service import resident_for_email

    rows = (
        await SignUp.select(SignUp.id, SignUp.guest_email).where(
            SignUp.id.is_in(signup_ids) & SignUp.resident.is_null()
        )
        if signup_ids
        else []
    )
    erased = 0
    for row in rows:
        resident_id = await resident_for_email(row["guest_email"]) if row["guest_email"] else None
        async with write_transaction():
            if resident_id is not None:
                await SignUp.update(
                    {
                        SignUp.resident: resident_id,
                        SignUp.erase_after: None,
                        SignUp.guest_email: "",
                        SignUp.guest_phone: "",
                    }
                ).where(SignUp.id == row["id"])
                await Contact.update({Contact.resident: resident_id}).where(
                    Contact.signup == row["id"]
                )
                continue
            await erase_people([row["id"]])
        erased += 1
    return erased


async def erase_expired_guests(today: dt.date) -> int:
    """The retention rule in one call: erase every guest sign-up due ``today``."""
    return await erase_guests(await guests_due(today))
