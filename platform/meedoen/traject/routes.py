"""The resident's own path (/mijn/traject) and the public check of a proof (/bewijs/…).

Handlers read the form, call a service and choose the page or redirect. A resident only
ever reaches their own agreements, hours and proofs: every query names their resident id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen import formatting
from meedoen.accounts.policies import current_user, require_role
from meedoen.i18n import current_language, gettext
from meedoen.residents.service import Resident, own_resident
from meedoen.settings import Settings
from meedoen.traject import forms, hours, pdf, proofs, service
from meedoen.traject.routes_organisation import OrganisationHours
from meedoen.web.downloads import download
from meedoen.web.flash import flash
from meedoen.web.forms import read_form
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
PATH = "/mijn/traject"


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


async def path_context(resident: Resident, settings: Any) -> dict[str, Any]:
    """What the path page shows; also used by the coach's view of it."""
    path = await service.path_of(resident)
    placement_ids = [p["id"] for p in path.placements]
    entries = await hours.hours_of_placements(placement_ids)
    own_proofs = await proofs.proofs_of_resident(resident.id)
    proof_by_placement = {
        p["placement_ref"]: p for p in own_proofs if p["status"] in ("gevraagd", "uitgegeven")
    }
    for placement in path.placements:
        placement["proof"] = proof_by_placement.get(placement["ref"])
        placement["may_ask_from"] = proofs.may_ask_from(placement["start_date"])
    recording = [p for p in path.placements if p["status"] in hours.RECORDING_STATUSES]
    return {
        "path": path,
        "today": dt.date.today(),
        "entries": entries,
        "total_rows": [
            [
                t["title"],
                t["year"],
                hours.hours_text(t["confirmed"]),
                hours.hours_text(t["waiting"]),
            ]
            for t in hours.totals(entries)
        ],
        "entry_rows": [
            [
                formatting.day(e["week_of"]),
                e["opportunity_title"] or e["description"][:80],
                hours.hours_text(
                    e["confirmed_minutes"] if e["status"] == "bevestigd" else e["minutes"]
                ),
                hours.status_label(e["status"]),
            ]
            for e in entries
        ],
        "placement_options": [(p["ref"], p["title"] or p["kind"]) for p in recording],
        "recording_placements": recording,
    }


class TrajectPages(Controller):
    path = PATH
    include_in_schema = False
    guards = [require_role("resident")]

    async def _resident(self, request: AnyRequest) -> Resident:
        user = current_user(request)
        assert user is not None  # the guard let only residents through
        return await own_resident(user)

    async def _page(
        self, request: AnyRequest, settings: Settings, status: int = HTTP_200_OK, **extra: Any
    ) -> Template:
        resident = await self._resident(request)
        context = await path_context(resident, settings)
        context.update(extra)
        return render(request, "traject/path.html", context, status_code=status)

    @get("/", name="traject:path", cache=False)
    async def path_page(self, request: AnyRequest, settings: NamedDependency[Settings]) -> Template:
        return await self._page(request, settings)

    @post("/afspraken", status_code=HTTP_200_OK)
    async def add_agreement(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        resident = await self._resident(request)
        form = await read_form(request, forms.AgreementForm)
        if form.data is not None:
            try:
                await service.add_agreement(
                    resident,
                    form.data.text,
                    "bewoner",
                    form.data.due_on,
                    author_id=resident.account,
                    settings=settings,
                )
            except service.AgreementError as refused:
                form.refuse(refused.problems)
            else:
                flash(request, gettext("Je afspraak staat erbij."))
                return redirect(PATH + "#afspraken")
        return await self._page(
            request,
            settings,
            HTTP_400_BAD_REQUEST,
            agreement_values=form.values,
            agreement_errors=form.errors,
        )

    @post("/afspraken/{ref:str}/klaar", status_code=HTTP_200_OK)
    async def tick_off(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        resident = await self._resident(request)
        form = await read_form(request, forms.TickOffForm)
        note = form.data.note if form.data else ""
        try:
            done = await service.tick_off(resident, ref, note, settings)
        except service.AgreementError as refused:
            return await self._page(
                request, settings, HTTP_400_BAD_REQUEST, tick_ref=ref, tick_errors=refused.problems
            )
        if not done:
            raise NotFoundException()
        flash(request, gettext("Goed gedaan! De afspraak is afgevinkt."))
        return redirect(PATH + "#afspraken")

    @post("/uren", status_code=HTTP_200_OK)
    async def record_hours(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        resident = await self._resident(request)
        form = await read_form(request, forms.HoursForm)
        if form.data is not None:
            entry = hours.HoursInput(
                placement_ref=form.data.placement,
                week_of=form.data.week_of,
                hours=form.data.hours,
            )
            try:
                await hours.record_hours(resident, entry)
            except hours.HoursError as refused:
                form.refuse(refused.problems)
            else:
                flash(request, gettext("Je uren zijn opgeschreven. De organisatie bevestigt ze."))
                return redirect(PATH + "#uren")
        return await self._page(
            request,
            settings,
            HTTP_400_BAD_REQUEST,
            hours_values=form.values,
            hours_errors=form.errors,
        )

    @post("/plaatsingen/{ref:str}/bewijs", status_code=HTTP_200_OK)
    async def ask_for_proof(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        resident = await self._resident(request)
        try:
            await proofs.ask_for_proof(resident, ref, settings)
        except proofs.NotYours:
            raise NotFoundException() from None
        except proofs.ProofError as refused:
            return await self._page(
                request,
                settings,
                HTTP_400_BAD_REQUEST,
                proof_ref=ref,
                proof_errors=refused.problems,
            )
        flash(request, gettext("Je vraag is naar de organisatie gestuurd."))
        return redirect(PATH + "#plekken")

    @get("/bewijzen/{ref:str}/pdf", name="traject:proof-pdf", cache=False)
    async def proof_pdf(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Response[bytes]:
        resident = await self._resident(request)
        proof = await proofs.proof_by_ref(ref)
        if proof is None or proof.resident != resident.id or proof.status != "uitgegeven":
            raise NotFoundException()
        content = proofs.content_of(proof)
        url = proofs.verification_url(proof, settings.base_url, settings.secret_key)
        html = pdf.proof_html(
            content, url, hours.hours_text(content.get("minutes", 0)), current_language()
        )
        body = await pdf.proof_pdf(html)
        return download(body, "application/pdf", f"bewijs-van-meedoen-{proof.ref}.pdf")

    @post("/bewijzen/{ref:str}/intrekken", status_code=HTTP_200_OK)
    async def withdraw(self, request: AnyRequest, ref: FromPath[str]) -> Redirect:
        resident = await self._resident(request)
        if not await proofs.withdraw_proof(resident, ref):
            raise NotFoundException()
        flash(
            request, gettext("Je bewijs is ingetrokken. De link zegt nu dat het niet meer geldt.")
        )
        return redirect(PATH + "#plekken")


@get("/bewijs/{token:str}", name="traject:verify", include_in_schema=False, cache=False)
async def verify_proof(
    request: AnyRequest, settings: NamedDependency[Settings], token: FromPath[str]
) -> Template:
    """Anyone with the link: genuine and unchanged, withdrawn, no longer valid, or not."""
    verdict = await proofs.verify(token, settings.secret_key)
    return render(request, "traject/verify.html", {"verdict": verdict})


route_handlers: list[Any] = [TrajectPages, OrganisationHours, verify_proof]
