"""Deleting a resident's account (AVG article 17): personal data goes, anonymous counts stay.

What goes: the account and its sessions and links, the profile and CV, saved searches,
the caseload links and coach notes, the messages and contact details of responses,
free text that coaches wrote on placements and ladder records, mail still addressed to
the resident, and the resident's entry in the search index (through the outbox).

What stays, with the link to the person cut: each response row (opportunity, status,
dates), each placement and ladder record with its wijk and birth-year snapshot, so the
district's participation figures do not change when someone leaves. Every link is cut
explicitly rather than left to ``ON DELETE``: SQLite may run without foreign keys.
"""

from __future__ import annotations

from pathlib import Path

from meedoen.accounts.tables import Account, AccountLink, AccountSession, Membership
from meedoen.alerts.tables import SavedSearch, SentAlertItem
from meedoen.audit.tables import AuditEvent
from meedoen.db import write_transaction
from meedoen.indexing.outbox import DELETE, record_change
from meedoen.mail.tables import OutgoingMail
from meedoen.placements.tables import (
    CaseloadLink,
    CoachNote,
    LadderRecord,
    Placement,
    PlacementEvent,
)
from meedoen.residents import cv, personal_data
from meedoen.residents.tables import Resident
from meedoen.responses.tables import Proposal, Response, ResponseMessage


async def delete_resident_account(data_dir: Path, account_id: int) -> None:
    """Remove the account ``account_id`` and everything personal about its resident."""
    account = await Account.objects().where(Account.id == account_id).first().run()
    if account is None:
        return
    resident = await Resident.objects().where(Resident.account == account_id).first().run()
    async with write_transaction():
        for other in personal_data.registered():
            await other.forget(resident.id if resident else None, account.email)
        if resident is not None:
            await _forget_resident(resident)
        await _forget_account(account)
    if resident is not None and resident.cv_file:
        cv.remove_cv(data_dir, resident.cv_file)


async def _forget_resident(resident: Resident) -> None:
    rid = resident.id
    response_ids = [
        row["id"] for row in await Response.select(Response.id).where(Response.resident == rid)
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
                }
            )
            .where(Response.id.is_in(response_ids))
            .run()
        )
    placement_ids = [
        row["id"] for row in await Placement.select(Placement.id).where(Placement.resident == rid)
    ]
    if placement_ids:
        # Coaches' free text may name the resident; the kind, dates and status stay.
        await (
            PlacementEvent.update({PlacementEvent.note: ""})
            .where(PlacementEvent.placement.is_in(placement_ids))
            .run()
        )
        await (
            Placement.update(
                {
                    Placement.resident: None,
                    Placement.description: "",
                    Placement.stop_text: "",
                    Placement.outcome_note: "",
                }
            )
            .where(Placement.id.is_in(placement_ids))
            .run()
        )
    await (
        LadderRecord.update({LadderRecord.resident: None, LadderRecord.motivation: ""})
        .where(LadderRecord.resident == rid)
        .run()
    )
    await CoachNote.delete().where(CoachNote.resident == rid).run()
    await Proposal.delete().where(Proposal.resident == rid).run()
    await CaseloadLink.delete().where(CaseloadLink.resident == rid).run()
    await (
        AuditEvent.update({AuditEvent.details: ""})
        .where((AuditEvent.subject_type == "resident") & (AuditEvent.subject_ref == resident.ref))
        .run()
    )
    await record_change("resident", resident.ref, DELETE)
    await Resident.delete().where(Resident.id == rid).run()


async def _forget_account(account: Account) -> None:
    aid = account.id
    searches = [
        row["id"]
        for row in await SavedSearch.select(SavedSearch.id).where(SavedSearch.account == aid)
    ]
    if searches:
        await SentAlertItem.delete().where(SentAlertItem.saved_search.is_in(searches)).run()
        await SavedSearch.delete().where(SavedSearch.id.is_in(searches)).run()
    await (
        ResponseMessage.update({ResponseMessage.author: None})
        .where(ResponseMessage.author == aid)
        .run()
    )
    await (
        AuditEvent.update({AuditEvent.actor: None, AuditEvent.actor_label: ""})
        .where(AuditEvent.actor == aid)
        .run()
    )
    await OutgoingMail.delete().where(OutgoingMail.to_address == account.email).run()
    await Membership.delete().where(Membership.account == aid).run()
    await AccountSession.delete().where(AccountSession.account == aid).run()
    await AccountLink.delete().where(AccountLink.account == aid).run()
    await Account.delete().where(Account.id == aid).run()
