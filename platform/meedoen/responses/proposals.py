"""An organisation proposes one of its opportunities to a findable resident.

This is what "vindbaar" promises the resident: a verified organisation may find them
and suggest a kans. The organisation never gets the resident's address; the platform
mails the resident, who decides whether to respond. Limits keep it a suggestion, not
a mailing list: one proposal per opportunity and resident, and a daily maximum per
organisation.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.audit.service import record_audit
from meedoen.db import write_transaction
from meedoen.i18n import N_
from meedoen.input_rules import bsn_problem
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.opportunities.service import is_published
from meedoen.refusals import Refused
from meedoen.residents.service import findable_resident_id, resident_contact
from meedoen.responses.tables import Proposal
from meedoen.settings import Settings

MESSAGE_MAX_LENGTH = 500
DAILY_LIMIT_PER_ORGANISATION = 50


class ProposalRefused(Refused):
    """The proposal cannot be sent; ``message`` is a Dutch msgid to show."""


@dataclass(frozen=True)
class ProposalView:
    """A proposal as its resident sees it."""

    ref: str
    opportunity_ref: str
    opportunity_title: str
    organisation_name: str
    message: str
    created_at: dt.datetime
    is_open: bool


async def propose(
    user: CurrentUser,
    opportunity: dict[str, Any],
    resident_ref: str,
    message: str,
    settings: Settings,
) -> Proposal:
    """Store the proposal and mail the resident, or refuse with a reason.

    ``opportunity`` has passed ``may_browse_candidates`` for ``user`` already.
    """
    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ProposalRefused(N_("Je bericht is te lang. Gebruik maximaal 500 tekens."))
    if problem := bsn_problem(message):
        raise ProposalRefused(problem)
    resident_id = await findable_resident_id(resident_ref)
    resident = await resident_contact(resident_id) if resident_id else None
    if resident_id is None or resident is None:
        raise ProposalRefused(N_("Deze bewoner is niet meer vindbaar."))
    if not await is_published(opportunity["ref"]):
        raise ProposalRefused(N_("Je kunt alleen een open kans voorstellen die iedereen kan zien."))
    now = dt.datetime.now(dt.UTC)
    async with write_transaction():
        if await Proposal.exists().where(
            (Proposal.opportunity == opportunity["id"]) & (Proposal.resident == resident_id)
        ):
            raise ProposalRefused(N_("Je hebt deze kans al aan deze bewoner voorgesteld."))
        if await _sent_today(opportunity["organisation"], now) >= DAILY_LIMIT_PER_ORGANISATION:
            raise ProposalRefused(
                N_(
                    "Je organisatie heeft vandaag al 50 kansen voorgesteld. Probeer het morgen weer."
                )
            )
        proposal = Proposal(
            ref=f"vst-{secrets.token_hex(6)}",
            opportunity=opportunity["id"],
            resident=resident_id,
            proposed_by=user.account_id,
            message=message,
            created_at=now,
        )
        await proposal.save()
        if resident.email:
            await queue_mail(
                resident.email,
                "proposal",
                {
                    "name": resident.first_name,
                    "organisation": opportunity["organisation_name"],
                    "opportunity": opportunity["title"],
                    "message": message,
                    "link": f"{settings.base_url}/kansen/{opportunity['ref']}",
                    "settings_link": f"{settings.base_url}/mijn",
                },
                resident.language,
                sender=Sender.account(settings.secret_key, user.account_id),
            )
    await record_audit(user, "candidate.proposed", "resident", resident_ref, opportunity["ref"])
    return proposal


async def proposed_refs(opportunity_id: int) -> set[str]:
    """Refs of the residents this opportunity was proposed to."""
    rows = await (
        Proposal.select(Proposal.resident.ref.as_alias("ref"))
        .where(Proposal.opportunity == opportunity_id)
        .run()
    )
    return {row["ref"] for row in rows}


async def proposals_for(resident_id: int) -> list[ProposalView]:
    """What organisations proposed to this resident, newest first."""
    rows = await (
        Proposal.select(
            Proposal.ref,
            Proposal.message,
            Proposal.created_at,
            Proposal.opportunity.ref.as_alias("opportunity_ref"),
            Proposal.opportunity.title.as_alias("opportunity_title"),
            Proposal.opportunity.status.as_alias("status"),
            Proposal.opportunity._.organisation._.name.as_alias("organisation_name"),
        )
        .where(Proposal.resident == resident_id)
        .order_by(Proposal.created_at, ascending=False)
        .run()
    )
    return [
        ProposalView(
            ref=row["ref"],
            opportunity_ref=row["opportunity_ref"],
            opportunity_title=row["opportunity_title"],
            organisation_name=row["organisation_name"],
            message=row["message"],
            created_at=row["created_at"],
            is_open=row["status"] == "open",
        )
        for row in rows
    ]


async def _sent_today(organisation_id: int, now: dt.datetime) -> int:
    since = now - dt.timedelta(days=1)
    return await Proposal.count().where(
        (Proposal.opportunity.organisation == organisation_id) & (Proposal.created_at >= since)
    )
