"""Contacts made at a stand ("we spraken elkaar") and what follows from them.

An organisation records a contact by the visitor's personal code or by picking them
from the visitors' list, with a short note and whether the visitor agreed to be
contacted. Afterwards the organisation follows up (invite to respond to a kans,
propose a kans, plan a meeting), each visitor gets one mail with the organisations
they spoke with and their open kansen, and a response or placement at that
organisation within 90 days is linked to the contact (``link_outcomes``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from meedoen.db import write_transaction
from meedoen.events.meetings import MeetingView, local
from meedoen.events.signups import mail_address, signup_by_ref, signup_token
from meedoen.events.tables import Contact, Meeting, SignUp
from meedoen.i18n import gettext
from meedoen.mail.outbox import queue_mail
from meedoen.opportunities.service import open_opportunities_of
from meedoen.placements.service import first_placement_at_organisation
from meedoen.responses.service import first_response_at_organisation

OUTCOME_DAYS = 90
MAX_NOTE = 1000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ContactRefused(ValueError):
    """The contact cannot be recorded; the message is a translated sentence."""


async def record_contact(
    view: MeetingView,
    organisation_id: int,
    signup: dict[str, Any],
    account_id: int,
    note: str,
    consent: bool,
) -> tuple[str, bool]:
    """Record that the organisation spoke with the visitor of ``signup``; returns the
    contact's ref and whether it is new (a second record for the same visitor updates
    the note and consent)."""
    if signup["meeting"] != view.meeting["id"] or signup["status"] == "afgemeld":
        raise ContactRefused(gettext("Deze bezoeker hoort niet bij deze activiteit."))
    if len(note) > MAX_NOTE:
        raise ContactRefused(gettext("Maak de notitie korter: hoogstens 1000 tekens."))
    key = f"{organisation_id}:{signup['id']}"
    now = utcnow()
    async with write_transaction():
        existing = await Contact.select(Contact.ref).where(Contact.contact_key == key).first().run()
        if existing is not None:
            await (
                Contact.update({Contact.note: note.strip(), Contact.follow_up_consent: consent})
                .where(Contact.contact_key == key)
                .run()
            )
            return str(existing["ref"]), False
        ref = f"cont-{secrets.token_hex(8)}"
        await Contact.insert(
            Contact(
                ref=ref,
                meeting=view.meeting["id"],
                organisation=organisation_id,
                signup=signup["id"],
                resident=signup["resident"],
                contact_key=key,
                visitor_name=signup["group_name"] or signup["guest_name"],
                note=note.strip(),
                follow_up_consent=consent,
                recorded_by=account_id,
                wijk=signup["wijk"],
                created_at=now,
            )
        ).run()
        # Talking at a stand means they came: tick them present if the door did not.
        await (
            SignUp.update({SignUp.checked_in_at: now})
            .where((SignUp.id == signup["id"]) & SignUp.checked_in_at.is_null())
            .run()
        )
    return ref, True


async def contacts_of_organisation(
    organisation_id: int, meeting_id: int | None = None
) -> list[dict[str, Any]]:
    """An organisation's contacts, newest first, with the meeting they were made at."""
    where: Any = Contact.organisation == organisation_id
    if meeting_id is not None:
        where = where & (Contact.meeting == meeting_id)
    return (
        await Contact.select(
            *Contact.all_columns(),
            Contact.meeting.ref.as_alias("meeting_ref"),
            Contact.meeting.title.as_alias("meeting_title"),
            Contact.follow_up_opportunity.title.as_alias("follow_up_title"),
        )
        .where(where)
        .order_by(Contact.id, ascending=False)
        .run()
    )


async def contact_of(organisation_id: int, ref: str) -> dict[str, Any] | None:
    if not ref or len(ref) > 40:
        return None
    return (
        await Contact.select()
        .where((Contact.ref == ref) & (Contact.organisation == organisation_id))
        .first()
        .run()
    )


async def follow_up(
    contact: dict[str, Any],
    organisation: dict[str, Any],
    action: str,
    *,
    opportunity: dict[str, Any] | None,
    note: str,
    base_url: str,
) -> None:
    """Follow up a contact the visitor agreed to: a mail to the visitor with a kans to
    respond to, a kans proposed, or a meeting planned; recorded on the contact."""
    if not contact["follow_up_consent"]:
        raise ContactRefused(gettext("Deze bezoeker wil niet benaderd worden."))
    if action not in ("uitnodiging_reageren", "kans_voorgesteld", "afspraak"):
        raise ContactRefused(gettext("Kies wat je wilt doen."))
    if action != "afspraak" and opportunity is None:
        raise ContactRefused(gettext("Kies een van je open kansen."))
    if action == "afspraak" and not note.strip():
        raise ContactRefused(gettext("Schrijf wanneer en waar jullie afspreken."))
    if len(note) > MAX_NOTE:
        raise ContactRefused(gettext("Maak het bericht korter: hoogstens 1000 tekens."))
    signup = None
    if contact["signup"] is not None:
        signup = await SignUp.select().where(SignUp.id == contact["signup"]).first().run()
    address = await mail_address(signup) if signup else ""
    if not address:
        raise ContactRefused(
            gettext("We hebben geen e-mailadres van deze bezoeker. Neem zelf contact op.")
        )
    async with write_transaction():
        await (
            Contact.update(
                {
                    Contact.follow_up: action,
                    Contact.follow_up_opportunity: opportunity["id"] if opportunity else None,
                    Contact.follow_up_note: note.strip(),
                    Contact.followed_up_at: utcnow(),
                }
            )
            .where(Contact.id == contact["id"])
            .run()
        )
        kans_link = ""
        if opportunity is not None:
            suffix = "/reageren" if action == "uitnodiging_reageren" else ""
            kans_link = f"{base_url}/kansen/{opportunity['ref']}{suffix}"
        await queue_mail(
            address,
            "meeting_contact_follow_up",
            {
                "organisation": organisation["name"],
                "action": action,
                "kans_title": opportunity["title"] if opportunity else "",
                "kans_link": kans_link,
                "note": note.strip(),
            },
            (signup or {}).get("language") or "nl",
            # Once per contact, to a visitor who agreed to it at the stand: not counted.
            sender=None,
        )


async def send_visitor_follow_ups(
    view: MeetingView, *, base_url: str, secret_key: str, now: dt.datetime | None = None
) -> int:
    """One mail to each visitor who spoke with organisations at this (past) meeting: who
    they spoke with and those organisations' open kansen. Each visitor gets it once."""
    now = now or utcnow()
    if view.meeting["ends_at"] is None or view.meeting["ends_at"] > now:
        return 0
    contacts = (
        await Contact.select(
            Contact.signup,
            Contact.organisation,
            Contact.organisation.name.as_alias("name"),
            Contact.organisation.ref.as_alias("organisation_ref"),
        )
        .where((Contact.meeting == view.meeting["id"]) & Contact.signup.is_not_null())
        .order_by(Contact.id)
        .run()
    )
    by_signup: dict[int, list[dict[str, Any]]] = {}
    for row in contacts:
        by_signup.setdefault(row["signup"], []).append(row)
    if not by_signup:
        return 0
    kansen = await open_opportunities_of(sorted({r["organisation"] for r in contacts}))
    sent = 0
    for signup_id, spoken in by_signup.items():
        signup = await SignUp.select().where(SignUp.id == signup_id).first().run()
        if signup is None or signup["followed_up_at"] is not None:
            continue
        address = await mail_address(signup)
        async with write_transaction():
            claimed = (
                await SignUp.update({SignUp.followed_up_at: now})
                .where((SignUp.id == signup_id) & SignUp.followed_up_at.is_null())
                .returning(SignUp.id)
                .run()
            )
            if not claimed or not address:
                continue
            organisations = [
                {
                    "name": row["name"],
                    "link": f"{base_url}/organisaties/{row['organisation_ref']}",
                    "kansen": [
                        {"title": k["title"], "link": f"{base_url}/kansen/{k['ref']}"}
                        for k in kansen.get(row["organisation"], [])[:5]
                    ],
                }
                for row in spoken
            ]
            await queue_mail(
                address,
                "meeting_visitor_follow_up",
                {
                    "name": signup["group_name"] or signup["guest_name"],
                    "title": view.meeting["title"],
                    "organisations": organisations,
                    "mine": f"{base_url}/activiteiten/aanmelding/{signup_token(secret_key, signup['ref'])}",
                },
                signup["language"] or "nl",
                sender=None,  # the platform's own follow-up job, after the meeting
            )
            sent += 1
    return sent


async def send_due_follow_ups(base_url: str, secret_key: str, now: dt.datetime) -> int:
    """The visitor mails of meetings that ended between two hours and two weeks ago
    (a scheduler job; each visitor still gets only one)."""
    from meedoen.events.meetings import meeting_by_ref

    sent = 0
    for ref in await meetings_ended_between(
        now - dt.timedelta(days=14), now - dt.timedelta(hours=2)
    ):
        view = await meeting_by_ref(ref)
        if view is not None:
            sent += await send_visitor_follow_ups(
                view, base_url=base_url, secret_key=secret_key, now=now
            )
    return sent


async def link_outcomes(now: dt.datetime | None = None) -> int:
    """Link contacts of the last 90 days to the first response or placement that followed
    at the same organisation; returns how many links were made."""
    now = now or utcnow()
    since = now - dt.timedelta(days=OUTCOME_DAYS + 1)
    rows = (
        await Contact.select(
            Contact.id,
            Contact.resident,
            Contact.organisation,
            Contact.created_at,
            Contact.response_on,
            Contact.placement_on,
        )
        .where(
            Contact.resident.is_not_null()
            & (Contact.created_at >= since)
            & (Contact.response_on.is_null() | Contact.placement_on.is_null())
        )
        .run()
    )
    linked = 0
    for row in rows:
        until = row["created_at"] + dt.timedelta(days=OUTCOME_DAYS)
        values: dict[Any, Any] = {}
        if row["response_on"] is None:
            found = await first_response_at_organisation(
                row["resident"], row["organisation"], row["created_at"], until
            )
            if found:
                values[Contact.response_on], values[Contact.response_kind] = found
        if row["placement_on"] is None:
            placed = await first_placement_at_organisation(
                row["resident"], row["organisation"], local(row["created_at"]).date(), until.date()
            )
            if placed:
                values[Contact.placement_on], values[Contact.placement_kind] = placed
        if values:
            await Contact.update(values).where(Contact.id == row["id"]).run()
            linked += 1
    return linked


async def meetings_ended_between(start: dt.datetime, end: dt.datetime) -> list[str]:
    rows = (
        await Meeting.select(Meeting.ref)
        .where(
            (Meeting.ends_at >= start)
            & (Meeting.ends_at <= end)
            & (Meeting.status == "gepubliceerd")
        )
        .run()
    )
    return [row["ref"] for row in rows]


async def visits_of_resident(resident_id: int) -> list[dict[str, Any]]:
    """For the resident's coach: meetings they came to and the organisations they spoke
    with there (never the organisations' notes)."""
    signups = (
        await SignUp.select(
            SignUp.id,
            SignUp.status,
            SignUp.checked_in_at,
            SignUp.meeting.ref.as_alias("meeting_ref"),
            SignUp.meeting.title.as_alias("meeting_title"),
            SignUp.meeting.kind.as_alias("meeting_kind"),
            SignUp.meeting.starts_at.as_alias("starts_at"),
        )
        .where((SignUp.resident == resident_id) & (SignUp.status != "afgemeld"))
        .order_by(SignUp.meeting.starts_at, ascending=False)
        .run()
    )
    contacts = (
        await Contact.select(
            Contact.signup,
            Contact.organisation.name.as_alias("organisation"),
            Contact.follow_up,
            Contact.response_on,
            Contact.placement_on,
        )
        .where(Contact.resident == resident_id)
        .run()
    )
    for signup in signups:
        signup["contacts"] = [c for c in contacts if c["signup"] == signup["id"]]
    return signups


async def signup_for_contact(
    view: MeetingView, code: str, signup_ref: str
) -> dict[str, Any] | None:
    """The visitor a stand means: by personal code, or picked from the list (ref)."""
    from meedoen.events.signups import by_code

    if code.strip():
        return await by_code(view.meeting["id"], code)
    signup = await signup_by_ref(signup_ref)
    if signup is None or signup["meeting"] != view.meeting["id"]:
        return None
    return signup
