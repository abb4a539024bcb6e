"""Personal data other domains keep about a resident, for export and deletion (AVG
articles 15 and 17).

A domain that stores something about a resident registers a ``PersonalData`` once, in
the app assembly: ``export`` returns what it holds (plain data, for the download and the
overview page), ``forget`` erases it inside the deletion's transaction. The residents
domain calls them without importing the domains that registered them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any


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
