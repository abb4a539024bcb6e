"""A resident's meetings in their data export, and erased when they delete their account.

What a resident (or a guest with the same e-mail address) has here: sign-ups and the
contacts organisations recorded with them, with the organisations' notes. Deleting the
account cancels sign-ups for meetings still to come (the waiting list moves up) and
erases names, addresses, notes and the link to the person; the anonymous rows stay for
the district's meeting counts, as with placements.
"""

from __future__ import annotations

from typing import Any

from meedoen.events.meetings import meeting_by_ref
from meedoen.events.signups import cancel, erase_people
from meedoen.events.tables import Contact, SignUp
from meedoen.residents.personal_data import PersonalData


def _theirs(resident_id: int | None, email: str) -> Any:
    where: Any = SignUp.guest_email == email.strip().lower() if email else None
    if resident_id is not None:
        mine = SignUp.resident == resident_id
        where = mine if where is None else (mine | where)
    return where


async def export(resident_id: int | None, email: str) -> dict[str, Any]:
    where = _theirs(resident_id, email)
    if where is None:
        return {}
    signups = await SignUp.select(
        SignUp.id,
        SignUp.meeting.title.as_alias("meeting"),
        SignUp.slot.starts_at.as_alias("starts_at"),
        SignUp.status,
        SignUp.guest_name,
        SignUp.guest_email,
        SignUp.guest_phone,
        SignUp.group_name,
        SignUp.group_size,
        SignUp.with_coach,
        SignUp.consent_note,
        SignUp.visitor_code,
        SignUp.checked_in_at,
        SignUp.created_at,
        SignUp.cancelled_at,
    ).where(where)
    ids = [row.pop("id") for row in signups]
    contacts = (
        await Contact.select(
            Contact.organisation.name.as_alias("organisation"),
            Contact.meeting.title.as_alias("meeting"),
            Contact.note,
            Contact.follow_up_consent,
            Contact.follow_up,
            Contact.follow_up_note,
            Contact.created_at,
        ).where(Contact.signup.is_in(ids))
        if ids
        else []
    )
    if not signups:
        return {}
    return {"sign_ups": signups, "contacts_at_stands": contacts}


def forgetter(base_url: str, secret_key: str) -> Any:
    async def forget(resident_id: int | None, email: str) -> None:
        where = _theirs(resident_id, email)
        if where is None:
            return
        rows = await SignUp.select(
            *SignUp.all_columns(), SignUp.meeting.ref.as_alias("meeting_ref")
        ).where(where)
        for row in rows:
            if row["status"] != "afgemeld" and row["checked_in_at"] is None:
                view = await meeting_by_ref(row["meeting_ref"])
                if view is not None and not view.is_past:
                    await cancel(view, row, base_url=base_url, secret_key=secret_key)
        await erase_people([row["id"] for row in rows])

    return forget


def personal_data(base_url: str, secret_key: str) -> PersonalData:
    """What the app assembly registers with the residents domain."""
    return PersonalData("meetings", export, forgetter(base_url, secret_key))
