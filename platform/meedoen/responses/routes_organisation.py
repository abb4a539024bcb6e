"""The organisation's responses inbox: the list, one response, marking it and replying.

The status widget swaps itself with htmx; without JavaScript the same form posts and
the page comes back. htmx does not swap 4xx answers, so a refusal comes back in the
widget with 200 for htmx and 400 for the full page.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.i18n import gettext
from meedoen.opportunities.postings import posting_choices
from meedoen.organisations.routes import organisation_for, switcher
from meedoen.placements.service import PlacementError
from meedoen.responses import forms, inbox
from meedoen.responses.service import ORGANISATION_STATUSES, STATUS_LABELS, ResponseRefused
from meedoen.settings import Settings
from meedoen.view_budget.guard import count_views
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.forms import read_leniently
from meedoen.web.htmx import is_htmx
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
INBOX = "/organisatie/reacties"
STATUS_WIDGET = "organisations/_response_status.html"


def member_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the guard let only organisation members in
    return user


async def response_of(user: CurrentUser, ref: str) -> dict[str, Any]:
    row = await inbox.response_for(user, ref)
    if row is None:
        raise UserFacingHTTPException(
            status_code=404, detail=gettext("Deze reactie bestaat niet (meer).")
        )
    return row


def status_choices() -> list[tuple[str, str]]:
    return [(code, gettext(STATUS_LABELS[code])) for code in ORGANISATION_STATUSES]


class ResponseInbox(Controller):
    path = INBOX
    include_in_schema = False
    guards = [require_role("organisation")]

    @get("/", name="responses:inbox", cache=False)
    async def list_page(self, request: AnyRequest) -> Template:
        status = request.query_params.get("status", "")
        posting = request.query_params.get("kans", "")[:40]
        # The organisation the member chose with the switcher (else their first one).
        organisation = await organisation_for(request)
        rows = await inbox.inbox(member_of(request), status, organisation["id"], posting)
        return render(
            request,
            "organisations/inbox.html",
            {
                "organisation": organisation,
                **await switcher(request, organisation),
                "rows": rows,
                "status": status,
                "posting": posting,
                "posting_choices": await posting_choices(organisation["id"]),
                "status_labels": STATUS_LABELS,
                "statuses": status_choices(),
            },
        )

    @get("/{ref:str}", name="responses:detail", cache=False)
    async def detail(
        self, request: AnyRequest, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template:
        user = member_of(request)
        row = await response_of(user, ref)
        return await self._page(request, user, row, settings=settings)

    @post("/{ref:str}/status", status_code=HTTP_200_OK)
    async def change_status(
        self, request: AnyRequest, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user = member_of(request)
        row = await response_of(user, ref)
        status = (await read_leniently(request, forms.StatusForm)).status
        try:
            await inbox.mark(user, row, status, settings)
        except (ResponseRefused, PlacementError) as refused:
            message = gettext(refused.message)
            if is_htmx(request):
                return self._widget(request, row, error=message)
            return await self._page(request, user, row, HTTP_400_BAD_REQUEST, status_error=message)
        done = gettext(
            "De status is nu: %(status)s.", status=gettext(STATUS_LABELS[status]).lower()
        )
        if is_htmx(request):
            return self._widget(request, {**row, "status": status}, done=done)
        flash(request, done)
        return Redirect(path=f"{INBOX}/{ref}", status_code=303)

    @post("/{ref:str}/berichten", status_code=HTTP_200_OK)
    async def reply(
        self, request: AnyRequest, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user = member_of(request)
        row = await response_of(user, ref)
        message = (await read_leniently(request, forms.ReplyForm)).text
        try:
            await inbox.reply(user, row, message, settings)
        except ResponseRefused as refused:
            return await self._page(
                request,
                user,
                row,
                HTTP_400_BAD_REQUEST,
                reply_error=gettext(refused.message),
                reply_text=message,
            )
        flash(request, gettext("Je bericht is verstuurd. De bewoner krijgt een e-mail."))
        return Redirect(path=f"{INBOX}/{ref}", status_code=303)

    async def _page(
        self,
        request: AnyRequest,
        user: CurrentUser,
        row: dict[str, Any],
        status: int = HTTP_200_OK,
        settings: Settings | None = None,
        **state: Any,
    ) -> Template:
        if row["resident_ref"] and row["status"] != "ingetrokken":
            await count_views(user, [row["resident_ref"]])
        item = await inbox.open_item(user, row, settings)
        return render(
            request,
            "organisations/response.html",
            {
                "item": item,
                "response": item.response,
                "status_labels": STATUS_LABELS,
                "statuses": status_choices(),
                **state,
            },
            status_code=status,
        )

    def _widget(self, request: AnyRequest, row: dict[str, Any], **state: Any) -> Template:
        return render(
            request,
            STATUS_WIDGET,
            {
                "response": row,
                "status_labels": STATUS_LABELS,
                "statuses": status_choices(),
                **{f"status_{k}": v for k, v in state.items()},
            },
        )


route_handlers: list[Any] = [ResponseInbox]
