"""Meetings for the tests: made through the service, like an organiser would."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from quality.conftest import figures  # noqa: F401 - fixtures: the quality figures and
from quality.test_journeys import checks  # noqa: F401 - the journeys' axe check
from support.auth import make_account


async def organiser_account(verified: bool = True):  # type: ignore[no-untyped-def]
    """An organisation account (owner of a new organisation)."""
    from meedoen.organisations.tables import Organisation
    from support.auth import make_organisation

    ref = await make_organisation(verified=verified)
    account = await make_account("organisation", organisation_ref=ref)
    organisation = await Organisation.select().where(Organisation.ref == ref).first()
    return account, organisation


def slot(days_ahead: float = 7, hours: int = 3, capacity: int | None = 30):  # type: ignore[no-untyped-def]
    from meedoen.events.meetings import LOCAL, SlotInput

    start = (dt.datetime.now(LOCAL) + dt.timedelta(days=days_ahead)).replace(
        minute=0, second=0, microsecond=0
    )
    start = start.replace(hour=10) if days_ahead >= 1 or days_ahead <= -1 else start
    end = start + dt.timedelta(hours=hours)
    if end.date() != start.date():
        # A slot ends on the day it starts: late in the evening a slot "in a few hours"
        # runs until midnight, not past it (the form would rightly refuse that).
        end = start.replace(hour=23, minute=59)
    return SlotInput(start.date(), start.time(), end.time(), capacity)


async def a_meeting(
    organisation: dict[str, Any],
    *,
    kind: str = "doen_beurs",
    title: str | None = None,
    slots: tuple[Any, ...] | None = None,
    status: str = "gepubliceerd",
    wijk: str = "Stadsveld",
    **fields: Any,
):  # type: ignore[no-untyped-def]
    """A published meeting of ``organisation``; returns its MeetingView."""
    from meedoen.events.meetings import MeetingInput, meeting_by_ref, save_meeting

    data = MeetingInput(
        kind=kind,
        title=title or f"Doen-beurs {uuid.uuid4().hex[:6]}",
        description="Kom langs en praat met organisaties uit West.",
        place_name="Wijkcentrum Stadsveld",
        address="Stadsveldlaan 1",
        postcode="7545 AA",
        wijk=wijk,
        languages=("nl", "en"),
        status=status,
        slots=slots or (slot(),),
        **fields,
    )
    ref = await save_meeting(organisation["id"], data)
    view = await meeting_by_ref(ref)
    assert view is not None
    return view


def guest(n: int | str = 1, **fields: Any):  # type: ignore[no-untyped-def]
    from meedoen.events.signups import Visitor

    return Visitor(name=f"Gast {n}", email=f"gast{n}-{uuid.uuid4().hex[:6]}@voorbeeld.nl", **fields)
