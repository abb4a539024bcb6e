"""Helpers for the coaching specifications: coaches, residents in a caseload, placements."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.tables import Account
from meedoen.coaching.caseload import Intake, register_at_intake
from meedoen.placements.service import PlacementDetails, create_placement
from meedoen.residents.tables import Resident
from support.auth import an_organisation


async def an_account(role: str = "coach", name: str = "") -> CurrentUser:
    """An account in the database and the CurrentUser a session would give it.

    The password hash is a placeholder: these specifications never sign in with it.
    """
    email = f"{role}-{uuid.uuid4().hex[:8]}@test.example"
    account = Account(
        email=email,
        password_hash="not-a-real-hash",
        role=role,
        display_name=name or f"{role.title()} {email[:12]}",
        created_at=dt.datetime.now(dt.UTC),
    )
    await account.save()
    return CurrentUser(
        account_id=account.id,
        email=email,
        role=role,
        display_name=account.display_name,
        language="nl",
    )


async def a_resident_of(coach: CurrentUser, **changes: Any) -> Resident:
    """A resident taken into ``coach``'s caseload at an intake, with consent."""
    values: dict[str, Any] = {
        "first_name": "Sanne",
        "consent": True,
        "consent_note": "Mondeling toestemming gegeven bij de intake.",
        "wijk": "Stadsveld",
        "birth_year": 1990,
        "preferred_kinds": ("vrijwilligerswerk",),
        "skills": ("koken", "gastvrijheid"),
        "interests": ("koken en eten",),
        "hours_per_week": 12,
        "language_level": "B1",
        "summary": "Ik wil graag iets doen in de buurt.",
    }
    return await register_at_intake(coach, Intake(**{**values, **changes}))


async def a_placement(coach: CurrentUser, resident: Resident, **changes: Any):  # type: ignore[no-untyped-def]
    organisation = await an_organisation()
    details = PlacementDetails(
        **{
            "kind": "vrijwilligerswerk",
            "description": "Gastvrouw in het buurthuis",
            "start_date": dt.date.today(),
            "planned_end_date": dt.date.today() + dt.timedelta(days=90),
            "hours_per_week": 8,
            **changes,
        }
    )
    return await create_placement(
        resident,
        details,
        coach_id=coach.account_id,
        actor_id=coach.account_id,
        organisation=organisation,
    )


@pytest.fixture
async def coach(clean_database: str) -> CurrentUser:
    return await an_account("coach", "Coach Fatima")


@pytest.fixture
async def other_coach(clean_database: str) -> CurrentUser:
    return await an_account("coach", "Coach Bram")


def as_user(account) -> CurrentUser:  # type: ignore[no-untyped-def]
    """The CurrentUser a session gives ``account`` (to set up data through services)."""
    return CurrentUser(
        account_id=account.id,
        email=account.email,
        role=account.role,
        display_name=account.display_name,
        language="nl",
    )
