"""The extension point for measures recorded by other domains.

A domain that records something the district wants to follow (meetings, for one)
describes it here as fact sets — SQL with the columns of ``goals.facts`` plus an
``item`` column naming what a row belongs to — and registers a section once, in the app
assembly. Goals then does what it does for its own facts: goals can target a measure,
the dashboard shows a suppressed table per section, open data publishes the measures
that say so. Goals never imports the registering domain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from meedoen.goals.facts import Query, Selection

ROW_DIMENSIONS = ("item", "wijk", "kind")


@dataclass(frozen=True)
class FactMeasure:
    """One measure: its code (stored on goals), label and explanation (N_-marked), the
    facts it counts, and whether it counts distinct people rather than rows."""

    code: str
    label: str
    explanation: str
    query: Callable[[Selection], Query]
    distinct_people: bool = False
    takes_kind: bool = False
    open_data: str = ""
    """Description in the open data set (Dutch); empty: not published there."""
    amount: str = ""
    """A column of the facts to add up (hours) instead of counting rows. Such a figure is
    hidden where fewer than five people make it up, in a table and as a goal's value."""

    @property
    def count_expression(self) -> str:
        if self.amount:
            return f"CAST(ROUND(COALESCE(SUM({self.amount}), 0)) AS INTEGER)"
        return "COUNT(DISTINCT person)" if self.distinct_people else "COUNT(*)"


@dataclass(frozen=True)
class FactTable:
    """A dashboard table: rows by one dimension, a column per measure."""

    key: str
    caption: str  # N_-marked
    rows: str  # one of ROW_DIMENSIONS
    corner: str  # N_-marked header of the row labels
    measures: tuple[FactMeasure, ...]


@dataclass(frozen=True)
class FactSection:
    key: str
    heading: str  # N_-marked
    introduction: str  # N_-marked
    measures: tuple[FactMeasure, ...]
    tables: tuple[FactTable, ...] = field(default=())


_SECTIONS: dict[str, FactSection] = {}


def register(section: FactSection) -> None:
    """Add (or replace, by key) a section; the app assembly calls this once per domain."""
    for table in section.tables:
        if table.rows not in ROW_DIMENSIONS:
            raise ValueError(f"{table.key}: rows must be one of {ROW_DIMENSIONS}")
    _SECTIONS[section.key] = section


def sections() -> tuple[FactSection, ...]:
    return tuple(_SECTIONS.values())


def measures() -> dict[str, FactMeasure]:
    return {m.code: m for section in _SECTIONS.values() for m in section.measures}
