"""Everything Meedoen West holds about a resident (AVG article 15), as plain data.

The same dictionary is offered as a JSON download and shown as a readable page.
"""

from __future__ import annotations

from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.tables import Account
from meedoen.alerts.tables import SavedSearch
from meedoen.audit.tables import AuditEvent
from meedoen.notifications import service as notifications
from meedoen.placements.tables import CaseloadLink, CoachNote, LadderRecord, Placement
from meedoen.residents import personal_data
from meedoen.residents.service import resident_of
from meedoen.responses.tables import Proposal, Response, ResponseMessage

PROFILE_FIELDS = (
    "ref",
    "first_name",
    "wijk",
    "birth_year",
    "skills",
    "interests",
    "preferred_kinds",
    "hours_per_week",
    "days_available",
    "language_level",
    "has_driving_licence",
    "summary",
    "ladder_rung",
    "visibility",
    "cv_uploaded_at",
    "created_at",
    "updated_at",
)


async def everything_about(user: CurrentUser) -> dict[str, Any]:
    account = await Account.objects().where(Account.id == user.account_id).first().run()
    assert account is not None
    data: dict[str, Any] = {
        "account": {
            "email": account.email,
            "display_name": account.display_name,
            "role": account.role,
            "language": account.language,
            "created_at": account.created_at,
            "email_verified_at": account.email_verified_at,
            "last_sign_in_at": account.last_sign_in_at,
        },
        "saved_searches": await SavedSearch.select(
            SavedSearch.query,
            SavedSearch.frequency,
            SavedSearch.created_at,
            SavedSearch.last_sent_at,
        ).where(SavedSearch.account == user.account_id),
    }
    data.update(await notifications.export_for(user.account_id))
    resident = await resident_of(user.account_id)
    for other in personal_data.registered():
        found = await other.export(resident.id if resident else None, account.email)
        if found:
            data[other.section] = found
    if resident is None:
        return data
    data["profile"] = {name: getattr(resident, name) for name in PROFILE_FIELDS}
    data["profile"]["has_cv"] = bool(resident.cv_file)
    data["responses"] = await _responses(resident.id)
    data["proposals"] = await Proposal.select(
        Proposal.opportunity.title.as_alias("opportunity"),
        Proposal.opportunity._.organisation._.name.as_alias("organisation"),
        Proposal.message,
        Proposal.created_at,
    ).where(Proposal.resident == resident.id)
    data["coaching"] = await _coaching(resident.id)
    data["placements"] = await Placement.select(
        Placement.ref,
        Placement.opportunity.title.as_alias("opportunity"),
        Placement.kind,
        Placement.status,
        Placement.start_date,
        Placement.planned_end_date,
        Placement.hours_per_week,
        Placement.description,
        Placement.outcome_note,
    ).where(Placement.resident == resident.id)
    data["participation_ladder"] = await LadderRecord.select(
        LadderRecord.rung, LadderRecord.recorded_on, LadderRecord.occasion, LadderRecord.motivation
    ).where(LadderRecord.resident == resident.id)
    # Who looked at or changed the resident's file: part of what they have a right to see.
    data["access_log"] = await AuditEvent.select(
        AuditEvent.action, AuditEvent.at, AuditEvent.actor.role.as_alias("by_role")
    ).where((AuditEvent.subject_type == "resident") & (AuditEvent.subject_ref == resident.ref))
    return data


async def _responses(resident_id: int) -> list[dict[str, Any]]:
    rows = await Response.select(
        Response.id,
        Response.ref,
        Response.opportunity.title.as_alias("opportunity"),
        Response.opportunity.organisation.name.as_alias("organisation"),  # type: ignore[union-attr]
        Response.message,
        Response.shared,
        Response.contact_email,
        Response.contact_phone,
        Response.status,
        Response.created_at,
        Response.status_changed_at,
    ).where(Response.resident == resident_id)
    for row in rows:
        row["messages"] = await ResponseMessage.select(
            ResponseMessage.author_side, ResponseMessage.text, ResponseMessage.created_at
        ).where(ResponseMessage.response == row.pop("id"))
    return list(rows)


async def _coaching(resident_id: int) -> dict[str, Any]:
    return {
        "coaches": await CaseloadLink.select(
            CaseloadLink.coach.display_name.as_alias("coach"),
            CaseloadLink.consent_recorded_at,
            CaseloadLink.consent_note,
            CaseloadLink.started_at,
            CaseloadLink.ended_at,
        ).where(CaseloadLink.resident == resident_id),
        "notes": await CoachNote.select(CoachNote.text, CoachNote.created_at).where(
            CoachNote.resident == resident_id
        ),
    }
