"""Writing the audit log: one call wherever personal data is shown or access changes."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from meedoen.audit.tables import AuditEvent


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
