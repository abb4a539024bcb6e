"""What schools do here: appoint coördinatoren, sign up a class for a company visit or
taster day, and see which companies offer places for their programme's levels.

A class is signed up as one group through the meetings' own sign-up (the slot's
capacity is held by the database there): a name for the class, how many come and the
teacher who comes along. Nothing about the pupils is asked or kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.service import organisation_members
from meedoen.events.meetings import MeetingView, open_for_groups
from meedoen.events.signups import SignUpResult, Visitor, group_signups_of, sign_up
from meedoen.i18n import N_, gettext
from meedoen.opportunities.service import stage_places_for
from meedoen.organisations.service import names_and_types
from meedoen.schools.tables import Coordinator
from meedoen.vocabulary import EDUCATION_LEVELS

SCHOOL_TYPE = "onderwijs"
ROLES = ("stagecoordinator", "talentcoordinator")
ROLE_LABELS = {
    "stagecoordinator": N_("Stagecoördinator"),
    "talentcoordinator": N_("Talentcoördinator"),
}
MAX_CLASS = 60
MAX_NAME = 120


def role_label(role: str) -> str:
    return gettext(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def is_school(organisation: dict[str, Any]) -> bool:
    return organisation.get("type") == SCHOOL_TYPE


async def coordinator_of(user: CurrentUser, school: dict[str, Any]) -> dict[str, Any] | None:
    """The user's appointment at ``school`` if it is a verified school they work for."""
    if not is_school(school) or school["id"] not in user.verified_organisation_ids:
        return None
    return (
        await Coordinator.select()
        .where(Coordinator.coordinator_key == _key(school["id"], user.account_id))
        .first()
        .run()
    )


def _key(school_id: int, account_id: int) -> str:
    return f"{school_id}:{account_id}"


async def coordinators_of(school_id: int) -> dict[int, dict[str, Any]]:
    """The school's appointments by account id."""
    rows = await Coordinator.select().where(Coordinator.school == school_id).run()
    return {int(row["account"]): row for row in rows}


@dataclass(frozen=True)
class Appointment:
    account_id: int
    role: str  # one of ROLES, or "" to end the appointment
    levels: tuple[str, ...]


def check_appointment(data: Appointment) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.role and data.role not in ROLES:
        errors["role"] = gettext("Kies stagecoördinator, talentcoördinator of geen.")
    if data.role and not data.levels:
        errors["levels"] = gettext("Kies minstens één niveau van de opleiding.")
    if any(level not in EDUCATION_LEVELS for level in data.levels):
        errors["levels"] = gettext("Kies niveaus uit de lijst.")
    return errors


async def appoint(school_id: int, data: Appointment) -> bool:
    """Make a member of the school coördinator (or end it when ``role`` is empty).
    False when the account is not a member of the school."""
    members = {m.account_id for m in await organisation_members(school_id)}
    if data.account_id not in members:
        return False
    key = _key(school_id, data.account_id)
    await Coordinator.delete().where(Coordinator.coordinator_key == key).run()
    if data.role:
        await Coordinator.insert(
            Coordinator(
                account=data.account_id,
                school=school_id,
                coordinator_key=key,
                role=data.role,
                levels=list(data.levels),
                created_at=utcnow(),
            )
        ).run()
    return True


@dataclass(frozen=True)
class ClassVisit:
    """A class coming to a company visit or taster day: no pupil is named."""

    class_name: str
    size: int
    teacher: str


async def sign_up_class(
    user: CurrentUser,
    school: dict[str, Any],
    view: MeetingView,
    slot_id: int | None,
    visit: ClassVisit,
    *,
    base_url: str,
    secret_key: str,
) -> SignUpResult:
    """Sign the class up as one group; the confirmation goes to the coördinator."""
    return await sign_up(
        view,
        slot_id,
        Visitor(
            name=visit.teacher,
            email=user.email,
            language=user.language or "nl",
            group_name=visit.class_name,
            group_size=visit.size,
            group_organisation_id=school["id"],
            signed_up_by=user.account_id,
        ),
        base_url=base_url,
        secret_key=secret_key,
        mail_to=user.email,
    )


async def group_visits() -> list[MeetingView]:
    """Company visits, taster days and other meetings open to groups, still to come."""
    return await open_for_groups()


async def class_visits(school_id: int) -> list[dict[str, Any]]:
    return await group_signups_of(school_id)


async def places_for(levels: list[str]) -> list[dict[str, Any]]:
    return await stage_places_for(levels)


async def school_names(organisation_ids: list[int]) -> dict[int, str]:
    """The names of those of these organisations that are schools, by id."""
    found = await names_and_types(organisation_ids)
    return {id_: name for id_, (name, kind) in found.items() if kind == SCHOOL_TYPE}


async def is_talent_coordinator(user: CurrentUser) -> bool:
    """Whether the user is talentcoördinator of a verified school they work for (they may
    read the district's insight into young talent: aggregates only)."""
    schools = list(user.verified_organisation_ids)
    if not schools:
        return False
    return bool(
        await Coordinator.exists().where(
            (Coordinator.account == user.account_id)
            & (Coordinator.role == "talentcoordinator")
            & Coordinator.school.is_in(schools)
        )
    )
