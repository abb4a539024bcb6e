"""Who hears from the platform on behalf of an organisation, and the mail they get.

Mails to an organisation say *that* something happened and link to the platform; what
a resident wrote or shared stays there, behind sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meedoen.accounts.service import organisation_members
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.organisations.tables import Organisation


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


async def organisation_recipients(organisation_id: int) -> list[Recipient]:
    """The organisation's active members; its contact address when it has none."""
    members = await organisation_members(organisation_id, active_only=True)
    found = [Recipient(m.email, m.name, m.language) for m in members if m.email]
    if found:
        return found
    contact = (
        await Organisation.select(Organisation.contact_email)
        .where(Organisation.id == organisation_id)
        .first()
        .run()
    )
    email = (contact or {}).get("contact_email") or ""
    return [Recipient(email, "", "nl")] if email else []


async def queue_for_recipients(
    recipients: list[Recipient], template: str, values: dict[str, Any], *, sender: Sender
) -> None:
    """One mail per recipient, in their own language; call inside the write transaction."""
    for recipient in recipients:
        await queue_mail(
            recipient.email,
            template,
            {**values, "name": recipient.name},
            recipient.language,
            sender=sender,
        )


async def member_account_ids(organisation_id: int) -> list[int]:
    """The organisation's active members: each chooses how they hear about it."""
    members = await organisation_members(organisation_id, active_only=True)
    return [m.account_id for m in members]


async def organisation_name(organisation_id: int) -> str:
    row = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == organisation_id)
        .first()
        .run()
    )
    return str(row["name"]) if row else ""


async def members_of(organisation_id: int) -> list[dict[str, Any]]:
    """The organisation's active members by name: ``account_id``, ``name``, ``email``."""
    members = await organisation_members(organisation_id, active_only=True)
    return [{"account_id": m.account_id, "name": m.name, "email": m.email} for m in members]
