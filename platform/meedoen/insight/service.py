"""Insight into young talent in West: what the administrators' view shows, in one call."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from meedoen import labels
from meedoen.goals.dashboard import DataTable
from meedoen.goals.facts import Selection
from meedoen.goals.filters import DashboardFilters
from meedoen.i18n import N_, gettext
from meedoen.insight import figures
from meedoen.insight.demand import DemandRow, shown_demand
from meedoen.opportunities.labels import FACET_LEGENDS, facet_label, facet_legend
from meedoen.programmes.service import measure_label, reach_by_programme, status_label

BUCKET_LABELS = {"geen": N_("Niets gevonden"), "weinig": N_("1 tot 4 gevonden")}


@dataclass
class Insight:
    filters: DashboardFilters
    tables: dict[str, DataTable] = field(default_factory=dict)
    visits: figures.VisitSummary | None = None


def filters_in_words(filters: str) -> str:
    """``kind=stage&level=mbo2`` as "Soort kans: stage; Niveau van je opleiding: mbo 2"."""
    parts = []
    for part in filters.split("&"):
        facet, _, values = part.partition("=")
        if facet not in FACET_LEGENDS:
            continue
        words = ", ".join(facet_label(facet, value) for value in values.split(",") if value)
        parts.append(f"{facet_legend(facet)}: {words}")
    return "; ".join(parts)


def demand_table(rows: list[DemandRow]) -> DataTable:
    return DataTable(
        "zoekvragen",
        gettext("Zoekvragen die niets of weinig vonden (5 keer of vaker gezocht)"),
        [
            gettext("Maand"),
            gettext("Zoekwoorden"),
            gettext("Filters"),
            gettext("Resultaat"),
            gettext("Keer gezocht"),
        ],
        [
            [
                labels.month_label(row.month),
                row.term or gettext("(geen woorden)"),
                filters_in_words(row.filters) or gettext("(geen filters)"),
                gettext(BUCKET_LABELS.get(row.bucket, row.bucket)),
                row.searches,
            ]
            for row in rows
        ],
        label_columns=4,
    )


async def programme_table() -> DataTable:
    """Each programme's reach over its whole run (not the period or wijk chosen)."""
    rows = []
    for programme, reach in await reach_by_programme():
        shown = reach.shown()
        rows.append(
            [
                programme["name"],
                status_label(programme["status"]),
                gettext(
                    "%(target)s %(measure)s",
                    target=programme["goal_target"],
                    measure=measure_label(programme["goal_measure"]),
                ),
                shown["young_people"],
                shown["meetings_held"],
                shown["stages"],
                shown["jobs"],
            ]
        )
    return DataTable(
        "programmas",
        gettext("Bereik van de programma’s voor jongeren"),
        [
            gettext("Programma"),
            gettext("Status"),
            gettext("Doel"),
            gettext("Jongeren bereikt"),
            gettext("Activiteiten gehouden"),
            gettext("Stages gestart"),
            gettext("Banen gevonden"),
        ],
        rows,
        label_columns=3,
    )


async def _demand_tables(selection: Selection, filters: DashboardFilters) -> dict[str, DataTable]:
    return {"zoekvragen": demand_table(await shown_demand(filters.van, filters.tot))}


async def _stage_tables(selection: Selection, filters: DashboardFilters) -> dict[str, DataTable]:
    return await figures.stage_tables(selection)


async def _visit_tables(selection: Selection, filters: DashboardFilters) -> dict[str, DataTable]:
    return await figures.visit_tables(selection)


async def _school_tables(selection: Selection, filters: DashboardFilters) -> dict[str, DataTable]:
    return await figures.school_tables(selection)


async def _placement_tables(
    selection: Selection, filters: DashboardFilters
) -> dict[str, DataTable]:
    return await figures.placement_tables(selection)


async def _programme_tables(
    selection: Selection, filters: DashboardFilters
) -> dict[str, DataTable]:
    return {"programmas": await programme_table()}


TableGroup = Callable[[Selection, DashboardFilters], Awaitable[dict[str, DataTable]]]

# Each group of tables with the keys it makes, in the order the view shows them: a CSV
# download builds only the group its table is in.
TABLE_GROUPS: tuple[tuple[tuple[str, ...], TableGroup], ...] = (
    (("stages_sector", "stages_niveau"), _stage_tables),
    (("bedrijfsbezoeken_wijk",), _visit_tables),
    (("bedrijfsbezoeken_scholen",), _school_tables),
    (("jongeren_plaatsingen",), _placement_tables),
    (("zoekvragen",), _demand_tables),
    (("programmas",), _programme_tables),
)


def _selection(filters: DashboardFilters) -> Selection:
    return Selection(filters.start, filters.end, filters.wijk)


async def insight_for(filters: DashboardFilters) -> Insight:
    """The whole view for the period and wijk chosen (unmet demand: the period only)."""
    selection = _selection(filters)
    insight = Insight(filters)
    for _, build in TABLE_GROUPS:
        insight.tables.update(await build(selection, filters))
    insight.visits = await figures.visit_summary(selection)
    return insight


async def table_for(filters: DashboardFilters, key: str) -> DataTable | None:
    """One table of the view (for its CSV download); None for a key the view has not."""
    for keys, build in TABLE_GROUPS:
        if key in keys:
            return (await build(_selection(filters), filters)).get(key)
    return None
