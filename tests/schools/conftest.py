"""A school with a coördinator, and companies offering group visits and stages."""

from __future__ import annotations

from typing import Any

from events.conftest import (  # noqa: F401 - fixtures: the quality figures, the axe check
    a_meeting,
    checks,
    figures,
    organiser_account,
    slot,
)
from support.auth import make_account, make_organisation


async def a_school(verified: bool = True) -> dict[str, Any]:
    from meedoen.organisations.tables import Organisation

    ref = await make_organisation("Twents Techniek College", verified=verified)
    await Organisation.update(
        {Organisation.type: "onderwijs", Organisation.sector: "onderwijs"}
    ).where(Organisation.ref == ref)
    return await Organisation.select().where(Organisation.ref == ref).first()


async def a_coordinator(levels: tuple[str, ...] = ("mbo2", "mbo3"), verified: bool = True):  # type: ignore[no-untyped-def]
    """The owner of a new school, appointed stagecoördinator for ``levels``."""
    from meedoen.schools.service import Appointment, appoint

    school = await a_school(verified)
    account = await make_account("organisation", organisation_ref=school["ref"])
    assert await appoint(school["id"], Appointment(account.id, "stagecoordinator", levels))
    return account, school


def user_of(account, school) -> Any:  # type: ignore[no-untyped-def]
    from meedoen.accounts.current_user import CurrentUser

    return CurrentUser(
        account.id,
        account.email,
        "organisation",
        account.display_name,
        "nl",
        organisation_ids=frozenset({school["id"]}),
        owner_of=frozenset({school["id"]}),
        verified_organisation_ids=frozenset({school["id"]}) if school["verified"] else frozenset(),
    )


async def a_company_visit(capacity: int = 30, **fields: Any):  # type: ignore[no-untyped-def]
    """A business park company's visit, open to groups."""
    _, company = await organiser_account()
    return await a_meeting(
        company,
        kind="bedrijfsbezoek",
        title="Kijken bij Metaalbedrijf Zuiderval",
        wijk="Bedrijvenpark Zuiderval",
        groups_welcome=True,
        slots=fields.pop("slots", None) or (slot(capacity=capacity),),
        **fields,
    )
