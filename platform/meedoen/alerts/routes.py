"""Saving a search from /kansen, the list of saved searches, and unsubscribing by link."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.forms import text
from meedoen.accounts.policies import current_user, require_role
from meedoen.alerts import service
from meedoen.alerts.service import FREQUENCY_LABELS, AlertRefused
from meedoen.i18n import gettext
from meedoen.opportunities.presenters import active_filters
from meedoen.runtime import Runtime
from meedoen.web.flash import flash
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]


def describe(query: str) -> str:
    """A saved search in words: "koken · Pathmos · Vrijwilligerswerk"."""
    search = service.search_from_query(query)
    parts = [f"‘{search.q}’"] if search.q else []
    parts += [active.label for active in active_filters(search)]
    return " · ".join(parts) or gettext("Alle kansen")


class SavedSearchPages(Controller):
    include_in_schema = False
    guards = [require_role("resident")]

    @post("/zoekopdrachten", name="alerts:save")
    async def save(self, request: AnyRequest) -> Redirect:
        user = current_user(request)
        assert user is not None
        form = await request.form()
        params = {
            name: [str(v) for v in form.getall(name)] for name in form if name != "_csrf_token"
        }
        query = service.canonical_query(params)
        try:
            await service.save_search(user.account_id, query, text(form, "frequency"))
        except AlertRefused as refused:
            flash(request, gettext(refused.message), "error")
            return Redirect(f"/kansen?{query}" if query else "/kansen", status_code=303)
        flash(
            request,
            gettext(
                "Je zoekopdracht is bewaard. Je krijgt een e-mail als er nieuwe kansen bij komen."
            ),
        )
        return Redirect("/mijn/zoekopdrachten", status_code=303)

    @get("/mijn/zoekopdrachten", name="alerts:list", cache=False)
    async def overview(self, request: AnyRequest) -> Template:
        user = current_user(request)
        assert user is not None
        rows = await service.saved_searches(user.account_id)
        items = [
            {
                "ref": row["ref"],
                "description": describe(row["query"]),
                "url": f"/kansen?{row['query']}" if row["query"] else "/kansen",
                "frequency": gettext(FREQUENCY_LABELS.get(row["frequency"], "")),
                "last_sent_at": row["last_sent_at"],
            }
            for row in rows
        ]
        return render(request, "alerts/list.html", {"items": items})

    @post("/mijn/zoekopdrachten/{ref:str}/verwijderen")
    async def delete(self, request: AnyRequest, ref: FromPath[str]) -> Redirect:
        user = current_user(request)
        assert user is not None
        if not await service.delete_search(user.account_id, ref):
            raise NotFoundException()
        flash(
            request, gettext("De zoekopdracht is verwijderd. Je krijgt er geen e-mail meer over.")
        )
        return Redirect("/mijn/zoekopdrachten", status_code=303)


class UnsubscribePages(Controller):
    """Reached from a link in the e-mail: no sign-in, the signed token is the permission.

    The link shows a page with one button rather than unsubscribing on GET: mail
    scanners open links in e-mails, and would otherwise unsubscribe people.
    """

    path = "/zoekopdrachten/afmelden/{token:str}"
    include_in_schema = False

    @get("/", cache=False)
    async def confirm(
        self, request: AnyRequest, runtime: NamedDependency[Runtime], token: FromPath[str]
    ) -> Template:
        valid = service.ref_from_token(runtime.settings.secret_key, token) is not None
        return render(
            request,
            "alerts/unsubscribe.html",
            {"valid": valid, "done": False, "token": token},
            status_code=HTTP_200_OK if valid else HTTP_400_BAD_REQUEST,
        )

    @post("/", status_code=HTTP_200_OK)
    async def unsubscribe(
        self, request: AnyRequest, runtime: NamedDependency[Runtime], token: FromPath[str]
    ) -> Template:
        done = await service.unsubscribe(runtime.settings.secret_key, token)
        return render(
            request,
            "alerts/unsubscribe.html",
            {"valid": done, "done": done, "token": token},
            status_code=HTTP_200_OK if done else HTTP_400_BAD_REQUEST,
        )


route_handlers: list[Any] = [SavedSearchPages, UnsubscribePages]
