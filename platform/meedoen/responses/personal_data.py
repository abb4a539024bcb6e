"""What responses holds about a person, for their data download and for erasing it (AVG).

The response rows themselves stay, cut from the person (opportunity, status and dates
count for the district's figures); what they wrote and shared goes.
"""

from __future__ import annotations

from typing import Any

from meedoen.responses import guardian
from meedoen.responses.tables import GuardianConsent, Proposal, Response, ResponseMessage


async def export_for_resident(resident_id: int) -> dict[str, Any]:
    return {
        "responses": await _responses(resident_id),
        "proposals": await Proposal.select(
            Proposal.opportunity.title.as_alias("opportunity"),
            Proposal.opportunity._.organisation._.name.as_alias("organisation"),
            Proposal.message,
            Proposal.created_at,
        ).where(Proposal.resident == resident_id),
        "waiting_for_a_parent": await _waiting_for_a_parent(resident_id),
    }


async def _waiting_for_a_parent(resident_id: int) -> list[dict[str, Any]]:
    rows = await GuardianConsent.select(
        GuardianConsent.opportunity.title.as_alias("opportunity"),
        GuardianConsent.meeting_ref.as_alias("meeting"),
        GuardianConsent.message,
        GuardianConsent.guardian_email,
        GuardianConsent.created_at,
        GuardianConsent.confirmed_at,
    ).where(GuardianConsent.resident == resident_id)
    for row in rows:
        if not row["meeting"]:
            row.pop("meeting")
            continue
        described = await guardian.describe_meeting(row["meeting"])
        row["meeting"] = (described or {}).get("title") or row["meeting"]
        row.pop("opportunity")
    return rows


async def _responses(resident_id: int) -> list[dict[str, Any]]:
    rows = await Response.select(
        Response.id,
        Response.ref,
        Response.opportunity.title.as_alias("opportunity"),
        Response.opportunity.organisation.name.as_alias("organisation"),  # type: ignore[union-attr]
        Response.message,
        Response.shared,
        Response.contact_email,
        Response.contact_phone,
        Response.status,
        Response.created_at,
        Response.status_changed_at,
    ).where(Response.resident == resident_id)
    for row in rows:
        row["messages"] = await ResponseMessage.select(
            ResponseMessage.author_side, ResponseMessage.text, ResponseMessage.created_at
        ).where(ResponseMessage.response == row.pop("id"))
    return list(rows)


async def forget_resident(resident_id: int) -> None:
    response_ids = [
        row["id"]
        for row in await Response.select(Response.id).where(Response.resident == resident_id)
    ]
    if response_ids:
        await ResponseMessage.delete().where(ResponseMessage.response.is_in(response_ids)).run()
        await (
            Response.update(
                {
                    Response.resident: None,
                    Response.message: "",
                    Response.contact_email: "",
                    Response.contact_phone: "",
                    # What was shared (first name, profile) goes with the resident.
                    Response.snapshot: "",
                }
            )
            .where(Response.id.is_in(response_ids))
            .run()
        )
    await Proposal.delete().where(Proposal.resident == resident_id).run()
    await GuardianConsent.delete().where(GuardianConsent.resident == resident_id).run()


async def forget_author(account_id: int) -> None:
    """Messages the account wrote stay with the response, without who wrote them."""
    await (
        ResponseMessage.update({ResponseMessage.author: None})
        .where(ResponseMessage.author == account_id)
        .run()
    )
