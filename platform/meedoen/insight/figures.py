"""The figures of the insight view on young people (under 27) in West.

Every figure is counted the way the goals dashboard counts (its fact sets, grouping and
small-cell suppression), from the owning domains' services and fact sets: stages from
opportunities and placements, company visits from events (and the schools that sent
classes from schools). Nothing here reads a person.
"""

# SQL is composed only from constant fragments; every value travels as a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from meedoen import labels
from meedoen.events import statistics as meeting_facts
from meedoen.goals import facts
from meedoen.goals import labels as goal_labels
from meedoen.goals.dashboard import DataTable, grid_table, grouped_counts, present, wijk_rows
from meedoen.goals.facts import Query, Selection
from meedoen.goals.suppression import shown, suppress_single
from meedoen.i18n import N_, gettext
from meedoen.opportunities import service as opportunities
from meedoen.placements import service as placements
from meedoen.schools.service import school_names
from meedoen.vocabulary import EDUCATION_LEVELS, SECTORS

COMPANY_VISIT = "bedrijfsbezoek"
PLACE_STATES = (("open", N_("Open")), ("vervuld", N_("Vervuld")))


def under_27(query: Query) -> Query:
    """Only the facts of people younger than 27 on the day (from their birth year)."""
    sql, params = query
    return f"SELECT * FROM ({sql}) young WHERE {facts.age_band()} = 'tot27'", params


async def stage_tables(selection: Selection) -> dict[str, DataTable]:
    """Stages and leerwerkplekken open and filled, per sector and per level. A place is
    filled once a placement on it started; open while it is open and nobody started."""
    places = await opportunities.stage_places(selection.start, selection.end, selection.wijk)
    started = await placements.opportunities_started_by(
        selection.end, [place.id for place in places]
    )
    by_sector: Counter[tuple[Any, ...]] = Counter()
    by_level: Counter[tuple[Any, ...]] = Counter()
    for place in places:
        state = "vervuld" if place.id in started else "open" if place.status == "open" else ""
        if not state:
            continue  # closed without anyone starting: neither open nor filled
        by_sector[(place.sector, state)] += 1
        for level in place.education_levels or ("",):
            by_level[(level, state)] += 1
    states = [code for code, _ in PLACE_STATES]
    state_labels = [gettext(label) for _, label in PLACE_STATES]
    sectors = present([s for s, _ in by_sector], SECTORS)
    per_sector = grid_table(
        "stages_sector",
        gettext("Stages en leerwerkplekken per sector"),
        gettext("Sector"),
        sectors,
        goal_labels.sector_label,
        states,
        state_labels,
        by_sector,
    )
    levels = present([lv for lv, _ in by_level], EDUCATION_LEVELS)
    per_level = grid_table(
        "stages_niveau",
        gettext("Stages en leerwerkplekken per niveau (een plek kan bij meer niveaus passen)"),
        gettext("Niveau"),
        levels,
        lambda level: (
            labels.label("education_level", level) if level else gettext("Niet opgegeven")
        ),
        states,
        state_labels,
        by_level,
        row_totals=False,
    )
    # A place counts once per level it suits: a sum over the levels counts no places.
    per_level.total_row = None
    return {"stages_sector": per_sector, "stages_niveau": per_level}


async def counts_per_wijk(
    columns: Sequence[tuple[str, Query]], count: str = "COUNT(*)"
) -> dict[tuple[Any, ...], int]:
    """``count`` per (wijk, column code), one grouped query per column."""
    counts: dict[tuple[Any, ...], int] = {}
    for code, query in columns:
        found = await grouped_counts(query, ["wijk"], count)
        counts.update({(wijk, code): n for (wijk,), n in found.items()})
    return counts


VISIT_COLUMNS = (
    ("jong", N_("Bezoekers jonger dan 27")),
    ("iedereen", N_("Alle bezoekers")),
)


async def visit_tables(selection: Selection) -> dict[str, DataTable]:
    """Who came to company visits: unique visitors per wijk of the visitor."""
    visits = meeting_facts.visits(selection, meeting_kind=COMPANY_VISIT)
    counts = await counts_per_wijk(
        [("jong", under_27(visits)), ("iedereen", visits)], "COUNT(DISTINCT person)"
    )
    wijken = wijk_rows(selection, [w for w, _ in counts])
    return {
        "bedrijfsbezoeken_wijk": grid_table(
            "bedrijfsbezoeken_wijk",
            gettext("Bezoekers van bedrijfsbezoeken per wijk van de bezoeker (unieke bewoners)"),
            gettext("Wijk"),
            wijken,
            goal_labels.wijk_label,
            [code for code, _ in VISIT_COLUMNS],
            [gettext(label) for _, label in VISIT_COLUMNS],
            counts,
            row_totals=False,
        )
    }


@dataclass(frozen=True)
class VisitSummary:
    held: int
    groups: int
    group_members: int | str  # "< 5" when fewer than five groups came


async def visit_summary(selection: Selection) -> VisitSummary:
    """Company visits held in all of West (they are mostly on the business parks, so a
    residential wijk would show none), and the groups that came."""
    selection = replace(selection, wijk="")
    held = await facts.fetch_count(meeting_facts.meetings_held(selection, COMPANY_VISIT))
    groups_query = meeting_facts.group_visits(selection, COMPANY_VISIT)
    groups = await facts.fetch_count(groups_query)
    members = await facts.fetch_count(groups_query, "COALESCE(SUM(amount), 0)")
    # The size of one to four groups would say how big one class was.
    return VisitSummary(held, groups, shown(None if suppress_single(groups) is None else members))


SCHOOL_COLUMNS = (
    ("klassen", N_("Klassen (bezoeken)"), "COUNT(*)"),
    ("leerlingen", N_("Leerlingen"), "COALESCE(SUM(amount), 0)"),
)


async def school_tables(selection: Selection) -> dict[str, DataTable]:
    """Classes that schools signed up as a group and that came to company visits, with
    their pupils (the sum of the group sizes), per school. Like ``visit_summary`` this
    counts in all of West, and no pupil is on record: only a class's size."""
    query = meeting_facts.class_visits(replace(selection, wijk=""), COMPANY_VISIT)
    counts: dict[tuple[Any, ...], int] = {}
    for code, _, count in SCHOOL_COLUMNS:
        found = await grouped_counts(query, ["school"], count)
        counts.update({(int(school), code): n for (school,), n in found.items()})
    names = await school_names(sorted({school for school, _ in counts}))
    schools = sorted(names, key=lambda school: (names[school].casefold(), school))
    # As in ``visit_summary``: the pupils of one to four classes would say how big a
    # class was, so that sum is hidden like a small count.
    few = [s for s in schools if suppress_single(counts.get((s, "klassen"), 0)) is None]
    table = grid_table(
        "bedrijfsbezoeken_scholen",
        gettext("Klassen en leerlingen bij bedrijfsbezoeken per school"),
        gettext("School"),
        schools,
        names.__getitem__,
        [code for code, _, _ in SCHOOL_COLUMNS],
        [gettext(label) for _, label, _ in SCHOOL_COLUMNS],
        counts,
        row_totals=False,
        hide=[(school, "leerlingen") for school in few],
    )
    classes = sum(counts.get((school, "klassen"), 0) for school in schools)
    if table.total_row is not None and suppress_single(classes) is None:
        table.total_row[2] = shown(None)
    return {"bedrijfsbezoeken_scholen": table}


PLACEMENT_COLUMNS = (
    ("gestart", N_("Gestarte plaatsingen")),
    ("afgerond", N_("Afgeronde plaatsingen")),
    ("betaald_werk", N_("Afgerond met betaald werk als vervolg")),
)


async def placement_tables(selection: Selection) -> dict[str, DataTable]:
    """Placements of residents younger than 27 and their flow on to paid work, per wijk."""
    counts: dict[tuple[Any, ...], int] = {}
    for code, _ in PLACEMENT_COLUMNS:
        found = await facts.counts(code, selection, ["wijk"], age_band_is="tot27")
        counts.update({(wijk, code): n for (wijk,), n in found.items()})
    wijken = wijk_rows(selection, [w for w, _ in counts])
    return {
        "jongeren_plaatsingen": grid_table(
            "jongeren_plaatsingen",
            gettext("Plaatsingen van bewoners jonger dan 27, per wijk"),
            gettext("Wijk"),
            wijken,
            goal_labels.wijk_label,
            [code for code, _ in PLACEMENT_COLUMNS],
            [gettext(label) for _, label in PLACEMENT_COLUMNS],
            counts,
            row_totals=False,
        )
    }
