"""Administration: verifying and blocking organisations, roles and accounts, the audit log.

Every change here is audited. Verifying or blocking an organisation records an outbox
change for it in the same transaction, which re-indexes (or hides) its postings.
"""

from __future__ import annotations

import datetime as dt
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
from meedoen.notifications import service as notifications
from meedoen.organisations.tables import Organisation
from meedoen.refusals import Refused
from meedoen.safe_cells import csv_text
from meedoen.settings import Settings
from meedoen.textfold import contains
from meedoen.vocabulary import ROLES

AUDIT_PAGE_SIZE = 200
EXPORT_LIMIT = 50_000


class AdminRefused(Refused):
    """The change is not allowed; ``message`` is a Dutch msgid."""


# --- organisations -------------------------------------------------------------------


ORGANISATIONS_PER_PAGE = 25
# The verification queue's states, in the order an administrator works through them.
STANDINGS = ("te_controleren", "niet_goedgekeurd", "gecontroleerd", "geblokkeerd", "alle")
_LIST_COLUMNS = (
    Organisation.ref,
    Organisation.name,
    Organisation.type,
    Organisation.kvk_number,
    Organisation.wijk,
    Organisation.verified,
    Organisation.blocked,
    Organisation.refused_at,
    Organisation.created_at,
)


@dataclass(frozen=True)
class OrganisationFilter:
    """What the administrator's organisation list shows: the queue by default."""

    query: str = ""
    standing: str = "te_controleren"
    type: str = ""
    wijk: str = ""
    page: int = 1


@dataclass(frozen=True)
class OrganisationPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def standing_of(row: dict[str, Any]) -> str:
    """Where an organisation stands: blocked, verified, refused or still to check."""
    if row["blocked"]:
        return "geblokkeerd"
    if row["verified"]:
        return "gecontroleerd"
    return "niet_goedgekeurd" if row["refused_at"] else "te_controleren"


def _standing_where(standing: str) -> Any:
    not_blocked = Organisation.blocked.eq(False)
    return {
        "te_controleren": not_blocked
        & Organisation.verified.eq(False)
        & Organisation.refused_at.is_null(),
        "niet_goedgekeurd": not_blocked
        & Organisation.verified.eq(False)
        & Organisation.refused_at.is_not_null(),
        "gecontroleerd": not_blocked & Organisation.verified.eq(True),
        "geblokkeerd": Organisation.blocked.eq(True),
    }.get(standing)


def _kvk_digits(query: str) -> str:
    digits = "".join(c for c in query if c.isdigit())
    return digits if len(digits) == 8 and len(query) <= 12 else ""


async def organisation_page(filters: OrganisationFilter) -> OrganisationPage:
    """One page of the organisation list; the queue (oldest registration first) by default."""
    conditions = []
    if (where := _standing_where(filters.standing)) is not None:
        conditions.append(where)
    if filters.query:
        by_name = contains(Organisation.name, filters.query)
        kvk = _kvk_digits(filters.query)
        conditions.append(by_name | (Organisation.kvk_number == kvk) if kvk else by_name)
    if filters.type:
        conditions.append(Organisation.type == filters.type)
    if filters.wijk:
        conditions.append(Organisation.wijk == filters.wijk)
    count = Organisation.count()
    select = Organisation.select(*_LIST_COLUMNS)
    for condition in conditions:
        count = count.where(condition)
        select = select.where(condition)
    total = await count.run()
    pages = max(1, -(-total // ORGANISATIONS_PER_PAGE))
    page = min(max(1, filters.page), pages)
    # Whoever waits longest comes first in the queue; elsewhere the newest first.
    oldest_first = filters.standing == "te_controleren"
    rows = (
        await select.order_by(Organisation.created_at, ascending=oldest_first)
        .order_by(Organisation.id, ascending=oldest_first)
        .limit(ORGANISATIONS_PER_PAGE)
        .offset((page - 1) * ORGANISATIONS_PER_PAGE)
        .run()
    )
    return OrganisationPage(rows, total, page, pages)


async def organisation_detail(ref: str) -> dict[str, Any] | None:
    """Everything an administrator checks an organisation against: what it entered, who
    registered it (the contact person) and how many postings it has."""
    if not ref or len(ref) > 40:
        return None
    organisation = await Organisation.select().where(Organisation.ref == ref).first().run()
    if organisation is None:
        return None
    organisation["people"] = (
        await Membership.select(
            Membership.role,
            Membership.created_at,
            Membership.account.display_name.as_alias("name"),
            Membership.account.email.as_alias("email"),
            Membership.account.email_verified_at.as_alias("email_verified_at"),
        )
        .where(Membership.organisation == organisation["id"])
        .order_by(Membership.created_at)
        .run()
    )
    organisation["standing"] = standing_of(organisation)
    return organisation


async def _set_flag(
    actor: CurrentUser,
    ref: str,
    column: Any,
    value: bool,
    action: str,
    also: dict[Any, Any] | None = None,
    settings: Settings | None = None,
) -> bool:
    async with write_transaction():
        before = (
            await Organisation.select(Organisation.id, Organisation.verified)
            .where(Organisation.ref == ref)
            .first()
        )
        if before is None:
            return False
        await Organisation.update(
            {column: value, Organisation.updated_at: dt.datetime.now(dt.UTC), **(also or {})}
        ).where(Organisation.ref == ref)
        await record_change("organisation", ref)
        await record_audit(actor, action, "organisation", ref)
        # The members hear it when an organisation becomes verified (not when it already was).
        newly_verified = action == "organisation.verified" and not before["verified"]
        if settings is not None and newly_verified:
            await notifications.organisation_verified(settings, before["id"])
    return True


async def set_verified(
    actor: CurrentUser, ref: str, verified: bool, settings: Settings | None = None
) -> bool:
    """Approve (or withdraw); with ``settings`` the organisation's members hear of approval."""
    action = "organisation.verified" if verified else "organisation.unverified"
    # Approving ends an earlier refusal.
    also = {Organisation.refused_at: None, Organisation.refusal_reason: ""} if verified else {}
    return await _set_flag(actor, ref, Organisation.verified, verified, action, also, settings)


async def refuse(
    actor: CurrentUser, ref: str, reason: str, settings: Settings | None = None
) -> bool:
    """Not approved, with the reason the organisation reads (in its mail, with ``settings``,
    and on its dashboard); it stays unverified and leaves the queue until it changes its
    details."""
    now = dt.datetime.now(dt.UTC)
    async with write_transaction():
        changed = (
            await Organisation.update(
                {
                    Organisation.verified: False,
                    Organisation.refused_at: now,
                    Organisation.refusal_reason: reason,
                    Organisation.updated_at: now,
                }
            )
            .where(Organisation.ref == ref)
            .returning(Organisation.id)
            .run()
        )
        if not changed:
            return False
        await record_change("organisation", ref)
        await record_audit(actor, "organisation.refused", "organisation", ref, reason[:200])
        if settings is not None:
            await notifications.organisation_refused(settings, changed[0]["id"], reason)
    return True


async def confirm_leerbedrijf(
    actor: CurrentUser, ref: str, leerbedrijf_id: str, confirmed: bool
) -> bool:
    """Confirm (or withdraw) that the organisation is an erkend leerbedrijf; True when
    this call changed it. A confirmation holds only for the ID the administrator looked
    up: when the organisation changed it in between, nothing is confirmed. Done twice at
    once, it is recorded once."""
    now = dt.datetime.now(dt.UTC)
    if confirmed:
        change: dict[Any, Any] = {
            Organisation.leerbedrijf_confirmed_at: now,
            Organisation.updated_at: now,
        }
        where = (
            (Organisation.ref == ref)
            & (Organisation.leerbedrijf_id == leerbedrijf_id)
            & Organisation.leerbedrijf_confirmed_at.is_null()
        )
    else:
        change = {Organisation.leerbedrijf_confirmed_at: None, Organisation.updated_at: now}
        where = (Organisation.ref == ref) & Organisation.leerbedrijf_confirmed_at.is_not_null()
    async with write_transaction():
        changed = await Organisation.update(change).where(where).returning(Organisation.id).run()
        if not changed:
            return False
        await record_change("organisation", ref)
        action = (
            "organisation.leerbedrijf_confirmed"
            if confirmed
            else "organisation.leerbedrijf_withdrawn"
        )
        await record_audit(actor, action, "organisation", ref, leerbedrijf_id[:12])
    return True


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


def audit_csv(rows: list[dict[str, Any]]) -> str:
    columns = ("at", "actor_label", "action", "subject_type", "subject_ref", "details")
    return csv_text([columns, *([row[c] or "" for c in columns] for row in rows)], "\r\n")
