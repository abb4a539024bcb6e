"""A resident's data (AVG): the page, the download, the readable overview, deletion."""

from __future__ import annotations

import json
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.response import Redirect, Response, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.policies import current_user, require_role
from meedoen.accounts.sessions import session_cookie_name
from meedoen.i18n import gettext
from meedoen.privacy import data_words, deletion, export, forms
from meedoen.settings import Settings
from meedoen.web.downloads import download
from meedoen.web.flash import flash
from meedoen.web.forms import read_leniently
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


class YourData(Controller):
    path = "/mijn/gegevens"
    include_in_schema = False
    guards = [require_role("resident")]

    @get("/", name="residents:data", cache=False)
    async def data_page(self, request: AnyRequest) -> Template:
        return render(request, "residents/data.html", {"errors": {}})

    @get("/download", cache=False)
    async def data_json(self, request: AnyRequest) -> Response[bytes]:
        user = current_user(request)
        assert user is not None
        data = await export.everything_about(user)
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
        return download(body, "application/json", "meedoen-west-mijn-gegevens.json")

    @get("/overzicht", cache=False)
    async def data_overview(self, request: AnyRequest) -> Template:
        user = current_user(request)
        assert user is not None
        data = await export.everything_about(user)
        return render(
            request, "residents/data_overview.html", {"sections": data_words.sections(data)}
        )

    @post("/verwijderen", status_code=HTTP_200_OK)
    async def delete_account(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user = current_user(request)
        assert user is not None
        if not (await read_leniently(request, forms.DeletionForm)).confirm:
            errors = {"confirm": gettext("Vink aan dat je je account echt wilt verwijderen.")}
            return render(
                request, "residents/data.html", {"errors": errors}, status_code=HTTP_400_BAD_REQUEST
            )
        await deletion.delete_resident_account(settings.data_dir, user.account_id)
        flash(request, gettext("Je account en je gegevens zijn verwijderd."))
        response = redirect("/")
        response.delete_cookie(session_cookie_name(settings.is_production), path="/")
        return response


route_handlers: list[Any] = [YourData]
