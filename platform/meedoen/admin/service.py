"""Administration: verifying and blocking organisations, roles and accounts, the audit log.

Every change here is audited. Verifying or blocking an organisation records an outbox
change for it in the same transaction, which re-indexes (or hides) its postings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.sessions import end_all_sessions
from meedoen.accounts.tables import Account, Membership
from meedoen.audit.service import record_audit
from meedoen.audit.tables import AuditEvent
from meedoen.audit.words import ACTIONS
from meedoen.db import write_transaction
from meedoen.indexing.outbox import record_change
from meedoen.organisations.tables import Organisation
from meedoen.refusals import Refused
from meedoen.textfold import contains
from meedoen.vocabulary import ROLES

AUDIT_PAGE_SIZE = 200
EXPORT_LIMIT = 50_000


class AdminRefused(Refused):
    """The change is not allowed; ``message`` is a Dutch msgid."""


# --- organisations -------------------------------------------------------------------


async def organisations(query: str = "") -> list[dict[str, Any]]:
    select = Organisation.select(
        Organisation.ref,
        Organisation.name,
        Organisation.verified,
        Organisation.blocked,
        Organisation.wijk,
        Organisation.created_at,
    )
    if query:
        select = select.where(contains(Organisation.name, query))
    # Unverified first: they are what an administrator has to look at.
    return await select.order_by(Organisation.verified).order_by(Organisation.name).run()


async def _set_flag(actor: CurrentUser, ref: str, column: Any, value: bool, action: str) -> bool:
    async with write_transaction():
        changed = (
            await Organisation.update(
                {column: value, Organisation.updated_at: dt.datetime.now(dt.UTC)}
            )
            .where(Organisation.ref == ref)
            .returning(Organisation.ref)
            .run()
        )
        if not changed:
            return False
        await record_change("organisation", ref)
        await record_audit(actor, action, "organisation", ref)
    return True


async def set_verified(actor: CurrentUser, ref: str, verified: bool) -> bool:
    action = "organisation.verified" if verified else "organisation.unverified"
    return await _set_flag(actor, ref, Organisation.verified, verified, action)


async def set_blocked(actor: CurrentUser, ref: str, blocked: bool) -> bool:
    action = "organisation.blocked" if blocked else "organisation.unblocked"
    return await _set_flag(actor, ref, Organisation.blocked, blocked, action)


# --- accounts ------------------------------------------------------------------------


async def accounts(query: str = "", role: str = "") -> list[dict[str, Any]]:
    select = Account.select(
        Account.id,
        Account.email,
        Account.display_name,
        Account.role,
        Account.is_active,
        Account.last_sign_in_at,
    )
    if query:
        select = select.where(
            contains(Account.email, query) | contains(Account.display_name, query)
        )
    if role in ROLES:
        select = select.where(Account.role == role)
    return await select.order_by(Account.email).limit(500).run()


async def _account(account_id: int) -> dict[str, Any]:
    row = (
        await Account.select(Account.id, Account.email, Account.role)
        .where(Account.id == account_id)
        .first()
        .run()
    )
    if row is None:
        raise AdminRefused("Dit account bestaat niet.")
    return row


async def change_role(actor: CurrentUser, account_id: int, role: str) -> None:
    if role not in ROLES:
        raise AdminRefused("Kies een rol uit de lijst.")
    account = await _account(account_id)
    if account["role"] == role:
        return
    async with write_transaction():
        await Account.update({Account.role: role}).where(Account.id == account_id).run()
        if role != "organisation":
            # Only organisation accounts act for an organisation.
            await Membership.delete().where(Membership.account == account_id).run()
        await record_audit(
            actor,
            "account.role_changed",
            "account",
            str(account_id),
            f"{account['email']}: {account['role']} -> {role}",
        )


async def deactivate(actor: CurrentUser, account_id: int) -> None:
    """The account cannot sign in any more, and its sessions end now."""
    account = await _account(account_id)
    async with write_transaction():
        await Account.update({Account.is_active: False}).where(Account.id == account_id).run()
        await record_audit(
            actor, "account.deactivated", "account", str(account_id), account["email"]
        )
    await end_all_sessions(account_id)


# --- audit log -----------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    subject: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


async def organisation_names(refs: list[str]) -> dict[str, str]:
    """Names of the organisations an audit page mentions, by ref."""
    if not refs:
        return {}
    rows = await Organisation.select(Organisation.ref, Organisation.name).where(
        Organisation.ref.is_in(sorted(set(refs)))
    )
    return {row["ref"]: row["name"] for row in rows}


async def audit_events(filters: AuditFilter, limit: int = AUDIT_PAGE_SIZE) -> list[dict[str, Any]]:
    select = AuditEvent.select(
        AuditEvent.at,
        AuditEvent.actor_label,
        AuditEvent.action,
        AuditEvent.subject_type,
        AuditEvent.subject_ref,
        AuditEvent.details,
    )
    if filters.actor:
        select = select.where(contains(AuditEvent.actor_label, filters.actor))
    if filters.action in ACTIONS:  # the filter's choices
        select = select.where(AuditEvent.action == filters.action)
    elif filters.action:  # an old bookmark with typed text
        select = select.where(contains(AuditEvent.action, filters.action))
    if filters.subject:
        select = select.where(
            contains(AuditEvent.subject_ref, filters.subject)
            | contains(AuditEvent.subject_type, filters.subject)
        )
    if filters.date_from:
        start = dt.datetime.combine(filters.date_from, dt.time.min, dt.UTC)
        select = select.where(AuditEvent.at >= start)
    # Up to 31-12-9999, the last day there is, leaves no day after it to end before.
    if filters.date_to and filters.date_to < dt.date.max:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, dt.UTC)
        select = select.where(AuditEvent.at < end)
    return await select.order_by(AuditEvent.at, ascending=False).limit(limit).run()


def _cell(value: Any) -> str:
    text = value.isoformat() if isinstance(value, dt.datetime) else str(value or "")
    # A spreadsheet must never run a cell as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def audit_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns = ("at", "actor_label", "action", "subject_type", "subject_ref", "details")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue()
