"""What residents holds about a person, and what other domains register about them, for
the data download and for erasing it (AVG articles 15 and 17).

``meedoen.privacy`` calls the functions here, one domain after another, inside one
transaction. A domain that the privacy package does not call by name (events) registers a
``PersonalData`` once, in the app assembly (``app/extensions.py``): ``export`` returns what
it holds, ``forget`` erases it inside the deletion's transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from meedoen.indexing.outbox import DELETE, record_change
from meedoen.residents.tables import Resident

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


def profile_export(resident: Resident) -> dict[str, Any]:
    profile = {name: getattr(resident, name) for name in PROFILE_FIELDS}
    profile["has_cv"] = bool(resident.cv_file)
    return profile


async def forget_resident(resident: Resident) -> None:
    """Delete the profile, and the resident's entry in the search index (via the outbox)."""
    await record_change("resident", resident.ref, DELETE)
    await Resident.delete().where(Resident.id == resident.id).run()


@dataclass(frozen=True)
class PersonalData:
    """``export(resident_id, email)`` and ``forget(resident_id, email)``; the resident id is
    None for an account without a resident profile."""

    section: str
    export: Callable[[int | None, str], Awaitable[Any]]
    forget: Callable[[int | None, str], Awaitable[None]]


_REGISTERED: dict[str, PersonalData] = {}


def register(data: PersonalData) -> None:
    _REGISTERED[data.section] = data


def registered() -> tuple[PersonalData, ...]:
    return tuple(_REGISTERED.values())
