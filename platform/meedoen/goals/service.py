"""Goals: saving and removing them, and the dashboard for whoever is looking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.goals.dashboard import Dashboard, build_dashboard
from meedoen.goals.facts import Selection
from meedoen.goals.filters import DashboardFilters
from meedoen.goals.forms import GoalForm
from meedoen.goals.measures import all_measures
from meedoen.goals.suppression import shown, suppress_single
from meedoen.goals.tables import Goal
from meedoen.i18n import gettext

MAX_PERIOD_DAYS = 5 * 366


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def selection_for(user: CurrentUser, filters: DashboardFilters) -> Selection:
    """Administrators see the whole district; a coach sees only their own caseload."""
    coach_id = None if user.is_admin else user.account_id
    return Selection(filters.start, filters.end, filters.wijk, coach_id)


async def dashboard_for(user: CurrentUser, filters: DashboardFilters) -> Dashboard:
    return await build_dashboard(selection_for(user, filters), today())


async def all_goals() -> list[Goal]:
    return await Goal.objects().order_by(Goal.period_start).order_by(Goal.name)


async def goal_by_id(goal_id: int) -> Goal | None:
    return await Goal.objects().get(Goal._meta.primary_key == goal_id)


def goal_problems(fields: Mapping[str, Any]) -> dict[str, str]:
    """The goal's rules over its fields (those that are right): a measure that exists, a
    kind only where the measure counts kinds, a period of at most five years."""
    problems: dict[str, str] = {}
    measure = all_measures().get(fields.get("maat") or "")
    if measure is None:
        problems["maat"] = gettext("Kies wat je wilt meten.")
    elif fields.get("soort") and not measure.takes_kind:
        problems["soort"] = gettext("Bij deze maat kun je geen soort kiezen. Laat het veld leeg.")
    start, end = fields.get("begin"), fields.get("eind")
    if start is not None and end is not None:
        if end < start:
            problems["eind"] = gettext("De einddatum moet na de begindatum liggen.")
        elif (end - start).days > MAX_PERIOD_DAYS:
            problems["eind"] = gettext("Kies een periode van hoogstens vijf jaar.")
    return problems


def goal_fields(form: GoalForm) -> dict[str, Any]:
    """The goal's columns from a checked form."""
    return {
        "name": form.naam,
        "measure": form.maat,
        "measure_kind": form.soort or "",
        "period_start": form.begin,
        "period_end": form.eind,
        "target": form.doelwaarde,
        "wijk": form.wijk or "",
    }


async def create_goal(fields: dict[str, Any], account_id: int) -> Goal:
    now = dt.datetime.now(dt.UTC)
    goal = Goal(**fields, created_by=account_id, created_at=now, updated_at=now)
    await goal.save()
    return goal


async def update_goal(goal: Goal, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.updated_at = dt.datetime.now(dt.UTC)
    await goal.save()


async def delete_goal(goal: Goal) -> None:
    await Goal.delete().where(Goal._meta.primary_key == goal.id)  # type: ignore[attr-defined]


def people_figure(count: int) -> int | str:
    """A count of people shown on its own, as the dashboard shows one: 1 to 4 becomes
    "< 5" (small-cell suppression, see ``goals.suppression``)."""
    return shown(suppress_single(count))
