"""The conversation on a resident's response, as the resident sees it, and their replies.

The organisation's members get an e-mail that there is a new message, not the message
itself: it may be personal, so it is read on the platform, signed in.
"""

from __future__ import annotations

from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import authorize, may_edit_resident
from meedoen.db import write_transaction
from meedoen.mail.throttle import Sender
from meedoen.organisations.recipients import organisation_recipients, queue_for_recipients
from meedoen.residents.service import Resident
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
    recipients = await organisation_recipients(int(row["organisation_id"]))
    async with write_transaction():
        await service.add_resident_reply(int(row["id"]), user.account_id, text)
        await queue_for_recipients(
            recipients,
            MAIL,
            {
                "opportunity": row["title"],
                "link": f"{settings.base_url}/organisatie/reacties/{row['ref']}",
            },
            sender=Sender.account(settings.secret_key, user.account_id),
        )
