"""The participatieladder: recording a rung, a resident's path, and its timeline chart.

The resident's current rung (``Resident.ladder_rung``, used by matching) is always the
rung of the most recent record by date, so recording an older assessment afterwards
does not change where the resident stands now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from meedoen import formatting, labels
from meedoen.db import write_transaction
from meedoen.i18n import N_, gettext
from meedoen.input_rules import bsn_problem
from meedoen.placements.tables import LadderRecord
from meedoen.residents.service import Resident, set_ladder_rung

RUNGS = (1, 2, 3, 4, 5, 6)
RUNG_LABELS = labels.RUNG
OCCASIONS = {"intake": N_("Intake"), "review": N_("Evaluatie")}
MAX_MOTIVATION = 500


@dataclass(frozen=True)
class RungEntry:
    """What a coach fills in to record a rung."""

    rung: int | None
    recorded_on: dt.date | None
    occasion: str
    motivation: str


def rung_problems(entry: RungEntry, today: dt.date | None = None) -> dict[str, str]:
    """Translated problems per form field; empty when the entry can be saved."""
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    if entry.rung not in RUNGS:
        problems["rung"] = gettext("Kies een trede van 1 tot en met 6.")
    if entry.recorded_on is None:
        problems["recorded_on"] = gettext("Vul de datum in, bijvoorbeeld 15-03-2026.")
    elif entry.recorded_on > today:
        problems["recorded_on"] = gettext("De datum ligt in de toekomst.")
    if entry.occasion not in OCCASIONS:
        problems["occasion"] = gettext("Kies of dit een intake of een evaluatie is.")
    if not entry.motivation.strip():
        problems["motivation"] = gettext("Schrijf kort op waarom je deze trede kiest.")
    elif problem := bsn_problem(entry.motivation):
        problems["motivation"] = gettext(problem)
    elif len(entry.motivation) > MAX_MOTIVATION:
        problems["motivation"] = gettext(
            "Maak de motivering korter dan %(max)s tekens.", max=MAX_MOTIVATION
        )
    return problems


class LadderError(Exception):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


async def record_rung(
    resident: Resident, entry: RungEntry, *, actor_id: int | None
) -> LadderRecord:
    """Record a rung and bring the resident's current rung up to date."""
    problems = rung_problems(entry)
    if problems:
        raise LadderError(problems)
    assert entry.rung is not None and entry.recorded_on is not None
    record = LadderRecord(
        resident=resident.id,
        rung=entry.rung,
        recorded_on=entry.recorded_on,
        occasion=entry.occasion,
        motivation=entry.motivation.strip(),
        recorded_by=actor_id,
        wijk=resident.wijk,
        birth_year=resident.birth_year,
        created_at=dt.datetime.now(dt.UTC),
    )
    async with write_transaction():
        await record.save()
        latest = (
            await LadderRecord.select(LadderRecord.rung)
            .where(LadderRecord.resident == resident.id)
            .order_by(LadderRecord.recorded_on, ascending=False)
            .order_by(LadderRecord.id, ascending=False)
            .first()
            .run()
        )
        current = latest["rung"] if latest else entry.rung
        await set_ladder_rung(resident.id, current)
    return record


async def ladder_path(resident_id: int) -> list[dict[str, Any]]:
    """Every recorded rung of a resident, oldest first, with who recorded it."""
    return list(
        await LadderRecord.select(
            LadderRecord.id,
            LadderRecord.rung,
            LadderRecord.recorded_on,
            LadderRecord.occasion,
            LadderRecord.motivation,
            LadderRecord.recorded_by.display_name.as_alias("recorded_by_name"),
        )
        .where(LadderRecord.resident == resident_id)
        .order_by(LadderRecord.recorded_on)
        .order_by(LadderRecord.id)
        .run()
    )


# --- the timeline chart ---------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    rung: int
    recorded_on: dt.date


@dataclass(frozen=True)
class TimelineChart:
    """Coordinates for a small SVG: rungs 1–6 upwards, dates from left to right."""

    width: int
    height: int
    points: list[ChartPoint]
    rung_lines: list[tuple[int, float]]
    """(rung, y) of each horizontal guide line."""
    date_ticks: list[tuple[str, float, str]]
    """(label, x) of the first and last date."""
    left: int
    right: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def timeline_chart(
    path: list[dict[str, Any]], width: int = 560, height: int = 220
) -> TimelineChart:
    """Place each record of ``path`` (oldest first) on the chart.

    Records on the same day get their own x position, so a correction on the intake day
    stays visible instead of hiding behind the first point.
    """
    left, right, top, bottom = 40, width - 16, 16, height - 32
    step = (bottom - top) / (len(RUNGS) - 1)

    def y_of(rung: int) -> float:
        return bottom - (rung - 1) * step

    dates = [row["recorded_on"] for row in path]
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    span = (last - first).days if first and last else 0
    points = []
    for index, row in enumerate(path):
        if span > 0:
            x = left + (row["recorded_on"] - first).days / span * (right - left)
        elif len(path) > 1:
            x = left + index / (len(path) - 1) * (right - left)
        else:
            x = (left + right) / 2
        points.append(
            ChartPoint(round(x, 1), round(y_of(row["rung"]), 1), row["rung"], row["recorded_on"])
        )
    # The first date hangs right from its point and the last left, so neither is cut
    # off at the chart's edge; a lone point is centred.
    ticks: list[tuple[str, float, str]] = []
    if points:
        single = points[-1].recorded_on == points[0].recorded_on
        anchor = "middle" if single and points[0].x > left else "start"
        ticks.append((formatting.short_day(points[0].recorded_on), points[0].x, anchor))
        if not single:
            ticks.append((formatting.short_day(points[-1].recorded_on), points[-1].x, "end"))
    return TimelineChart(
        width=width,
        height=height,
        points=points,
        rung_lines=[(rung, round(y_of(rung), 1)) for rung in RUNGS],
        date_ticks=ticks,
        left=left,
        right=right,
    )


def timeline_description(path: list[dict[str, Any]]) -> str:
    """One sentence for the chart's <desc>: the path in words, for screen readers."""
    if not path:
        return gettext("Nog geen treden vastgelegd.")
    steps = ", ".join(
        gettext(
            "trede %(rung)s op %(date)s",
            rung=row["rung"],
            date=formatting.day(row["recorded_on"]),
        )
        for row in path
    )
    return gettext("Treden door de tijd: %(steps)s.", steps=steps)
