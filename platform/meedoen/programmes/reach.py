"""What a programme reached: unique young people (under 27) who signed up for its
meetings or responded to or were placed on its kansen, the meetings held, and the
stages and jobs that started on its kansen.

The rows come from the owning domains (events, responses, placements); counts of
people are suppressed the way the goals dashboard suppresses a figure shown on its own
("< 5" for 1 to 4), through the goals service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from meedoen.events.signups import people_signed_up
from meedoen.goals.service import people_figure
from meedoen.placements.service import placements_on_refs
from meedoen.responses.service import responders_to

YOUNG_BELOW = 27
STAGE_KINDS = ("stage",)
JOB_KINDS = ("betaald_werk",)

Figure = int | str


@dataclass(frozen=True)
class Reach:
    """The counts before suppression; ``shown`` gives them as a page may show them."""

    young_people: int
    meetings_held: int
    stages: int
    jobs: int

    def value_of(self, measure: str) -> int:
        return {
            "jongeren": self.young_people,
            "activiteiten": self.meetings_held,
            "stages": self.stages,
            "banen": self.jobs,
        }.get(measure, 0)

    def shown(self) -> dict[str, Figure]:
        return {
            "young_people": people_figure(self.young_people),
            "meetings_held": self.meetings_held,  # meetings, not people: never hidden
            "stages": people_figure(self.stages),
            "jobs": people_figure(self.jobs),
        }

    def shown_value_of(self, measure: str) -> Figure:
        value = self.value_of(measure)
        return value if measure == "activiteiten" else people_figure(value)


def is_young(row: dict[str, Any]) -> bool:
    """Younger than 27 in the year of the sign-up, response or start (from the birth
    year, as the goals dashboard counts); unknown ages are not counted as young."""
    birth_year, day = row.get("birth_year"), row.get("day")
    return (
        birth_year is not None and isinstance(day, dt.date) and day.year - birth_year < YOUNG_BELOW
    )


def young_people(rows: Iterable[dict[str, Any]]) -> int:
    return len({row["person"] for row in rows if is_young(row)})


async def reach_of(items: dict[str, list[dict[str, Any]]], now: dt.datetime | None = None) -> Reach:
    """The reach of a programme's items (``service.items_of``)."""
    now = now or dt.datetime.now(dt.UTC)
    meeting_refs = [row["ref"] for row in items.get("activiteit", [])]
    kans_refs = [row["ref"] for row in items.get("kans", [])]
    placed = await placements_on_refs(kans_refs)
    people = [*await people_signed_up(meeting_refs), *await responders_to(kans_refs), *placed]
    held = sum(
        1
        for row in items.get("activiteit", [])
        if row["status"] == "gepubliceerd" and row["ends_at"] is not None and row["ends_at"] < now
    )
    return Reach(
        young_people=young_people(people),
        meetings_held=held,
        stages=len({row["person"] for row in placed if row["kind"] in STAGE_KINDS}),
        jobs=len({row["person"] for row in placed if row["kind"] in JOB_KINDS}),
    )
