"""Helpers for the organisation specifications: postings, residents and their responses."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from meedoen.accounts.tables import Account, Membership
from meedoen.mail.tables import OutgoingMail
from meedoen.opportunities.service import OpportunityInput, save_opportunity
from meedoen.organisations.tables import Organisation
from meedoen.residents.tables import Resident
from meedoen.responses.service import NewResponse, create_response
from meedoen.responses.tables import Response
from support.auth import make_account


def a_posting(**changes: Any) -> OpportunityInput:
    values: dict[str, Any] = {
        "kind": "stage",
        "title": "Stage in de werkplaats",
        "description": "Je helpt mee in onze fietsenwerkplaats.",
        "sector": "metaal en techniek",
        "wijk": "Pathmos",
        "postcode": "7513 AB",
        "hours_per_week_min": 8,
        "hours_per_week_max": 16,
        "status": "open",
    }
    return OpportunityInput(**{**values, **changes})


async def organisation_of(account: Account) -> dict[str, Any]:
    membership = (
        await Membership.select(Membership.organisation)
        .where(Membership.account == account.id)
        .first()
        .run()
    )
    return (
        await Organisation.select()
        .where(Organisation.id == membership["organisation"])
        .first()
        .run()
    )


async def posting_of(account: Account, **changes: Any) -> str:
    """A posting (open by default) of the account's organisation; returns its ref."""
    organisation = await organisation_of(account)
    return await save_opportunity(organisation["id"], a_posting(**changes))


async def a_resident(first_name: str = "Zoë", **changes: Any) -> tuple[Account, Resident]:
    account = await make_account("resident", display_name=first_name)
    now = dt.datetime.now(dt.UTC)
    values: dict[str, Any] = {
        "wijk": "Stadsveld",
        "skills": ["koken"],
        "summary": "Ik kook graag voor anderen.",
        "visibility": "private",
    }
    resident = Resident(
        ref=f"res-{uuid.uuid4().hex[:10]}",
        account=account.id,
        first_name=first_name,
        created_at=now,
        updated_at=now,
        **{**values, **changes},
    )
    await resident.save()
    return account, resident


async def a_response(
    opportunity_ref: str,
    resident: Resident,
    shared: tuple[str, ...] = ("first_name", "email"),
    message: str = "Ik wil graag meedoen!",
    email: str = "zoe@example.nl",
    phone: str = "0612345678",
) -> Response:
    from meedoen.opportunities.tables import Opportunity

    opportunity = (
        await Opportunity.select(Opportunity.id)
        .where(Opportunity.ref == opportunity_ref)
        .first()
        .run()
    )
    return await create_response(
        NewResponse(
            opportunity_id=opportunity["id"],
            resident_id=resident.id,
            message=message,
            shared=shared,
            contact_email=email,
            contact_phone=phone,
            profile=resident.to_dict(),
        )
    )


async def mails_to(address: str) -> list[dict[str, Any]]:
    return await OutgoingMail.select().where(OutgoingMail.to_address == address).run()
