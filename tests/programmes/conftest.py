"""Programmes for the tests: made through the service, like an organisation would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from events.conftest import (  # noqa: F401 - fixtures: the quality figures, the axe check
    a_meeting,
    checks,
    figures,
    organiser_account,
    slot,
)


def user_of(account, organisation: dict[str, Any], role: str = "organisation"):  # type: ignore[no-untyped-def]
    from meedoen.accounts.current_user import CurrentUser

    ids = frozenset({organisation["id"]}) if organisation else frozenset()
    return CurrentUser(
        account.id,
        account.email,
        role,
        account.display_name,
        "nl",
        organisation_ids=ids,
        owner_of=ids,
        verified_organisation_ids=ids if organisation and organisation["verified"] else frozenset(),
    )


def programme_values(**changes: str) -> dict[str, str]:
    today = dt.date.today()
    return {
        "name": "Twente goes Techno",
        "summary": "Jongeren ontdekken techniek bij bedrijven in West.",
        "target_group": "vmbo-leerlingen in West",
        "age_min": "13",
        "age_max": "17",
        "starts_on": (today - dt.timedelta(days=60)).isoformat(),
        "ends_on": (today + dt.timedelta(days=120)).isoformat(),
        "goal_target": "40",
        "goal_measure": "jongeren",
        **changes,
    }


async def a_programme(owner, organisation, status: str = "gepubliceerd", **changes: str):  # type: ignore[no-untyped-def]
    """A programme of ``organisation``, taken as far as ``status``; returns its row."""
    from meedoen.programmes import service

    user = user_of(owner, organisation)
    data, errors = service.check_programme(programme_values(**changes))
    assert data is not None, errors
    ref = await service.create_programme(user, organisation["id"], data)
    if status != "concept":
        await service.submit_for_approval(user, await service.programme_by_ref(ref))
    if status in ("gepubliceerd", "beeindigd"):
        await service.decide(user_of(owner, {}, "admin"), ref, "publiceren")
    if status == "beeindigd":
        await service.decide(user_of(owner, {}, "admin"), ref, "beeindigen")
    programme = await service.programme_by_ref(ref)
    assert programme is not None
    return programme
