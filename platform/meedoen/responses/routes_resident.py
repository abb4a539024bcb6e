"""The resident's side of responses: "Ik wil meedoen", the overview, the conversation, withdrawing.

The rules are in ``meedoen.responses.responding`` and ``meedoen.responses.service``.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.i18n import gettext
from meedoen.opportunities import service as opportunities
from meedoen.opportunities.service import PublicOpportunity
from meedoen.residents import service as residents
from meedoen.responses import conversation, forms, guardian, responding
from meedoen.responses.responding import SHARE_LABELS, ResponseDraft
from meedoen.responses.service import (
    RESIDENT_EXPLANATIONS,
    SHAREABLE,
    STATUS_LABELS,
    WITHDRAWABLE,
    ResponseRefused,
)
from meedoen.settings import Settings
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.forms import read_leniently
from meedoen.web.htmx import is_htmx
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
DEFAULT_SHARED = ("first_name", "email")


def share_options() -> list[tuple[str, str]]:
    return [(code, gettext(SHARE_LABELS[code])) for code in SHAREABLE]


def status_labels() -> dict[str, str]:
    return {code: gettext(label) for code, label in STATUS_LABELS.items()}


def status_explanations() -> dict[str, str]:
    return {code: gettext(text) for code, text in RESIDENT_EXPLANATIONS.items()}


async def _opportunity(ref: str) -> PublicOpportunity:
    item = await opportunities.public_opportunity(ref)
    if item is None:
        raise UserFacingHTTPException(
            status_code=404,
            detail=gettext(
                "Deze kans bestaat niet, of is niet meer te zien. Zoek een andere kans."
            ),
        )
    return item


class RespondPages(Controller):
    path = "/kansen/{ref:str}/reageren"
    include_in_schema = False
    guards = [require_role("resident")]

    @get("/", name="responses:respond", cache=False)
    async def form(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        item = await _opportunity(ref)
        user = current_user(request)
        assert user is not None
        resident = await residents.own_resident(user)
        values = {"shared": list(DEFAULT_SHARED), "message": "", "phone": "", "guardian_email": ""}
        return self._page(request, item, resident, values, {})

    @post("/", status_code=HTTP_200_OK)
    async def send(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        item = await _opportunity(ref)
        user = current_user(request)
        assert user is not None
        resident = await residents.own_resident(user)
        form = await read_leniently(request, forms.ResponseForm)
        shared = tuple(v for v in form.shared if v in SHAREABLE)
        draft = ResponseDraft(message=form.message, shared=shared, phone=form.phone)
        guardian_email = form.guardian_email
        values = {
            "shared": list(shared),
            "message": draft.message,
            "phone": draft.phone,
            "guardian_email": guardian_email,
        }
        errors = {
            name: gettext(msg) for name, msg in responding.check_draft(draft, resident).items()
        }
        young = guardian.needs_guardian(resident)
        if young and (problem := guardian.guardian_email_problem(guardian_email, user.email)):
            errors["guardian_email"] = gettext(problem)
        if not errors and young:
            try:
                await responding.ask_guardian(settings, user, resident, item, draft, guardian_email)
            except ResponseRefused as refused:
                errors["message"] = gettext(refused.message)
            else:
                flash(
                    request,
                    gettext(
                        "We hebben je ouder of verzorger een e-mail gestuurd. Pas als die ‘ja’ "
                        "zegt, ziet de organisatie je reactie."
                    ),
                )
                return Redirect(f"/kansen/{item.ref}", status_code=303)
        if not errors:
            try:
                response = await responding.send_response(settings, user, resident, item, draft)
            except ResponseRefused as refused:
                errors["message"] = gettext(refused.message)
            else:
                flash(
                    request,
                    gettext("Je reactie is verstuurd. We hebben je een bevestiging gemaild."),
                )
                return Redirect(f"/mijn/reacties/{response.ref}", status_code=303)
        return self._page(request, item, resident, values, errors, HTTP_400_BAD_REQUEST)

    def _page(
        self,
        request: AnyRequest,
        item: PublicOpportunity,
        resident: Any,
        values: dict[str, Any],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        return render(
            request,
            "residents/respond.html",
            {
                "o": item.opportunity,
                "organisation": item.organisation,
                "closed": item.is_closed,
                "resident": resident,
                "values": values,
                "errors": errors,
                "share_options": share_options(),
                "needs_guardian": guardian.needs_guardian(resident),
            },
            status_code=status,
        )


async def _own(request: AnyRequest) -> tuple[CurrentUser, Any]:
    user = current_user(request)
    assert user is not None  # the guard let only residents in
    return user, await residents.own_resident(user)


async def _own_response(resident: Any, ref: str) -> dict[str, Any]:
    row = await responding.own_response(resident, ref)
    if row is None:
        raise NotFoundException()
    return row


async def _detail_page(
    request: AnyRequest, row: dict[str, Any], status: int = HTTP_200_OK, **state: Any
) -> Template:
    shared = [gettext(SHARE_LABELS[c]) for c in row["shared"] or [] if c in SHARE_LABELS]
    return render(
        request,
        "residents/response.html",
        {
            "r": row,
            "shared": shared,
            "labels": status_labels(),
            "explanations": status_explanations(),
            "withdrawable": row["status"] in WITHDRAWABLE,
            "thread": await conversation.messages_of(row["id"]),
            **state,
        },
        status_code=status,
    )


async def _conversation(request: AnyRequest, row: dict[str, Any], **state: Any) -> Template:
    return render(
        request,
        "residents/_conversation.html",
        {"r": row, "thread": await conversation.messages_of(row["id"]), **state},
    )


class OwnResponses(Controller):
    path = "/mijn/reacties"
    include_in_schema = False
    guards = [require_role("resident")]

    @get("/", name="responses:own", cache=False)
    async def overview(self, request: AnyRequest) -> Template:
        user = current_user(request)
        assert user is not None
        resident = await residents.own_resident(user)
        rows = await responding.own_responses(resident)
        counts = await conversation.organisation_message_counts([row["id"] for row in rows])
        return render(
            request,
            "residents/responses.html",
            {
                "responses": rows,
                "labels": status_labels(),
                "explanations": status_explanations(),
                "message_counts": counts,
            },
        )

    @get("/{ref:str}", cache=False)
    async def detail(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        _, resident = await _own(request)
        row = await _own_response(resident, ref)
        return await _detail_page(request, row)

    @post("/{ref:str}/berichten", status_code=HTTP_200_OK)
    async def reply(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        """The resident's reply; htmx swaps the conversation, without JS the page reloads."""
        user, resident = await _own(request)
        row = await _own_response(resident, ref)
        typed = (await read_leniently(request, forms.ReplyForm)).text
        try:
            await conversation.reply(settings, user, resident, row, typed)
        except ResponseRefused as refused:
            state = {"reply_error": gettext(refused.message), "reply_text": typed}
            if is_htmx(request):  # htmx swaps only 2xx answers
                return await _conversation(request, row, **state)
            return await _detail_page(request, row, HTTP_400_BAD_REQUEST, **state)
        done = gettext("Je bericht is verstuurd. De organisatie krijgt een e-mail.")
        if is_htmx(request):
            return await _conversation(request, row, reply_done=done)
        flash(request, done)
        return Redirect(f"/mijn/reacties/{ref}#gesprek", status_code=303)

    @post("/{ref:str}/intrekken")
    async def withdraw(self, request: AnyRequest, ref: FromPath[str]) -> Redirect:
        _, resident = await _own(request)
        row = await _own_response(resident, ref)
        if not await responding.withdraw_own(resident, ref):
            flash(
                request,
                gettext(
                    "Intrekken kan niet meer: de organisatie heeft al besloten. Wil je stoppen? Zeg het de organisatie in het gesprek, of vraag je coach."
                ),
                "error",
            )
            return Redirect(f"/mijn/reacties/{row['ref']}", status_code=303)
        flash(request, gettext("Je reactie is ingetrokken. De organisatie ziet dat."))
        return Redirect("/mijn/reacties", status_code=303)


route_handlers: list[Any] = [RespondPages, OwnResponses]
