"""A parent's or guardian's yes before a young resident's response reaches an organisation.

Residents under 16 may respond to a kans, but the organisation sees nothing until a parent
or guardian confirmed it by e-mail: the response waits here (a ``GuardianConsent`` row,
with only the link's SHA-256), and the confirmation creates the response and tells the
organisation, in one transaction. A link confirms once: many clicks at the same moment
create one response (the row is claimed with ``UPDATE … WHERE confirmed_at IS NULL``).

Only the birth year is known, so "under 16" means: possibly not 16 yet this year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.forms import email_error
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

CONSENT_FROM_AGE = 16
LINK_LIFETIME = dt.timedelta(days=14)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def needs_guardian(resident: Resident, today: dt.date | None = None) -> bool:
    """True when the resident may be under 16: born in a year that makes them 16 or
    younger this year (their birthday may not have come yet)."""
    if resident.birth_year is None:
        return False
    year = (today or dt.date.today()).year
    return year - int(resident.birth_year) <= CONSENT_FROM_AGE


def guardian_email_problem(address: str, own_address: str) -> str | None:
    """A Dutch msgid when the guardian's address cannot be used; None when it can."""
    if not address:
        return N_("Vul het e-mailadres van je ouder of verzorger in. Die moet eerst ‘ja’ zeggen.")
    if problem := email_error(address):
        return problem
    if address.strip().casefold() == own_address.strip().casefold():
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
    token = secrets.token_urlsafe(32)
    now = utcnow()
    ref = f"tst-{secrets.token_hex(6)}"
    async with write_transaction():
        await GuardianConsent.insert(
            GuardianConsent(
                ref=ref,
                opportunity=draft.opportunity_id,
                resident=resident.id,
                message=draft.message,
                shared=list(draft.shared),
                contact_email=draft.contact_email,
                contact_phone=draft.contact_phone,
                guardian_email=guardian_email.strip(),
                token_hash=_hash(token),
                created_at=now,
                expires_at=now + LINK_LIFETIME,
            )
        ).run()
        await queue_mail(
            guardian_email.strip(),
            "guardian_consent",
            {
                "name": resident.first_name or "",
                "title": draft.opportunity_title,
                "organisation": draft.organisation_name,
                "link": f"{settings.base_url}/toestemming/{token}",
                "days": LINK_LIFETIME.days,
            },
            "nl",
            sender=sender,
        )
    return ref


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
            GuardianConsent.resident.first_name.as_alias("first_name"),
            GuardianConsent.opportunity.ref.as_alias("opportunity_ref"),
            GuardianConsent.opportunity.title.as_alias("title"),
            GuardianConsent.opportunity.organisation.name.as_alias("organisation"),  # type: ignore[union-attr]
        )
        .where(GuardianConsent.token_hash == _hash(token))
        .first()
        .run()
    )
    return row


class ConsentRefused(Exception):
    """The link cannot confirm (any more); ``message`` is a Dutch msgid."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def confirm(token: str) -> tuple[Response, dict[str, Any]] | None:
    """Confirm the waiting response: create it (once) and return it with the claimed row.

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
        )
        .run()
    )
    if not claimed:
        return None
    row = claimed[0]
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


__all__ = ["ConsentRefused", "Draft", "ResponseRefused", "ask_guardian", "confirm"]


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
