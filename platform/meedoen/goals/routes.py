"""Routes of the goals domain: the dashboard with its downloads, the public open data,
and the administrators' goal pages."""

from __future__ import annotations

import json
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import CacheControlHeader
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.goals import exports, service
from meedoen.goals.filters import parse_filters
from meedoen.goals.forms import GoalForm, values_of
from meedoen.goals.presenters import dashboard_context, form_context
from meedoen.goals.tables import Goal
from meedoen.i18n import gettext
from meedoen.offload import in_thread
from meedoen.web.downloads import download
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.forms import FormInput, blank, read_form
from meedoen.web.templating import render

Req = Request[Any, Any, Any]


def signed_in(request: Req) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the controller's guard let only signed-in users through
    return user


def not_found() -> UserFacingHTTPException:
    return UserFacingHTTPException(
        status_code=404, detail=gettext("Deze download bestaat niet. Ga terug naar de doelen.")
    )


class GoalDashboard(Controller):
    """Aggregated figures only: administrators for the district, coaches for their caseload."""

    path = "/doelen"
    guards = [require_role("admin", "coach")]
    include_in_schema = False

    @get("/", name="goals:dashboard", cache=False)
    async def dashboard(self, request: Req) -> Template:
        filters = parse_filters(request.query_params, service.today())
        board = await service.dashboard_for(signed_in(request), filters)
        return render(
            request,
            "goals/dashboard.html",
            dashboard_context(board, filters, signed_in(request)),
            fragment="goals/_dashboard.html",
        )

    @get("/export/{filename:str}", name="goals:export", cache=False)
    async def export(self, request: Req, filename: FromPath[str]) -> Response[bytes]:
        key, _, extension = filename.rpartition(".")
        filters = parse_filters(request.query_params, service.today())
        board = await service.dashboard_for(signed_in(request), filters)
        stem = f"meedoen-west-{key}-{filters.van}-{filters.tot}"
        note = gettext(
            "< 5 betekent: minder dan 5, of afgeschermd zodat een klein aantal niet terug te rekenen is."
        )
        # Writing a workbook is CPU work: in the bounded pool, off the event loop.
        if key == "dashboard" and extension == "xlsx":
            body = await in_thread(exports.tables_xlsx, list(board.tables.values()), note)
            return download(body, exports.XLSX_TYPE, f"{stem}.xlsx")
        table = board.tables.get(key)
        if table is None or extension not in ("csv", "xlsx"):
            raise not_found()
        if extension == "csv":
            return download(
                await in_thread(exports.table_csv, table), exports.CSV_TYPE, f"{stem}.csv"
            )
        body = await in_thread(exports.tables_xlsx, [table], note)
        return download(body, exports.XLSX_TYPE, f"{stem}.xlsx")


# Open data is built fresh on every request and may be kept by browsers and proxies for an
# hour. A server-side cache per process made the CSV and the JSON (cached at different
# moments, or on different app instances) disagree about the same quarter.
OPEN_DATA_CACHE = CacheControlHeader(public=True, max_age=3600)


@get(
    "/doelen/open-data.csv",
    name="goals:open-data-csv",
    cache=False,
    cache_control=OPEN_DATA_CACHE,
    include_in_schema=False,
)
async def open_data_csv() -> Response[bytes]:
    records, _ = await exports.open_data_records(service.today())
    body = await in_thread(exports.open_data_csv, records)
    return download(body, exports.CSV_TYPE, "meedoen-west-open-data.csv", cache_control=None)


@get(
    "/doelen/open-data.json",
    name="goals:open-data-json",
    cache=False,
    cache_control=OPEN_DATA_CACHE,
    include_in_schema=False,
)
async def open_data_json() -> Response[bytes]:
    records, description = await exports.open_data_records(service.today())
    body = json.dumps({**description, "records": records}, ensure_ascii=False, indent=1)
    return Response(body.encode("utf-8"), media_type="application/json")


class GoalAdmin(Controller):
    """Administrators define goals: name, measure, period, target, optionally a wijk."""

    path = "/beheer/doelen"
    guards = [require_role("admin")]
    include_in_schema = False

    @get("/", name="goals:admin", cache=False)
    async def index(self, request: Req) -> Template:
        return render(request, "goals/admin_list.html", {"goals": await service.all_goals()})

    @get("/nieuw", name="goals:new", cache=False)
    async def new(self, request: Req) -> Template:
        return self._form(request, blank(GoalForm), None)

    @post("/nieuw", name="goals:create")
    async def create(self, request: Req) -> Template | Redirect:
        form = await self._read(request)
        if form.data is None:
            return self._form(request, form, None, status_code=400)
        await service.create_goal(service.goal_fields(form.data), signed_in(request).account_id)
        flash(request, gettext("Het doel is opgeslagen."))
        return Redirect("/beheer/doelen", status_code=HTTP_303_SEE_OTHER)

    @get("/{goal_id:int}/bewerken", name="goals:edit", cache=False)
    async def edit(self, request: Req, goal_id: FromPath[int]) -> Template:
        goal = await self._goal(goal_id)
        return self._form(request, blank(GoalForm, values_of(goal)), goal)

    @post("/{goal_id:int}/bewerken", name="goals:update")
    async def update(self, request: Req, goal_id: FromPath[int]) -> Template | Redirect:
        goal = await self._goal(goal_id)
        form = await self._read(request)
        if form.data is None:
            return self._form(request, form, goal, status_code=400)
        await service.update_goal(goal, service.goal_fields(form.data))
        flash(request, gettext("Het doel is opgeslagen."))
        return Redirect("/beheer/doelen", status_code=HTTP_303_SEE_OTHER)

    @get("/{goal_id:int}/verwijderen", name="goals:confirm-delete", cache=False)
    async def confirm_delete(self, request: Req, goal_id: FromPath[int]) -> Template:
        return render(request, "goals/delete.html", {"goal": await self._goal(goal_id)})

    @post("/{goal_id:int}/verwijderen", name="goals:delete")
    async def delete(self, request: Req, goal_id: FromPath[int]) -> Redirect:
        await service.delete_goal(await self._goal(goal_id))
        flash(request, gettext("Het doel is verwijderd."))
        return Redirect("/beheer/doelen", status_code=HTTP_303_SEE_OTHER)

    @staticmethod
    async def _goal(goal_id: int) -> Goal:
        goal = await service.goal_by_id(goal_id)
        if goal is None:
            raise UserFacingHTTPException(
                status_code=404, detail=gettext("Dit doel bestaat niet (meer).")
            )
        return goal

    @staticmethod
    async def _read(request: Req) -> FormInput[GoalForm]:
        form = await read_form(request, GoalForm)
        form.refuse(service.goal_problems(form.decoded))
        return form

    @staticmethod
    def _form(
        request: Req, form: FormInput[GoalForm], goal: Goal | None, status_code: int = 200
    ) -> Template:
        return render(request, "goals/form.html", form_context(form, goal), status_code=status_code)


route_handlers: list[Any] = [GoalDashboard, GoalAdmin, open_data_csv, open_data_json]
