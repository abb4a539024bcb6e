"""Administration: verifying and blocking organisations, roles and accounts, the audit log.

The owning domains keep the rows and their rules (``organisations.service``,
``accounts.service``, ``audit.service``); every change there is audited, and verifying or
blocking an organisation records an outbox change for it in the same transaction, which
re-indexes (or hides) its postings. Here: what only administrators decide, and the
members' notifications, sent in the same transaction as the change they announce.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from meedoen.accounts import service as accounts_service
from meedoen.accounts.current_user import CurrentUser
from meedoen.audit.service import AuditFilter, record_audit
from meedoen.audit.service import audit_events as _audit_events
from meedoen.db import write_transaction
from meedoen.notifications import service as notifications
from meedoen.organisations import service as organisations
from meedoen.organisations.service import (
    STANDINGS,
    OrganisationFilter,
    OrganisationPage,
    confirm_leerbedrijf,
    organisation_detail,
    organisation_names,
    organisation_page,
    set_blocked,
    standing_of,
)
from meedoen.refusals import Refused
from meedoen.safe_cells import csv_text
from meedoen.settings import Settings
from meedoen.vocabulary import ROLES

__all__ = [
    "STANDINGS",
    "AuditFilter",
    "OrganisationFilter",
    "OrganisationPage",
    "confirm_leerbedrijf",
    "organisation_detail",
    "organisation_names",
    "organisation_page",
    "record_audit",
    "set_blocked",
    "standing_of",
]

AUDIT_PAGE_SIZE = 200
EXPORT_LIMIT = 50_000


class AdminRefused(Refused):
    """The change is not allowed; ``message`` is a Dutch msgid."""


# --- organisations -------------------------------------------------------------------


async def set_verified(
    actor: CurrentUser, ref: str, verified: bool, settings: Settings | None = None
) -> bool:
    """Approve (or withdraw); with ``settings`` the organisation's members hear of approval."""
    async with write_transaction():
        changed = await organisations.set_verified(actor, ref, verified)
        if changed is None:
            return False
        # The members hear it when an organisation becomes verified (not when it already was).
        if settings is not None and verified and not changed.was_verified:
            await notifications.organisation_verified(settings, changed.organisation_id)
    return True


async def refuse(
    actor: CurrentUser, ref: str, reason: str, settings: Settings | None = None
) -> bool:
    """Not approved, with the reason the organisation reads (in its mail, with ``settings``,
    and on its dashboard); it stays unverified and leaves the queue until it changes its
    details."""
    async with write_transaction():
        organisation_id = await organisations.refuse(actor, ref, reason)
        if organisation_id is None:
            return False
        if settings is not None:
            await notifications.organisation_refused(settings, organisation_id, reason)
    return True


# --- accounts ------------------------------------------------------------------------


async def accounts(query: str = "", role: str = "") -> list[dict[str, Any]]:
    return await accounts_service.find_accounts(query, role)


async def _account(account_id: int) -> dict[str, Any]:
    row = await accounts_service.account_role(account_id)
    if row is None:
        raise AdminRefused("Dit account bestaat niet.")
    return row


async def change_role(actor: CurrentUser, account_id: int, role: str) -> None:
    if role not in ROLES:
        raise AdminRefused("Kies een rol uit de lijst.")
    account = await _account(account_id)
    if account["role"] == role:
        return
    await accounts_service.change_role(actor, account, role)


async def deactivate(actor: CurrentUser, account_id: int) -> None:
    """The account cannot sign in any more, and its sessions end now."""
    account = await _account(account_id)
    await accounts_service.deactivate(actor, account)


# --- audit log -----------------------------------------------------------------------


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


async def audit_events(filters: AuditFilter, limit: int = AUDIT_PAGE_SIZE) -> list[dict[str, Any]]:
    return await _audit_events(filters, limit)


def audit_csv(rows: list[dict[str, Any]]) -> str:
    columns = ("at", "actor_label", "action", "subject_type", "subject_ref", "details")
    return csv_text([columns, *([row[c] or "" for c in columns] for row in rows)], "\r\n")
