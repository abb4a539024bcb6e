"""Administrators verify organisations with something to check: a paged, filterable list
(the queue first), one page per organisation with everything it entered, and a reason
that the organisation reads when it is not approved.

Approving, refusing, revoking and blocking happen on the organisation's own page, never
from the list: nobody approves what they have not seen.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen import labels
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.admin import forms, service
from meedoen.admin.service import STANDINGS, OrganisationFilter
from meedoen.i18n import N_, gettext
from meedoen.settings import Settings
from meedoen.vocabulary import ORGANISATION_TYPES, WIJKEN
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.form_data import whole_number
from meedoen.web.forms import read_leniently
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
LIST = "/beheer"
MAX_REASON = 1000
STANDING_LABELS = {
    "te_controleren": N_("Te controleren"),
    "niet_goedgekeurd": N_("Niet goedgekeurd"),
    "gecontroleerd": N_("Gecontroleerd"),
    "geblokkeerd": N_("Geblokkeerd"),
    "alle": N_("Alle organisaties"),
}
STANDING_TONES = {
    "te_controleren": "warning",
    "niet_goedgekeurd": "neutral",
    "gecontroleerd": "success",
    "geblokkeerd": "danger",
}
DONE = {
    "verified": N_("%(name)s is goedgekeurd. Haar gepubliceerde kansen zijn nu openbaar."),
    "unverified": N_(
        "De controle van %(name)s is ingetrokken. Haar kansen zijn niet meer openbaar."
    ),
    "refused": N_("%(name)s is niet goedgekeurd. De organisatie leest je reden."),
    "blocked": N_("%(name)s is geblokkeerd. Haar kansen zijn uit de zoekresultaten."),
    "unblocked": N_("De blokkade van %(name)s is opgeheven."),
    "recognised": N_("%(name)s staat nu bij haar stages als erkend leerbedrijf."),
    "unrecognised": N_("%(name)s staat niet meer als erkend leerbedrijf bij haar stages."),
    "recognition_changed": N_(
        "Er is niets bevestigd: %(name)s heeft het leerbedrijf-ID net veranderd, of het was al "
        "bevestigd. Kijk het ID hieronder opnieuw na."
    ),
}


def admin_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the guard let only administrators in
    return user


def list_filter(request: AnyRequest) -> OrganisationFilter:
    params = request.query_params
    standing = params.get("status", "te_controleren")
    kind = params.get("soort", "")
    wijk = params.get("wijk", "")
    return OrganisationFilter(
        query=params.get("q", "").strip()[:100],
        standing=standing if standing in STANDINGS else "te_controleren",
        type=kind if kind in ORGANISATION_TYPES else "",
        wijk=wijk if wijk in WIJKEN else "",
        page=whole_number(params.get("pagina", "1"), max_digits=4) or 1,
    )


def standing_label(standing: str) -> str:
    return gettext(STANDING_LABELS[standing])


class OrganisationVerification(Controller):
    path = LIST
    include_in_schema = False
    guards = [require_role("admin")]

    @get("/", name="admin:organisations", cache=False)
    async def organisations(self, request: AnyRequest) -> Template:
        filters = list_filter(request)
        found = await service.organisation_page(filters)
        return render(
            request,
            "admin/organisations.html",
            {
                "f": filters,
                "found": found,
                "rows": [{**row, "standing": service.standing_of(row)} for row in found.rows],
                "standing_choices": [(s, standing_label(s)) for s in STANDINGS],
                "standing_labels": {s: standing_label(s) for s in STANDINGS},
                "standing_tones": STANDING_TONES,
                "type_choices": labels.choices("organisation_type"),
                "wijk_choices": [(w, w) for w in WIJKEN],
                "params": {
                    "q": filters.query,
                    "status": filters.standing,
                    "soort": filters.type,
                    "wijk": filters.wijk,
                },
            },
        )

    @get("/organisaties/{ref:str}", name="admin:organisation", cache=False)
    async def organisation(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        return await self._page(request, ref)

    @post("/organisaties/{ref:str}/weigeren", status_code=HTTP_200_OK)
    async def refuse(
        self, request: AnyRequest, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        reason = (await read_leniently(request, forms.RefusalForm)).reason
        problem = None
        if not reason:
            problem = gettext(
                "Schrijf waarom je de organisatie niet goedkeurt. De organisatie leest dit."
            )
        elif len(reason) > MAX_REASON:
            problem = gettext(
                "Schrijf hoogstens %(count)s tekens. Nu zijn het er %(now)s.",
                count=MAX_REASON,
                now=len(reason),
            )
        if problem:
            return await self._page(
                request, ref, reason=reason, reason_error=problem, status=HTTP_400_BAD_REQUEST
            )
        organisation = await self._organisation(ref)
        await service.refuse(admin_of(request), ref, reason, settings)
        done = DONE["refused"]
        flash(request, gettext(done, name=organisation["name"]))
        return Redirect(path=LIST, status_code=303)

    @post("/organisaties/{ref:str}/{flag:str}")
    async def set_flag(
        self,
        request: AnyRequest,
        ref: FromPath[str],
        flag: FromPath[str],
        settings: NamedDependency[Settings],
    ) -> Redirect:
        user = admin_of(request)
        organisation = await self._organisation(ref)
        form = await read_leniently(request, forms.FlagForm)
        value = form.value == "1"
        if flag == "leerbedrijf":
            changed = await service.confirm_leerbedrijf(user, ref, form.leerbedrijf_id, value)
            done = ("recognised" if value else "unrecognised") if changed else "recognition_changed"
            flash(request, gettext(DONE[done], name=organisation["name"]))
            return Redirect(path=f"{LIST}/organisaties/{ref}", status_code=303)
        if flag == "controle":
            await service.set_verified(user, ref, value, settings)
            done = "verified" if value else "unverified"
        elif flag == "blokkade":
            await service.set_blocked(user, ref, value)
            done = "blocked" if value else "unblocked"
        else:
            raise UserFacingHTTPException(
                status_code=404, detail=gettext("Deze pagina bestaat niet.")
            )
        flash(request, gettext(DONE[done], name=organisation["name"]))
        # After approving, the next one in the queue; otherwise back to this organisation.
        return Redirect(
            path=LIST if done == "verified" else f"{LIST}/organisaties/{ref}", status_code=303
        )

    async def _organisation(self, ref: str) -> dict[str, Any]:
        organisation = await service.organisation_detail(ref)
        if organisation is None:
            raise UserFacingHTTPException(
                status_code=404, detail=gettext("Deze organisatie bestaat niet.")
            )
        return organisation

    async def _page(
        self,
        request: AnyRequest,
        ref: str,
        *,
        reason: str = "",
        reason_error: str | None = None,
        status: int = HTTP_200_OK,
    ) -> Template:
        organisation = await self._organisation(ref)
        return render(
            request,
            "admin/organisation.html",
            {
                "o": organisation,
                "standing_label": standing_label(organisation["standing"]),
                "standing_tone": STANDING_TONES[organisation["standing"]],
                "reason": reason,
                "errors": {"reason": reason_error} if reason_error else {},
            },
            status_code=status,
        )
