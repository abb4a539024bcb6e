"""Goals: saving and removing them, and the dashboard for whoever is looking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from meedoen.accounts.current_user import CurrentUser
from meedoen.goals.dashboard import Dashboard, build_dashboard
from meedoen.goals.facts import Selection
from meedoen.goals.filters import DashboardFilters
from meedoen.goals.suppression import shown, suppress_single
from meedoen.goals.tables import Goal


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
