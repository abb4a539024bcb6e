"""The organisation's side of responses: the inbox, one response, marking and replying.

An organisation member sees responses to their own organisation's postings only, and
of the resident only what the resident chose to share. Opening a response that shows
shared personal data writes an audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import authorize, may_handle_response
from meedoen.audit.service import record_audit
from meedoen.db import write_transaction
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.notifications.service import notify
from meedoen.placements.service import start_placement_from_response
from meedoen.residents.service import resident_contact
from meedoen.responses import service
from meedoen.responses.tables import Response, ResponseMessage
from meedoen.settings import Settings

PERSONAL = ("first_name", "email", "phone", "profile", "cv")


@dataclass(frozen=True)
class InboxItem:
    response: dict[str, Any]
    opportunity: dict[str, Any]
    shared: dict[str, Any]
    messages: list[dict[str, Any]]

    @property
    def ref(self) -> str:
        return str(self.response["ref"])


_COLUMNS = (
    Response.id,
    Response.ref,
    Response.status,
    Response.message,
    Response.shared,
    Response.contact_email,
    Response.contact_phone,
    Response.snapshot,
    Response.resident,
    Response.resident.ref.as_alias("resident_ref"),
    Response.created_at,
    Response.opportunity.id.as_alias("opportunity_id"),
    Response.opportunity.ref.as_alias("opportunity_ref"),
    Response.opportunity.title.as_alias("opportunity_title"),
    Response.opportunity.organisation.as_alias("organisation_id"),
)


async def inbox(
    user: CurrentUser,
    status: str = "",
    organisation_id: int | None = None,
    opportunity_ref: str = "",
) -> list[dict[str, Any]]:
    """Responses to the postings of one of the member's organisations (``organisation_id``)
    or of all of them, newest first; ``opportunity_ref`` narrows it to one posting."""
    ids = user.organisation_ids
    if organisation_id is not None:
        ids = ids & {organisation_id}
    if not ids:
        return []
    query = Response.select(*_COLUMNS).where(Response.opportunity.organisation.is_in(sorted(ids)))
    if status in service.STATUSES:
        query = query.where(Response.status == status)
    if opportunity_ref:
        query = query.where(Response.opportunity.ref == opportunity_ref[:40])
    rows = await query.order_by(Response.created_at, ascending=False).run()
    for row in rows:
        # The list shows a first name only if the resident shared it, as it was then.
        row["first_name"] = (await shared_data(row)).get("first_name", "")
    return rows


async def _row(ref: str) -> dict[str, Any] | None:
    if not ref or len(ref) > 40:
        return None
    return await Response.select(*_COLUMNS).where(Response.ref == ref).first().run()


async def response_for(user: CurrentUser, ref: str) -> dict[str, Any] | None:
    """The response if it exists; 403 when it belongs to another organisation."""
    row = await _row(ref)
    if row is None:
        return None
    authorize(may_handle_response(user, row["organisation_id"]))
    return row


async def shared_data(row: dict[str, Any]) -> dict[str, Any]:
    """Only what the resident chose to share, as it was when they responded (the
    snapshot, never the live profile); nothing at all once the response is withdrawn."""
    if row["status"] == "ingetrokken":
        return {}
    shared = [s for s in row["shared"] or [] if s in PERSONAL]
    snapshot = service.read_snapshot(row.get("snapshot"))
    data: dict[str, Any] = {}
    if "first_name" in shared and snapshot.get("first_name"):
        data["first_name"] = snapshot["first_name"]
    if "email" in shared and row["contact_email"]:
        data["email"] = row["contact_email"]
    if "phone" in shared and row["contact_phone"]:
        data["phone"] = row["contact_phone"]
    if "profile" in shared and isinstance(snapshot.get("profile"), dict):
        data["profile"] = snapshot["profile"]
    return data


async def open_item(
    user: CurrentUser, row: dict[str, Any], settings: Settings | None = None
) -> InboxItem:
    """Everything a member sees of one response; the view of personal data is audited.

    With ``settings`` the resident hears (once) that the organisation read it. Of a
    withdrawn response the member sees only that it was withdrawn: no message, no
    conversation, nothing the resident shared.
    """
    opportunity = {"ref": row["opportunity_ref"], "title": row["opportunity_title"]}
    if row["status"] == "ingetrokken":
        withdrawn = {**row, "message": "", "contact_email": "", "contact_phone": ""}
        return InboxItem(withdrawn, opportunity, {}, [])
    shared = await shared_data(row)
    if settings is not None and row["status"] != "ingetrokken":
        await _tell_resident(settings, row, "response_read", once_key=f"read:{row['ref']}")
    if shared:
        await record_audit(
            user, "response.viewed", "response", row["ref"], ",".join(sorted(shared))
        )
    messages = (
        await ResponseMessage.select(
            ResponseMessage.author_side,
            ResponseMessage.text,
            ResponseMessage.created_at,
            ResponseMessage.author.display_name.as_alias("author_name"),
        )
        .where(ResponseMessage.response == row["id"])
        .order_by(ResponseMessage.created_at)
        .run()
    )
    return InboxItem(row, opportunity, shared, messages)


# What the resident hears when the organisation sets a status.
STATUS_NOTICES = {
    "uitgenodigd": "response_invited",
    "geplaatst": "response_placed",
    "niet_passend": "response_declined",
}


async def mark(
    user: CurrentUser, row: dict[str, Any], status: str, settings: Settings | None = None
) -> None:
    """Set the status; "geplaatst" also starts the placement for the resident's coach.

    The resident hears of an invitation, a placement or a "no" (with ``settings``), in
    the same transaction as the change."""
    async with write_transaction():
        await service.set_status(row["id"], status)
        await record_audit(user, "response.status", "response", row["ref"], status)
        if status == "geplaatst" and row["resident"]:
            await start_placement_from_response(
                resident_id=row["resident"],
                opportunity_id=row["opportunity_id"],
                actor_id=user.account_id,
            )
        if settings is not None and status in STATUS_NOTICES and status != row["status"]:
            await _tell_resident(settings, row, STATUS_NOTICES[status])


async def _tell_resident(
    settings: Settings, row: dict[str, Any], kind: str, once_key: str | None = None
) -> None:
    if not row["resident"]:
        return
    about = (
        await Response.select(
            Response.resident.account.as_alias("account"),
            Response.opportunity.kind.as_alias("kind"),
            Response.opportunity.organisation.name.as_alias("organisation"),  # type: ignore[union-attr]
        )
        .where(Response.id == row["id"])
        .first()
        .run()
    )
    if about is None or not about["account"]:
        return
    link = f"/mijn/reacties/{row['ref']}"
    if kind == "response_declined":
        link = f"/kansen?kind={about['kind']}"  # kansen like this one
    params = {"title": row["opportunity_title"], "organisation": about["organisation"] or ""}
    await notify(settings, int(about["account"]), kind, params, link, once_key=once_key)


async def reply(user: CurrentUser, row: dict[str, Any], text: str, settings: Settings) -> None:
    """Add the organisation's message and mail the resident that there is one.

    The mail goes to the resident's own account address and says only that there is a
    reply, so the text is read on the platform, signed in.
    """
    recipient = await resident_contact(row["resident"]) if row["resident"] else None
    if row["status"] == "ingetrokken":
        raise service.ResponseRefused("De bewoner heeft deze reactie ingetrokken.")
    async with write_transaction():
        await service.add_message(row["id"], user.account_id, "organisation", text)
        if recipient and recipient.email:
            await queue_mail(
                recipient.email,
                "response_reply",
                {
                    "name": recipient.name,
                    "opportunity": row["opportunity_title"],
                    "link": f"{settings.base_url}/mijn/reacties/{row['ref']}",
                },
                recipient.language,
                sender=Sender.account(settings.secret_key, user.account_id),
            )
