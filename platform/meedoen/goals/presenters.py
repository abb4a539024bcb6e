"""What the goal templates get: tables, charts and form options, ready to show."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from meedoen.accounts.current_user import CurrentUser
from meedoen.goals import charts, sources
from meedoen.goals.dashboard import Dashboard
from meedoen.goals.filters import DashboardFilters
from meedoen.goals.forms import GoalForm
from meedoen.goals.labels import kind_label
from meedoen.goals.measures import KINDS, all_measures
from meedoen.goals.tables import Goal
from meedoen.i18n import gettext
from meedoen.vocabulary import WIJKEN
from meedoen.web.forms import FormInput


def dashboard_context(
    board: Dashboard, filters: DashboardFilters, user: CurrentUser
) -> dict[str, Any]:
    tables = board.tables
    query = urlencode(filters.query())
    return {
        "board": board,
        "filters": filters,
        "is_coach_view": not user.is_admin,
        "tables": tables,
        "query": query,
        "wijk_options": [(w, w) for w in WIJKEN],
        "sections": [
            {
                "key": section.key,
                "heading": gettext(section.heading),
                "introduction": gettext(section.introduction),
                "tables": [t.key for t in section.tables if t.key in tables],
            }
            for section in sources.sections()
        ],
        "charts": {
            "doelen": charts.goals_chart(board.goals),
            "plaatsingen_wijk": charts.bar_chart(tables["plaatsingen_wijk"], "grafiek-wijk"),
            "plaatsingen_soort": charts.bar_chart(tables["plaatsingen_soort"], "grafiek-soort"),
            "plaatsingen_leeftijd": charts.bar_chart(
                tables["plaatsingen_leeftijd"], "grafiek-leeftijd"
            ),
            "plaatsingen_sector": charts.bar_chart(tables["plaatsingen_sector"], "grafiek-sector"),
            "trend": charts.line_chart(tables["trend"], "grafiek-trend"),
            "ladder_stromen": charts.heatmap(tables["ladder_stromen"], "grafiek-ladder"),
            "ladder_wijk": charts.bar_chart(
                tables["ladder_wijk"], "grafiek-ladder-wijk", [1, 2, 3], charts.DIRECTION_COLOURS
            ),
        },
    }


def form_context(form: FormInput[GoalForm], goal: Goal | None) -> dict[str, Any]:
    return {
        "form": form,
        "goal": goal,
        "values": form.values,
        "errors": form.errors,
        "measure_options": [(code, gettext(m.label)) for code, m in all_measures().items()],
        "measure_help": [
            (gettext(m.label), gettext(m.explanation)) for m in all_measures().values()
        ],
        "kind_options": [(kind, kind_label(kind)) for kind in KINDS],
        "wijk_options": [(w, w) for w in WIJKEN],
        "action": f"/beheer/doelen/{goal.id}/bewerken"  # type: ignore[attr-defined]
        if goal
        else "/beheer/doelen/nieuw",
    }
