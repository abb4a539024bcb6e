"""A parent's or guardian's yes before a young resident's response reaches an organisation.

Residents under 16 may respond to a kans, but the organisation sees nothing until a parent
or guardian confirmed it by e-mail: the response waits here (a ``GuardianConsent`` row,
with only the link's SHA-256), and the confirmation creates the response and tells the
organisation, in one transaction. A link confirms once: many clicks at the same moment
create one response (the row is claimed with ``UPDATE … WHERE confirmed_at IS NULL``).

A resident under 16 signing up for a meeting waits the same way: the row holds the
meeting, the time slot and "with my coach", and the confirmation makes the sign-up (the
meetings domain registers how, see ``register_meeting_sign_ups``; this domain does not
import meetings). Until then the organiser sees nothing.

Only the birth year is known, so "under 16" means: possibly not 16 yet this year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from meedoen.db import write_transaction
from meedoen.i18n import N_
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.residents import service as residents
from meedoen.residents.service import Resident
from meedoen.responses import service
from meedoen.responses.service import NewResponse, ResponseRefused
from meedoen.responses.tables import GuardianConsent, Response
from meedoen.settings import Settings
from meedoen.web.forms import email_problem

CONSENT_FROM_AGE = 16
LINK_LIFETIME = dt.timedelta(days=14)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def needs_guardian(resident: Resident, today: dt.date | None = None) -> bool:
    """True when the resident may be under 16: born in a year that makes them 16 or
    younger this year (their birthday may not have come yet)."""
    return born_too_recently(resident.birth_year, today)


def born_too_recently(birth_year: int | None, today: dt.date | None = None) -> bool:
    """``needs_guardian`` for a birth year alone (e.g. a row of a coach's caseload)."""
    if birth_year is None:
        return False
    year = (today or dt.date.today()).year
    return year - int(birth_year) <= CONSENT_FROM_AGE


def guardian_email_problem(address: str, *not_addresses: str, by_coach: bool = False) -> str | None:
    """A Dutch msgid when the guardian's address cannot be used (empty, not an address, or
    one of ``not_addresses``: the young person's own, or the coach's); None when it can.
    ``by_coach``: the coach fills it in, so the message speaks of "de" parent, not "je"."""
    if not address:
        if by_coach:
            return N_(
                "Vul het e-mailadres van de ouder of verzorger in. Die moet eerst ‘ja’ zeggen."
            )
        return N_("Vul het e-mailadres van je ouder of verzorger in. Die moet eerst ‘ja’ zeggen.")
    if problem := email_problem(address):
        return problem
    taken = {a.strip().casefold() for a in not_addresses if a}
    if address.strip().casefold() in taken:
        if by_coach:
            return N_(
                "Vul het e-mailadres van de ouder of verzorger in, niet dat van de bewoner of "
                "van jezelf."
            )
        return N_("Vul het e-mailadres van je ouder of verzorger in, niet je eigen adres.")
    return None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Draft:
    opportunity_id: int
    opportunity_title: str
    organisation_name: str
    message: str
    shared: tuple[str, ...]
    contact_email: str
    contact_phone: str


async def ask_guardian(
    settings: Settings, sender: Sender, resident: Resident, draft: Draft, guardian_email: str
) -> str:
    """Store the waiting response and mail the guardian the link; returns the consent ref."""
    return await _ask(
        settings,
        sender,
        resident,
        guardian_email,
        GuardianConsent(
            opportunity=draft.opportunity_id,
            message=draft.message,
            shared=list(draft.shared),
            contact_email=draft.contact_email,
            contact_phone=draft.contact_phone,
        ),
        "guardian_consent",
        {"title": draft.opportunity_title, "organisation": draft.organisation_name},
    )


@dataclass(frozen=True)
class MeetingDraft:
    """A sign-up for a meeting that waits for the parent's yes."""

    meeting_ref: str
    slot_id: int | None
    with_coach: bool
    title: str
    organiser_name: str
    when: str
    # A coach signing up a resident of their caseload, with the resident's consent note.
    signed_up_by: int | None = None
    consent_note: str = ""


async def ask_guardian_for_meeting(
    settings: Settings, sender: Sender, resident: Resident, draft: MeetingDraft, guardian_email: str
) -> str:
    """Store the waiting sign-up and mail the guardian the link; returns the consent ref."""
    return await _ask(
        settings,
        sender,
        resident,
        guardian_email,
        GuardianConsent(
            meeting_ref=draft.meeting_ref,
            slot_id=draft.slot_id,
            with_coach=draft.with_coach,
            signed_up_by=draft.signed_up_by,
            consent_note=draft.consent_note.strip(),
            shared=[],
        ),
        "guardian_consent_meeting",
        {"title": draft.title, "organisation": draft.organiser_name, "when": draft.when},
    )


async def meeting_waits_for_guardian(resident_id: int, meeting_ref: str) -> bool:
    """Whether a sign-up of the resident for this meeting waits for a parent's yes."""
    return bool(
        await GuardianConsent.exists().where(
            (GuardianConsent.resident == resident_id)
            & (GuardianConsent.meeting_ref == meeting_ref)
            & GuardianConsent.confirmed_at.is_null()
            & (GuardianConsent.expires_at > utcnow())
        )
    )


async def _ask(
    settings: Settings,
    sender: Sender,
    resident: Resident,
    guardian_email: str,
    row: GuardianConsent,
    mail: str,
    about: dict[str, Any],
) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row.ref = f"tst-{secrets.token_hex(6)}"
    row.resident = resident.id
    row.guardian_email = guardian_email.strip()
    row.token_hash = _hash(token)
    row.created_at = now
    row.expires_at = now + LINK_LIFETIME
    async with write_transaction():
        await GuardianConsent.insert(row).run()
        await queue_mail(
            guardian_email.strip(),
            mail,
            {
                "name": resident.first_name or "",
                **about,
                "link": f"{settings.base_url}/toestemming/{token}",
                "days": LINK_LIFETIME.days,
            },
            "nl",
            sender=sender,
        )
    return str(row.ref)


# What the meetings domain registers (through the app assembly): how to describe a meeting
# on the parent's page, and how to make the sign-up once the parent said yes.
DescribeMeeting = Callable[[str, int | None], Awaitable[dict[str, Any] | None]]


@dataclass(frozen=True)
class ConfirmedSignUp:
    """A waiting sign-up the parent said yes to, as the meetings domain makes it."""

    meeting_ref: str
    slot_id: int | None
    resident_id: int
    with_coach: bool
    signed_up_by: int | None
    consent_note: str


SignUpForMeeting = Callable[[ConfirmedSignUp], Awaitable[None]]


@dataclass
class _MeetingHooks:
    describe: DescribeMeeting | None = None
    sign_up: SignUpForMeeting | None = None


MEETING_HOOKS = _MeetingHooks()


def register_meeting_sign_ups(describe: DescribeMeeting, sign_up: SignUpForMeeting) -> None:
    MEETING_HOOKS.describe = describe
    MEETING_HOOKS.sign_up = sign_up


async def describe_meeting(meeting_ref: str, slot_id: int | None = None) -> dict[str, Any] | None:
    """The waiting meeting as the meetings domain describes it (title, organisation, and
    when: the chosen time slot, else the first); None when it is gone or no meetings
    domain is registered."""
    if MEETING_HOOKS.describe is None:
        return None
    return await MEETING_HOOKS.describe(meeting_ref, slot_id)


async def waiting_consent(token: str) -> dict[str, Any] | None:
    """What the guardian is asked to confirm (None for an unknown link)."""
    if not token or len(token) > 100:
        return None
    row: dict[str, Any] | None = (
        await GuardianConsent.select(
            GuardianConsent.id,
            GuardianConsent.message,
            GuardianConsent.shared,
            GuardianConsent.expires_at,
            GuardianConsent.confirmed_at,
            GuardianConsent.meeting_ref,
            GuardianConsent.slot_id,
            GuardianConsent.resident.first_name.as_alias("first_name"),
            GuardianConsent.opportunity.ref.as_alias("opportunity_ref"),
            GuardianConsent.opportunity.title.as_alias("title"),
            GuardianConsent.opportunity.organisation.name.as_alias("organisation"),  # type: ignore[union-attr]
        )
        .where(GuardianConsent.token_hash == _hash(token))
        .first()
        .run()
    )
    if row is not None and row["meeting_ref"]:
        described = await describe_meeting(row["meeting_ref"], row["slot_id"])
        row.update(described or {"title": "", "organisation": "", "when": ""})
    return row


class ConsentRefused(Exception):
    """The link cannot confirm (any more); ``message`` is a Dutch msgid."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def confirm(token: str) -> tuple[Response | None, dict[str, Any]] | None:
    """Confirm what waits: create the response (once) and return it with the claimed row;
    for a meeting, make the sign-up (the response is then None).

    None when this call did not confirm: already confirmed (by this click's twin) or the
    link expired or is unknown. The caller tells the organisation in the same transaction.
    """
    now = utcnow()
    claimed = (
        await GuardianConsent.update({GuardianConsent.confirmed_at: now})
        .where(
            (GuardianConsent.token_hash == _hash(token))
            & GuardianConsent.confirmed_at.is_null()
            & (GuardianConsent.expires_at > now)
        )
        .returning(
            GuardianConsent.id,
            GuardianConsent.opportunity,
            GuardianConsent.resident,
            GuardianConsent.message,
            GuardianConsent.shared,
            GuardianConsent.contact_email,
            GuardianConsent.contact_phone,
            GuardianConsent.meeting_ref,
            GuardianConsent.slot_id,
            GuardianConsent.with_coach,
            GuardianConsent.signed_up_by,
            GuardianConsent.consent_note,
        )
        .run()
    )
    if not claimed:
        return None
    row = claimed[0]
    if row["meeting_ref"]:
        if MEETING_HOOKS.sign_up is None:
            raise ConsentRefused(N_("Aanmelden voor activiteiten kan nu niet."))
        await MEETING_HOOKS.sign_up(
            ConfirmedSignUp(
                meeting_ref=row["meeting_ref"],
                slot_id=row["slot_id"],
                resident_id=int(row["resident"]),
                with_coach=bool(row["with_coach"]),
                signed_up_by=row["signed_up_by"],
                consent_note=row["consent_note"] or "",
            )
        )
        return None, row
    resident = await residents.resident_by_id(int(row["resident"]))
    if resident is None:
        raise ConsentRefused(N_("Deze reactie bestaat niet meer."))
    response = await service.create_response(
        NewResponse(
            opportunity_id=int(row["opportunity"]),
            resident_id=resident.id,
            message=row["message"],
            shared=tuple(row["shared"] or ()),
            contact_email=row["contact_email"],
            contact_phone=row["contact_phone"],
            profile=resident.to_dict(),
        )
    )
    await (
        GuardianConsent.update({GuardianConsent.response: response.id})
        .where(GuardianConsent.id == row["id"])
        .run()
    )
    return response, row


__all__ = [
    "ConsentRefused",
    "Draft",
    "MeetingDraft",
    "ResponseRefused",
    "ask_guardian",
    "ask_guardian_for_meeting",
    "confirm",
    "register_meeting_sign_ups",
]


async def unanswered_consents_due(now: dt.datetime) -> list[int]:
    """Waiting responses whose link expired without a yes: nothing more will come of them."""
    rows = await GuardianConsent.select(GuardianConsent.id).where(
        GuardianConsent.confirmed_at.is_null() & (GuardianConsent.expires_at < now)
    )
    return [row["id"] for row in rows]


async def delete_consents(ids: list[int]) -> None:
    """Delete waiting responses (with the parent's address) that can no longer be confirmed."""
    if ids:
        await (
            GuardianConsent.delete()
            .where(GuardianConsent.id.is_in(ids) & GuardianConsent.confirmed_at.is_null())
            .run()
        )
