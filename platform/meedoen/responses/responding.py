"""The resident's side of responding: send one, see them with their status, withdraw.

The conversation on a response is in ``conversation``.

Organisation-side rules live in ``service``; this module adds what only the resident
does, and queues the confirmation mail and the organisation's notice in the same
transaction as the response.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import authorize, may_edit_resident
from meedoen.db import write_transaction
from meedoen.i18n import N_
from meedoen.input_rules import bsn_problem
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.notifications import service as notifications
from meedoen.opportunities.service import PublicOpportunity
from meedoen.organisations.recipients import organisation_recipients, queue_for_recipients
from meedoen.residents.service import Resident
from meedoen.responses import guardian, service
from meedoen.responses.service import NewResponse, ResponseRefused
from meedoen.responses.tables import Response
from meedoen.settings import Settings

SHARE_LABELS = {
    "first_name": N_("Mijn voornaam"),
    "email": N_("Mijn e-mailadres"),
    "phone": N_("Mijn telefoonnummer"),
    "profile": N_("Mijn profiel (vaardigheden, interesses, uren en mijn eigen tekst)"),
    "cv": N_("Mijn cv"),
}
MAX_PHONE_LENGTH = 30
# Says that there is a response, not who sent it or what it says.
ORGANISATION_MAIL = "response_received"


@dataclass(frozen=True)
class ResponseDraft:
    message: str
    shared: tuple[str, ...]
    phone: str


def check_draft(draft: ResponseDraft, resident: Resident) -> dict[str, str]:
    """Errors per field (Dutch msgids), empty when the response can be sent."""
    errors: dict[str, str] = {}
    if len(draft.message) > service.MESSAGE_MAX_LENGTH:
        errors["message"] = N_("Je bericht is te lang. Gebruik maximaal 2000 tekens.")
    elif problem := bsn_problem(draft.message):
        errors["message"] = problem
    if not {"email", "phone"} & set(draft.shared):
        errors["shared"] = N_(
            "Deel je e-mailadres of je telefoonnummer, anders kan de organisatie je niet bereiken."
        )
    if "phone" in draft.shared:
        digits = [c for c in draft.phone if c.isdigit()]
        if len(digits) < 10 or len(draft.phone) > MAX_PHONE_LENGTH:
            errors["phone"] = N_("Vul een telefoonnummer in van 10 cijfers, zoals 06 12345678.")
    if "cv" in draft.shared and not resident.cv_file:
        errors["shared"] = N_(
            "Je hebt nog geen cv op je profiel gezet. Zet er een op, of vink cv uit."
        )
    return errors


async def send_response(
    settings: Settings,
    user: CurrentUser,
    resident: Resident,
    opportunity: PublicOpportunity,
    draft: ResponseDraft,
) -> Response:
    """Store the response, queue the confirmation mail and tell the organisation: all or none."""
    authorize(may_edit_resident(user, resident))
    if opportunity.is_closed:
        raise ResponseRefused(N_("Deze kans is gesloten. Je kunt er niet meer op reageren."))
    organisation_id = int(opportunity.organisation["id"])
    sender = Sender.account(settings.secret_key, user.account_id)
    async with write_transaction():
        response = await service.create_response(
            NewResponse(
                opportunity_id=int(opportunity.opportunity["id"]),
                resident_id=resident.id,
                message=draft.message,
                shared=draft.shared,
                contact_email=user.email,
                contact_phone=draft.phone,
                profile=resident.to_dict(),
            )
        )
        await queue_mail(
            user.email,
            "response_sent",
            {
                "name": resident.first_name or user.display_name,
                "title": opportunity.opportunity["title"],
                "organisation": opportunity.organisation["name"],
                "link": f"{settings.base_url}/mijn/reacties/{response.ref}",
            },
            user.language,
            sender=sender,
        )
        await _tell_organisation(
            settings, sender, organisation_id, opportunity.opportunity["title"], response.ref
        )
    return response


async def _tell_organisation(
    settings: Settings, sender: Sender, organisation_id: int, title: str, response_ref: str
) -> None:
    # Each member hears of it as they chose; says that there is a response, never who
    # sent it or what it says.
    told = await notifications.notify_members(
        settings,
        organisation_id,
        "response_received",
        {"title": title},
        f"/organisatie/reacties/{response_ref}",
    )
    if not told:  # no members (yet): the organisation's contact address
        await queue_for_recipients(
            await organisation_recipients(organisation_id),
            ORGANISATION_MAIL,
            {
                "opportunity": title,
                "link": f"{settings.base_url}/organisatie/reacties/{response_ref}",
            },
            sender=sender,
        )


async def ask_guardian(
    settings: Settings,
    user: CurrentUser,
    resident: Resident,
    opportunity: PublicOpportunity,
    draft: ResponseDraft,
    guardian_email: str,
) -> str:
    """A resident under 16: the response waits for a parent's or guardian's yes."""
    authorize(may_edit_resident(user, resident))
    if opportunity.is_closed:
        raise ResponseRefused(N_("Deze kans is gesloten. Je kunt er niet meer op reageren."))
    return await guardian.ask_guardian(
        settings,
        Sender.account(settings.secret_key, user.account_id),
        resident,
        guardian.Draft(
            opportunity_id=int(opportunity.opportunity["id"]),
            opportunity_title=str(opportunity.opportunity["title"]),
            organisation_name=str(opportunity.organisation["name"]),
            message=draft.message,
            shared=draft.shared,
            contact_email=user.email,
            contact_phone=draft.phone,
        ),
        guardian_email,
    )


async def confirm_guardian(settings: Settings, token: str) -> bool:
    """The guardian said yes: the response is made and the organisation told, together;
    False when this press did not confirm (already confirmed, expired, unknown)."""
    async with write_transaction():
        confirmed = await guardian.confirm(token)
        if confirmed is None:
            return False
        response, _row = confirmed
        if response is None:
            return True  # a meeting sign-up: the meetings domain made it and mailed
        about = (
            await Response.select(
                Response.opportunity.title.as_alias("title"),
                Response.opportunity.organisation.as_alias("organisation_id"),
            )
            .where(Response.id == response.id)
            .first()
            .run()
        )
        assert about is not None  # made in this very transaction
        sender = Sender.visitor(settings.secret_key, None)
        await _tell_organisation(
            settings, sender, int(about["organisation_id"]), str(about["title"]), response.ref
        )
    return True


async def own_responses(resident: Resident) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        await Response.select(
            Response.id,
            Response.ref,
            Response.status,
            Response.status_changed_at,
            Response.created_at,
            Response.opportunity.ref.as_alias("opportunity_ref"),
            Response.opportunity.title.as_alias("title"),
            Response.opportunity.organisation.name.as_alias("organisation"),  # type: ignore[union-attr]
        )
        .where(Response.resident == resident.id)
        .order_by(Response.created_at, ascending=False)
        .run()
    )
    return rows


async def own_response(resident: Resident, ref: str) -> dict[str, Any] | None:
    """One of the resident's responses; None for anyone else's (a 404, never a hint)."""
    if not ref or len(ref) > 40:
        return None
    row: dict[str, Any] | None = (
        await Response.select(
            Response.id,
            Response.ref,
            Response.message,
            Response.shared,
            Response.contact_phone,
            Response.status,
            Response.status_changed_at,
            Response.created_at,
            Response.opportunity.ref.as_alias("opportunity_ref"),
            Response.opportunity.title.as_alias("title"),
            Response.opportunity.organisation.as_alias("organisation_id"),
            Response.opportunity.organisation.name.as_alias("organisation"),  # type: ignore[union-attr]
        )
        .where((Response.ref == ref) & (Response.resident == resident.id))
        .first()
        .run()
    )
    return row


async def withdraw_own(resident: Resident, ref: str) -> bool:
    """Withdraw one of the resident's own open responses; False when there is none, or
    when withdrawing no longer makes sense (placed, not chosen, already withdrawn)."""
    row = await own_response(resident, ref)
    if row is None or row["status"] not in service.WITHDRAWABLE:
        return False
    await service.withdraw(row["id"])
    return True
