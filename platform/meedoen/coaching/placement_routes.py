"""Pages of one placement: its facts and history, the status widget and the edit form.

The status widget is a small form that swaps itself with htmx (``hx-target="this"``);
without JavaScript the same form posts normally and the page comes back. htmx does not
swap 4xx answers, so a refused change or a conflict is answered inside the widget with
200 for htmx and with 400/409 on the full page.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST, HTTP_409_CONFLICT

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.audit.service import record_audit
from meedoen.coaching import forms, presenters
from meedoen.coaching.access import placement_for, resident_for
from meedoen.coaching.matches import proposable_opportunity
from meedoen.i18n import gettext
from meedoen.organisations.service import unblocked_organisation
from meedoen.placements import pipeline
from meedoen.placements import service as placements
from meedoen.settings import Settings
from meedoen.web.flash import flash
from meedoen.web.forms import FormInput, read_form
from meedoen.web.htmx import is_htmx
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
# After a status change htmx gets the widget, and the rest of the page out-of-band.
STATUS_RESPONSE = "coaching/_status_response.html"


def coach_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the controller's guard let only coaches through
    return user


def placement_url(ref: str) -> str:
    return f"/coach/plaatsingen/{ref}"


class PlacementPages(Controller):
    path = "/coach/plaatsingen"
    include_in_schema = False
    guards = [require_role("coach")]

    @get("/{ref:str}", name="coaching:placement", cache=False)
    async def placement_page(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        return await self._page(request, ref)

    async def _page(
        self,
        request: AnyRequest,
        ref: str,
        status: int = HTTP_200_OK,
        fragment: str | None = None,
        **state: Any,
    ) -> Template:
        user = coach_of(request)
        placement, resident = await placement_for(user, ref)
        await record_audit(user, "placement.viewed", "resident", resident.ref, placement.ref)
        context = await presenters.placement_context(placement, resident, **state)
        # A widget answer to htmx is always 200: htmx leaves 4xx answers unswapped.
        return render(
            request,
            "coaching/placement.html",
            context,
            fragment=fragment,
            status_code=HTTP_200_OK if fragment and is_htmx(request) else status,
        )

    @post("/{ref:str}/status", status_code=HTTP_200_OK)
    async def change_status(
        self, request: AnyRequest, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user = coach_of(request)
        await placement_for(user, ref, change=True)
        form = await read_form(request, forms.StatusForm)
        if form.data is None:
            field, message = next(iter(form.errors.items()))
            return await self._status_refused(request, ref, form, message, field)
        try:
            moved = await placements.change_status(
                ref,
                forms.status_change(form.data),
                forms.version(form.data.version),
                actor_id=user.account_id,
                settings=settings,
            )
        except placements.PlacementConflict as conflict:
            return await self._page(
                request, ref, HTTP_409_CONFLICT, STATUS_RESPONSE, status_conflict=conflict
            )
        except placements.PlacementError as refused:
            return await self._status_refused(request, ref, form, refused.message, refused.field)
        done = gettext(
            "De status is nu: %(status)s.",
            status=gettext(pipeline.STATUS_LABELS[moved.status]).lower(),
        )
        if is_htmx(request):
            return await self._page(request, ref, fragment=STATUS_RESPONSE, status_done=done)
        flash(request, done)
        return Redirect(path=placement_url(ref), status_code=303)

    async def _status_refused(
        self,
        request: AnyRequest,
        ref: str,
        form: FormInput[forms.StatusForm],
        message: str,
        field: str,
    ) -> Template:
        # The error goes where the coach is looking: at the field, in the widget that
        # htmx swaps (always a 2xx for htmx), with what they typed kept.
        return await self._page(
            request,
            ref,
            HTTP_400_BAD_REQUEST,
            STATUS_RESPONSE,
            status_error=message,
            status_errors={field or "to_status": message},
            status_values=form.values,
        )

    @post("/{ref:str}", status_code=HTTP_200_OK)
    async def update(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        user = coach_of(request)
        placement, _ = await placement_for(user, ref, change=True)
        form = await read_form(request, forms.PlacementForm)
        typed = form.partial or forms.PlacementForm()
        details = forms.placement_details(typed, placement.kind)
        form.refuse(placements.details_problems(details))
        state: dict[str, Any] = {"edit_values": form.values, "edit_errors": form.errors}
        if form.data is None:
            return await self._page(request, ref, HTTP_400_BAD_REQUEST, **state)
        try:
            await placements.update_details(
                ref, details, forms.version(typed.version), actor_id=user.account_id
            )
        except placements.PlacementConflict as conflict:
            return await self._page(
                request, ref, HTTP_409_CONFLICT, edit_conflict=conflict, **state
            )
        except placements.PlacementError as refused:
            state["edit_errors"] = {refused.field: refused.message}
            return await self._page(request, ref, HTTP_400_BAD_REQUEST, **state)
        flash(request, gettext("De plaatsing is opgeslagen."))
        return Redirect(path=placement_url(ref), status_code=303)


async def propose_placement(
    request: AnyRequest, resident_ref: str, settings: Settings
) -> Template | Redirect:
    """Create a placement from the match list (``opportunity``) or the free form
    (``organisation`` and a description)."""
    user = coach_of(request)
    resident = await resident_for(user, resident_ref, change=True)
    form = await read_form(request, forms.PlacementForm)
    typed = form.partial or forms.PlacementForm()
    opportunity_ref = typed.opportunity
    opportunity = await proposable_opportunity(opportunity_ref) if opportunity_ref else None
    details = forms.placement_details(typed, opportunity.kind if opportunity else "")
    problems = dict(form.errors)
    organisation = None
    if opportunity_ref and opportunity is None:
        problems["organisation"] = gettext(
            "Deze kans is niet meer open. Kies een andere kans, of een organisatie hieronder."
        )
    organisation_ref = typed.organisation
    if not opportunity_ref and organisation_ref:
        organisation = await unblocked_organisation(organisation_ref)
        if organisation is None:
            problems["organisation"] = gettext("Kies een organisatie uit de lijst.")
    problems = {**placements.details_problems(details), **problems}
    if not problems:
        try:
            placement = await placements.create_placement(
                resident,
                details,
                coach_id=user.account_id,
                actor_id=user.account_id,
                opportunity=opportunity,
                organisation=organisation,
                settings=settings,
            )
        except placements.PlacementError as refused:
            problems = {refused.field: refused.message}
        else:
            flash(request, gettext("De plaatsing is voorgesteld."))
            return Redirect(path=placement_url(placement.ref), status_code=303)
    context = await presenters.new_placement_context(resident, form.values, problems)
    return render(request, "coaching/placement_new.html", context, status_code=HTTP_400_BAD_REQUEST)
