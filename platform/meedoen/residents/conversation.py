"""The conversation on a resident's response, as the resident sees it, and their replies.

The organisation's members get an e-mail that there is a new message, not the message
itself: it may be personal, so it is read on the platform, signed in.
"""

from __future__ import annotations

from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import authorize, may_edit_resident
from meedoen.accounts.tables import Membership
from meedoen.db import write_transaction
from meedoen.mail.outbox import queue_mail
from meedoen.organisations.tables import Organisation
from meedoen.residents.tables import Resident
from meedoen.responses import service
from meedoen.responses.tables import ResponseMessage
from meedoen.settings import Settings

MAIL = "response_resident_reply"


async def messages_of(response_id: int) -> list[dict[str, Any]]:
    """Every message on the response, oldest first, without who wrote it by name."""
    rows: list[dict[str, Any]] = (
        await ResponseMessage.select(
            ResponseMessage.author_side, ResponseMessage.text, ResponseMessage.created_at
        )
        .where(ResponseMessage.response == response_id)
        .order_by(ResponseMessage.created_at)
        .order_by(ResponseMessage.id)
        .run()
    )
    return rows


async def organisation_message_counts(response_ids: list[int]) -> dict[int, int]:
    """How many messages the organisation wrote on each of these responses."""
    if not response_ids:
        return {}
    rows = (
        await ResponseMessage.select(ResponseMessage.response)
        .where(
            ResponseMessage.response.is_in(response_ids)
            & (ResponseMessage.author_side == "organisation")
        )
        .run()
    )
    counts: dict[int, int] = {}
    for row in rows:
        counts[row["response"]] = counts.get(row["response"], 0) + 1
    return counts


async def reply(
    settings: Settings, user: CurrentUser, resident: Resident, row: dict[str, Any], text: str
) -> None:
    """Add the resident's message and tell the organisation, both or neither.

    ``row`` is one of the resident's own responses (``responding.own_response``);
    :class:`ResponseRefused` when it is withdrawn, or the text is empty or too long.
    """
    authorize(may_edit_resident(user, resident))
    recipients = await _organisation_recipients(int(row["organisation_id"]))
    async with write_transaction():
        await service.add_resident_reply(int(row["id"]), user.account_id, text)
        for recipient in recipients:
            await queue_mail(
                recipient["email"],
                MAIL,
                {
                    "name": recipient["name"],
                    "opportunity": row["title"],
                    "link": f"{settings.base_url}/organisatie/reacties/{row['ref']}",
                },
                recipient["language"],
            )


async def _organisation_recipients(organisation_id: int) -> list[dict[str, str]]:
    """The organisation's active members; its contact address when it has none."""
    members = (
        await Membership.select(
            Membership.account.email.as_alias("email"),
            Membership.account.display_name.as_alias("name"),
            Membership.account.language.as_alias("language"),
        )
        .where(
            (Membership.organisation == organisation_id) & (Membership.account.is_active == True)  # noqa: E712 - a query, not a comparison
        )
        .run()
    )
    found = [
        {"email": m["email"], "name": m["name"] or "", "language": m["language"] or "nl"}
        for m in members
        if m["email"]
    ]
    if found:
        return found
    contact = (
        await Organisation.select(Organisation.contact_email)
        .where(Organisation.id == organisation_id)
        .first()
        .run()
    )
    email = (contact or {}).get("contact_email") or ""
    return [{"email": email, "name": "", "language": "nl"}] if email else []
