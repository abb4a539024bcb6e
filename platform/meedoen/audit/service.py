"""The audit log: written with one call wherever personal data is shown or access
changes; read by administrators (``meedoen.admin``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from meedoen.audit.tables import AuditEvent
from meedoen.audit.words import ACTIONS
from meedoen.textfold import contains


class Actor(Protocol):
    # Read-only, so a frozen CurrentUser fits as well as an Account-like object.
    @property
    def account_id(self) -> int: ...
    @property
    def email(self) -> str: ...


async def record_audit(
    actor: Actor | None,
    action: str,
    subject_type: str = "",
    subject_ref: str = "",
    details: str = "",
) -> None:
    """Append an audit event; ``action`` is a stable code like ``resident.viewed``."""
    await record_audits(actor, action, subject_type, [subject_ref], details)


async def record_audits(
    actor: Actor | None,
    action: str,
    subject_type: str,
    subject_refs: list[str],
    details: str = "",
) -> None:
    """One event per subject, written in a single statement (e.g. every resident a list
    showed, so each finds it in their own access log)."""
    if not subject_refs:
        return
    at = dt.datetime.now(dt.UTC)
    await AuditEvent.insert(
        *(
            AuditEvent(
                actor=actor.account_id if actor else None,
                actor_label=actor.email if actor else "",
                action=action,
                subject_type=subject_type,
                subject_ref=ref,
                details=details[:2000],
                at=at,
            )
            for ref in subject_refs
        )
    ).run()


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    subject: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


async def audit_events(filters: AuditFilter, limit: int) -> list[dict[str, Any]]:
    """The newest ``limit`` events that pass the filter, newest first."""
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
