"""What the audit log holds about a person, for their data download and erasure (AVG).

The log keeps that something happened; what it said about the person, and who the
deleted account was, go.
"""

from __future__ import annotations

from typing import Any

from meedoen.audit.tables import AuditEvent


async def access_log(subject_type: str, subject_ref: str) -> list[dict[str, Any]]:
    """Who looked at or changed this subject: part of what a person has a right to see."""
    return list(
        await AuditEvent.select(
            AuditEvent.action, AuditEvent.at, AuditEvent.actor.role.as_alias("by_role")
        ).where((AuditEvent.subject_type == subject_type) & (AuditEvent.subject_ref == subject_ref))
    )


async def forget_subject(subject_type: str, subject_ref: str) -> None:
    await (
        AuditEvent.update({AuditEvent.details: ""})
        .where((AuditEvent.subject_type == subject_type) & (AuditEvent.subject_ref == subject_ref))
        .run()
    )


async def forget_actor(account_id: int) -> None:
    await (
        AuditEvent.update({AuditEvent.actor: None, AuditEvent.actor_label: ""})
        .where(AuditEvent.actor == account_id)
        .run()
    )
