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


async def a_programme_with_results():  # type: ignore[no-untyped-def]
    """A published programme of an organisation with a member company, an upcoming
    meeting, a kans of each, six young guests signed up and a request to join waiting.
    Returns (owner account, member account, waiting account, programme row)."""
    from events.conftest import guest
    from meedoen.events import signups
    from meedoen.opportunities.service import save_opportunity
    from meedoen.programmes import service
    from organisations.conftest import a_posting

    owner, organisation = await organiser_account()
    member, company = await organiser_account()
    waiting, hopeful = await organiser_account()
    programme = await a_programme(owner, organisation, name="Twente goes Techno")
    await service.ask_to_join(user_of(member, company), programme, company["id"])
    await service.decide_member(user_of(owner, organisation), programme, company["ref"], True)
    await service.ask_to_join(user_of(waiting, hopeful), programme, hopeful["id"])
    meeting = await a_meeting(company, kind="bedrijfsbezoek", title="Kijken in de lasserij")
    kans = await save_opportunity(
        company["id"], a_posting(title="Stage lassen en monteren", kind="stage")
    )
    assert await service.attach(programme, company["id"], "activiteit", meeting.ref)
    assert await service.attach(programme, company["id"], "kans", kans)
    year = dt.date.today().year
    for n in range(6):
        await signups.sign_up(
            meeting, None, guest(f"jong{n}", birth_year=year - 15), base_url="", secret_key="x"
        )
    return owner, member, waiting, programme
