"""Saving a search from /kansen, the list of saved searches, and unsubscribing by link."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.policies import current_user, require_role
from meedoen.alerts import forms, service, unsubscribe
from meedoen.alerts.service import FREQUENCY_LABELS, AlertRefused, describe
from meedoen.i18n import N_, gettext
from meedoen.settings import Settings
from meedoen.web.flash import flash
from meedoen.web.forms import read_leniently
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]


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
            frequency = (await read_leniently(request, forms.FrequencyForm)).frequency
            result = await service.save_search(user.account_id, query, frequency)
        except AlertRefused as refused:
            flash(request, gettext(refused.message), "error")
            return Redirect(f"/kansen?{query}" if query else "/kansen", status_code=303)
        if result.already_saved:
            message = gettext(
                "Deze zoekopdracht had je al bewaard."
                " Je krijgt er %(frequency)s één e-mail over, niet twee."
            ) % {"frequency": gettext(FREQUENCY_LABELS[result.saved.frequency]).lower()}
        else:
            message = gettext(
                "Je zoekopdracht is bewaard. Je krijgt een e-mail als er nieuwe kansen bij komen."
            )
        flash(request, message)
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
    """Reached from the link in the e-mail, or by a mail program's one-click POST.

    No sign-in: the signed token is the permission. Opening the link (GET) only shows a
    button, because mail scanners open links in e-mails and must not unsubscribe anyone.
    The POST takes no CSRF token: a mail program sends ``List-Unsubscribe=One-Click``
    without cookies (RFC 8058), and whoever could forge the POST already holds the link.
    """

    path = unsubscribe.PATH + "{token:str}"
    include_in_schema = False

    @get("/", cache=False)
    async def confirm(
        self, request: AnyRequest, settings: NamedDependency[Settings], token: FromPath[str]
    ) -> Template:
        try:
            link = unsubscribe.read_token(settings.secret_key, token)
        except unsubscribe.UnsubscribeRefused as refused:
            return _refused_page(request, refused)
        saved = await unsubscribe.saved_search_of(link)
        return render(
            request,
            "alerts/unsubscribe.html",
            {
                "token": token,
                "search": describe(str(saved["query"])) if saved else None,
                "others": await unsubscribe.other_searches(link),
            },
        )

    @post("/", status_code=HTTP_200_OK, opt={"exclude_from_csrf": True})
    async def stop(
        self, request: AnyRequest, settings: NamedDependency[Settings], token: FromPath[str]
    ) -> Template | Redirect:
        form = await read_leniently(request, forms.UnsubscribeForm)
        one_click = form.one_click == "One-Click"
        choice = "deze" if one_click else form.afmelden
        try:
            link = unsubscribe.read_token(settings.secret_key, token)
        except unsubscribe.UnsubscribeRefused as refused:
            return _refused_page(request, refused)
        if choice not in {"deze", "alle"}:
            return _refused_page(request, unsubscribe.UnsubscribeRefused(CHOOSE))
        await unsubscribe.unsubscribe(link, everything=choice == "alle")
        if choice == "alle":
            done = gettext("Je bent afgemeld. Je krijgt geen e-mails over zoekopdrachten meer.")
        else:
            done = gettext("Je bent afgemeld. Je krijgt over deze zoekopdracht geen e-mails meer.")
        if one_click:  # a mail program: answer, it follows no redirects
            return render(
                request, "alerts/unsubscribe.html", {"token": token, "done": done, "others": 0}
            )
        flash(request, done)
        return Redirect(request.url.path, status_code=303)


CHOOSE = N_("Kies waarvoor je je wilt afmelden.")


def _refused_page(request: AnyRequest, refused: unsubscribe.UnsubscribeRefused) -> Template:
    return render(
        request,
        "alerts/unsubscribe.html",
        {"problem": gettext(refused.message)},
        status_code=HTTP_400_BAD_REQUEST,
    )


route_handlers: list[Any] = [SavedSearchPages, UnsubscribePages]
