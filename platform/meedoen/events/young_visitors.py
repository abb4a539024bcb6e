"""Residents under 16 sign up for a meeting only with a parent's or guardian's yes by
e-mail, through the same mechanism as their responses (``responses.guardian``): the
sign-up waits there, the organiser sees nothing, and the parent's confirmation makes it
here (a place if there is room, else the waiting list), with the usual mail.
"""

from __future__ import annotations

from typing import Any

from meedoen.events.meetings import MeetingView, meeting_by_ref
from meedoen.events.signups import AlreadySignedUp, SignUpRefused, Visitor, sign_up
from meedoen.i18n import N_
from meedoen.mail.throttle import Sender
from meedoen.residents.service import Resident, resident_by_id, resident_contact
from meedoen.responses import guardian
from meedoen.settings import Settings


async def ask_parent(
    settings: Settings,
    account_id: int,
    resident: Resident,
    view: MeetingView,
    slot_id: int | None,
    with_coach: bool,
    guardian_email: str,
    signed_up_by: int | None = None,
    consent_note: str = "",
) -> str:
    """Keep the sign-up waiting and mail the parent the link; returns the consent ref.

    ``account_id`` is who asks (the resident, or their coach: ``signed_up_by``, with the
    resident's consent the coach wrote down in ``consent_note``)."""
    from meedoen.events import presenters

    slot = next((s for s in view.slots if s["id"] == slot_id), None) or (
        view.slots[0] if len(view.slots) == 1 else None
    )
    when = presenters.time_span(slot["starts_at"], slot["ends_at"]) if slot else ""
    return await guardian.ask_guardian_for_meeting(
        settings,
        Sender.account(settings.secret_key, account_id),
        resident,
        guardian.MeetingDraft(
            meeting_ref=view.ref,
            slot_id=slot["id"] if slot else None,
            with_coach=with_coach,
            title=view.meeting["title"],
            organiser_name=view.organiser["name"],
            when=when,
            signed_up_by=signed_up_by,
            consent_note=consent_note,
        ),
        guardian_email,
    )


async def describe(meeting_ref: str, slot_id: int | None = None) -> dict[str, Any] | None:
    """What the parent's page shows of the meeting: the time slot the child chose (the
    first one when none was chosen or it is gone)."""
    from meedoen.events import presenters

    view = await meeting_by_ref(meeting_ref)
    if view is None:
        return None
    chosen = next((s for s in view.slots if s["id"] == slot_id), None)
    slot = chosen or (view.slots[0] if view.slots else None)
    return {
        "title": view.meeting["title"],
        "organisation": view.organiser["name"],
        "when": presenters.time_span(slot["starts_at"], slot["ends_at"]) if slot else "",
    }


def sign_up_on_consent(base_url: str, secret_key: str) -> guardian.SignUpForMeeting:
    """What ``responses.guardian`` calls when the parent said yes (in its transaction)."""

    async def sign_up_resident(waiting: guardian.ConfirmedSignUp) -> None:
        resident_id = waiting.resident_id
        view = await meeting_by_ref(waiting.meeting_ref)
        resident = await resident_by_id(resident_id)
        if view is None or resident is None:
            raise guardian.ConsentRefused(N_("Deze aanmelding bestaat niet meer."))
        contact = await resident_contact(resident_id)
        try:
            await sign_up(
                view,
                waiting.slot_id,
                Visitor(
                    resident_id=resident_id,
                    name=resident.first_name,
                    wijk=resident.wijk,
                    birth_year=resident.birth_year,
                    language=contact.language if contact else "nl",
                    with_coach=waiting.with_coach,
                    signed_up_by=waiting.signed_up_by,
                    consent_note=waiting.consent_note,
                ),
                base_url=base_url,
                secret_key=secret_key,
                mail_to=contact.email if contact else "",
            )
        except AlreadySignedUp:
            return
        except SignUpRefused as refused:
            raise guardian.ConsentRefused(str(refused)) from refused

    return sign_up_resident


def register(settings: Settings) -> None:
    """Wire the meetings into the parents' consent (called by the app assembly)."""
    guardian.register_meeting_sign_ups(
        describe, sign_up_on_consent(settings.base_url, settings.secret_key)
    )
