"""The coach's side of a resident's path: read it as the resident sees it (recorded in the
audit log), add agreements, and choose what the resident sees about their progress."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.audit.service import record_audit
from meedoen.coaching.access import resident_for
from meedoen.i18n import gettext
from meedoen.settings import Settings
from meedoen.traject import forms
from meedoen.traject import service as traject
from meedoen.traject.routes import path_context
from meedoen.web.flash import flash
from meedoen.web.forms import read_form
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]


def coach_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the controller's guard let only coaches through
    return user


class ResidentPathPages(Controller):
    path = "/coach/bewoners/{ref:str}/traject"
    include_in_schema = False
    guards = [require_role("coach")]

    async def _page(
        self,
        request: AnyRequest,
        settings: Settings,
        ref: str,
        status: int = HTTP_200_OK,
        **extra: Any,
    ) -> Template:
        user = coach_of(request)
        resident = await resident_for(user, ref)
        await record_audit(user, "resident.path_viewed", "resident", resident.ref)
        context = await path_context(resident, settings)
        setting = await traject.path_setting(resident.id)
        context.update(
            coach_view=True,
            setting_values={
                "show_step": bool(setting and setting.show_step),
                "progress_words": setting.progress_words if setting else "",
            },
            setting_errors={},
            coach_agreement_values={},
            coach_agreement_errors={},
        )
        context.update(extra)
        return render(request, "traject/coach_path.html", context, status_code=status)

    @get("/", name="coaching:path", cache=False)
    async def path_page(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template:
        return await self._page(request, settings, ref)

    @post("/afspraken", status_code=HTTP_200_OK)
    async def add_agreement(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        user = coach_of(request)
        resident = await resident_for(user, ref, change=True)
        form = await read_form(request, forms.AgreementForm)
        if form.data is not None:
            try:
                await traject.add_agreement(
                    resident,
                    form.data.text,
                    form.data.doer,
                    form.data.due_on,
                    author_id=user.account_id,
                )
            except traject.AgreementError as refused:
                form.refuse(refused.problems)
            else:
                flash(request, gettext("De afspraak staat in het traject."))
                return Redirect(path=f"/coach/bewoners/{ref}/traject#afspraken", status_code=303)
        return await self._page(
            request,
            settings,
            ref,
            HTTP_400_BAD_REQUEST,
            coach_agreement_values=form.values,
            coach_agreement_errors=form.errors,
        )

    @post("/instellingen", status_code=HTTP_200_OK)
    async def save_setting(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        user = coach_of(request)
        resident = await resident_for(user, ref, change=True)
        form = await read_form(request, forms.PathSettingForm)
        if form.data is not None:
            try:
                await traject.save_path_setting(
                    resident.id, form.data.show_step, form.data.progress_words
                )
            except traject.AgreementError as refused:
                form.refuse(refused.problems)
        if form.data is None:
            return await self._page(
                request,
                settings,
                ref,
                HTTP_400_BAD_REQUEST,
                setting_values=form.values,
                setting_errors=form.errors,
            )
        flash(request, gettext("Opgeslagen. De bewoner ziet dit nu op ‘Mijn traject’."))
        return Redirect(path=f"/coach/bewoners/{ref}/traject#voortgang", status_code=303)


route_handlers: list[Any] = [ResidentPathPages]
