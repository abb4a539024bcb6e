"""Deleting a resident's account (AVG article 17): personal data goes, anonymous counts stay.

What goes: the account and its sessions and links, the profile and CV, the talent scan, saved searches,
the caseload links and coach notes, agreements, the content of proofs of participation
(their links then say "no longer valid"), the messages and contact details of responses,
free text that coaches wrote on placements and ladder records, mail still addressed to
the resident, and the resident's entry in the search index (through the outbox).

What stays, with the link to the person cut: each response row (opportunity, status,
dates), each placement, ladder record and week of hours with its wijk (and birth-year)
snapshot, so the district's participation figures do not change when someone leaves. Every link is cut
explicitly rather than left to ``ON DELETE``: SQLite may run without foreign keys.

Each domain erases what it holds (its ``personal_data`` module), all in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from meedoen.accounts import personal_data as accounts
from meedoen.alerts import personal_data as alerts
from meedoen.audit import personal_data as audit
from meedoen.db import write_transaction
from meedoen.mail import personal_data as mail
from meedoen.placements import personal_data as placements
from meedoen.residents import cv
from meedoen.residents import personal_data as residents
from meedoen.residents.service import Resident, resident_of
from meedoen.responses import personal_data as responses
from meedoen.traject import personal_data as traject
from meedoen.view_budget import service as view_budget


async def delete_resident_account(data_dir: Path, account_id: int) -> None:
    """Remove the account ``account_id`` and everything personal about its resident."""
    account = await accounts.account_by_id(account_id)
    if account is None:
        return
    resident = await resident_of(account_id)
    async with write_transaction():
        for other in residents.registered():
            await other.forget(resident.id if resident else None, account.email)
        if resident is not None:
            await _forget_resident(resident)
        await _forget_account(account_id, account.email)
    if resident is not None:
        # Every CV file of the resident, also one a crashed or concurrent save left.
        cv.remove_all_cvs(data_dir, resident.ref, resident.cv_file)


async def _forget_resident(resident: Resident) -> None:
    await traject.forget_resident(resident.id)
    await responses.forget_resident(resident.id)
    await placements.forget_resident(resident.id)
    await audit.forget_subject("resident", resident.ref)
    await view_budget.forget_resident(resident.ref)
    await residents.forget_resident(resident)


async def _forget_account(account_id: int, email: str) -> None:
    await alerts.forget_account(account_id)
    await responses.forget_author(account_id)
    await audit.forget_actor(account_id)
    await mail.forget_address(email)
    await accounts.forget_account(account_id)
