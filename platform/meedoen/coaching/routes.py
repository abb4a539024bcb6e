"""Pages of the coaching domain: the caseload, a resident's file and its forms, exports.

Handlers read the form, call a service and choose the page or redirect. Every resident
is reached through ``access.resident_for``, which applies the rules in
``meedoen.accounts.policies``; the controller's guard lets only coaches in at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.accounts.service import (
    CoachCardInput,
    coach_card,
    coach_card_problems,
    coach_choices,
    save_coach_card,
)
from meedoen.audit.service import record_audit
from meedoen.coaching import caseload, exports, file, forms, matches, presenters
from meedoen.coaching.access import resident_for
from meedoen.coaching.placement_routes import PlacementPages, propose_placement
from meedoen.coaching.traject_routes import ResidentPathPages
from meedoen.i18n import gettext
from meedoen.offload import in_thread
from meedoen.placements import ladder
from meedoen.placements.service import placements_of_residents
from meedoen.residents.service import Resident, ids_of_refs
from meedoen.search.gateway import SearchGateway
from meedoen.settings import Settings
from meedoen.view_budget.guard import count_views
from meedoen.web.downloads import download
from meedoen.web.flash import flash
from meedoen.web.forms import read_form
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
EXPORTS = {
    "caseload.csv",
    "caseload.xlsx",
    "plaatsingen.csv",
    "plaatsingen.xlsx",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def coach_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the controller's guard let only coaches through
    return user


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


def file_url(resident: Resident) -> str:
    return f"/coach/bewoners/{resident.ref}"


class CaseloadPages(Controller):
    path = "/coach"
    include_in_schema = False
    guards = [require_role("coach")]

    @get("/", name="coaching:caseload", cache=False)
    async def caseload_page(self, request: AnyRequest) -> Template:
        query = caseload.CaseloadQuery.from_params(dict(request.query_params))
        entries = await caseload.caseload(coach_of(request).account_id, query)
        return render(
            request,
            "coaching/caseload.html",
            presenters.caseload_context(query, entries),
            fragment="coaching/_caseload_results.html",
        )

    @get("/export/{name:str}", name="coaching:export", cache=False)
    async def export(self, request: AnyRequest, name: FromPath[str]) -> Response[bytes]:
        if name not in EXPORTS:
            raise NotFoundException()
        user = coach_of(request)
        query = caseload.CaseloadQuery.from_params(dict(request.query_params))
        entries = await caseload.caseload(user.account_id, query)
        kind, extension = name.split(".")
        if kind == "caseload":
            table = exports.caseload_table(entries)
        else:
            ids = await ids_of_refs([e.resident_ref for e in entries])
            table = exports.placements_table(await placements_of_residents(ids))
        await record_audit(user, "caseload.exported", "caseload", "", name)
        # Writing a workbook is CPU work: in the bounded pool, off the event loop.
        if extension == "csv":
            body = await in_thread(exports.as_csv, table)
        else:
            body = await in_thread(exports.as_xlsx, table, kind)
        filename = exports.export_filename(kind, extension)
        return download(body, "text/csv; charset=utf-8" if extension == "csv" else XLSX, filename)

    # --- intake ---------------------------------------------------------------------

    @get("/intake", name="coaching:intake", cache=False)
    async def intake_page(self, request: AnyRequest) -> Template:
        return render(request, "coaching/intake.html", presenters.intake_context({}, {}))

    @post("/intake", status_code=HTTP_200_OK)
    async def intake(self, request: AnyRequest) -> Template | Redirect:
        form = await read_form(request, forms.IntakeForm)
        intake = forms.intake(form.partial or forms.IntakeForm())
        form.refuse(caseload.intake_problems(intake))
        if form.data is not None:
            try:
                resident = await caseload.register_at_intake(coach_of(request), intake)
            except caseload.IntakeError as refused:
                form.refuse(refused.problems)
            else:
                flash(
                    request, gettext("%(name)s staat nu in je caseload.", name=resident.first_name)
                )
                return redirect(file_url(resident))
        return render(
            request,
            "coaching/intake.html",
            presenters.intake_context(form.values, form.errors),
            status_code=HTTP_400_BAD_REQUEST,
        )

    # --- the coach's card: how residents reach them ---------------------------------

    @get("/bereikbaarheid", name="coaching:card", cache=False)
    async def card_page(self, request: AnyRequest) -> Template:
        card = await coach_card(coach_of(request).account_id)
        return render(request, "coaching/card.html", {"values": asdict(card), "errors": {}})

    @post("/bereikbaarheid", status_code=HTTP_200_OK)
    async def save_card(self, request: AnyRequest) -> Template | Redirect:
        form = await read_form(request, forms.CardForm)
        typed = form.partial or forms.CardForm()
        card = CoachCardInput(team=typed.team, phone=typed.phone, availability=typed.availability)
        form.refuse(coach_card_problems(card))
        if form.data is None:
            return render(
                request,
                "coaching/card.html",
                {"values": form.values, "errors": form.errors},
                status_code=HTTP_400_BAD_REQUEST,
            )
        await save_coach_card(coach_of(request).account_id, card)
        flash(request, gettext("Je gegevens zijn bewaard. Je bewoners zien ze bij Mijn traject."))
        return redirect("/coach/bereikbaarheid")

    # --- the resident's file --------------------------------------------------------

    @get("/bewoners/{ref:str}", name="coaching:resident", cache=False)
    async def resident_page(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        return await self._file_page(request, ref)

    async def _file_page(
        self, request: AnyRequest, ref: str, status: int = HTTP_200_OK, **forms_state: Any
    ) -> Template:
        user = coach_of(request)
        resident = await resident_for(user, ref)
        await count_views(user, [resident.ref])
        opened = await file.open_file(user, resident)
        return render(
            request,
            "coaching/resident.html",
            presenters.file_context(opened, **forms_state),
            status_code=status,
        )

    @post("/bewoners/{ref:str}/trede", status_code=HTTP_200_OK)
    async def record_rung(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        user = coach_of(request)
        resident = await resident_for(user, ref, change=True)
        form = await read_form(request, forms.RungForm)
        entry = forms.rung_entry(form.partial or forms.RungForm())
        form.refuse(ladder.rung_problems(entry))
        if form.data is not None:
            try:
                await ladder.record_rung(resident, entry, actor_id=user.account_id)
            except ladder.LadderError as refused:
                form.refuse(refused.problems)
            else:
                flash(request, gettext("Trede %(rung)s is vastgelegd.", rung=entry.rung))
                return redirect(file_url(resident) + "#ladder")
        return await self._file_page(
            request, ref, HTTP_400_BAD_REQUEST, rung_values=form.values, rung_errors=form.errors
        )

    @post("/bewoners/{ref:str}/notities", status_code=HTTP_200_OK)
    async def add_note(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        user = coach_of(request)
        resident = await resident_for(user, ref, change=True)
        form = await read_form(request, forms.NoteForm)
        if form.data is not None and (problem := file.note_problem(form.data.text)):
            form.refuse({"text": problem})
        if form.data is None:
            return await self._file_page(
                request,
                ref,
                HTTP_400_BAD_REQUEST,
                note_values=form.values,
                note_errors=form.errors,
            )
        await file.add_note(user, resident, form.data.text)
        flash(request, gettext("Je notitie is opgeslagen."))
        return redirect(file_url(resident) + "#notities")

    @post("/bewoners/{ref:str}/contact", status_code=HTTP_200_OK)
    async def record_contact(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        user = coach_of(request)
        resident = await resident_for(user, ref, change=True)
        form = await read_form(request, forms.ContactForm)
        on = (form.data.contact_on if form.data else None) or dt.date.today()
        if on > dt.date.today():
            form.refuse({"contact_on": gettext("De datum ligt in de toekomst.")})
        if form.data is None:
            return await self._file_page(
                request,
                ref,
                HTTP_400_BAD_REQUEST,
                contact_values=form.values,
                contact_errors=form.errors,
            )
        await caseload.record_contact(user, resident, on)
        flash(request, gettext("Het contact is vastgelegd."))
        return redirect(file_url(resident))

    # --- transfer -------------------------------------------------------------------

    @get("/bewoners/{ref:str}/overdragen", name="coaching:transfer", cache=False)
    async def transfer_page(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        user = coach_of(request)
        resident = await resident_for(user, ref, change=True)
        coaches = await coach_choices(user.account_id)
        return render(
            request,
            "coaching/transfer.html",
            {"resident": resident, "coaches": coaches, "values": {}, "errors": {}},
        )

    @post("/bewoners/{ref:str}/overdragen", status_code=HTTP_200_OK)
    async def transfer(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        user = coach_of(request)
        resident = await resident_for(user, ref, change=True)
        form = await read_form(request, forms.TransferForm)
        typed = form.partial or forms.TransferForm()
        try:
            name = await caseload.transfer(user, resident, typed.coach or 0, typed.note)
        except caseload.TransferError as refused:
            coaches = await coach_choices(user.account_id)
            return render(
                request,
                "coaching/transfer.html",
                {
                    "resident": resident,
                    "coaches": coaches,
                    "values": form.values,
                    "errors": {"coach": str(refused)},
                },
                status_code=HTTP_400_BAD_REQUEST,
            )
        flash(
            request,
            gettext(
                "%(resident)s is overgedragen aan %(coach)s.",
                resident=resident.first_name,
                coach=name,
            ),
        )
        return redirect("/coach")

    # --- proposing placements -------------------------------------------------------

    @get("/bewoners/{ref:str}/matches", name="coaching:matches", cache=False)
    async def match_list(
        self, request: AnyRequest, search: NamedDependency[SearchGateway], ref: FromPath[str]
    ) -> Template:
        user = coach_of(request)
        resident = await resident_for(user, ref)
        items = await matches.match_list(search, resident)
        await record_audit(user, "resident.matches_viewed", "resident", resident.ref)
        return render(request, "coaching/matches.html", {"resident": resident, "items": items})

    @get("/bewoners/{ref:str}/plaatsingen/nieuw", name="coaching:new-placement", cache=False)
    async def new_placement_page(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        resident = await resident_for(coach_of(request), ref, change=True)
        return render(
            request,
            "coaching/placement_new.html",
            await presenters.new_placement_context(resident, {}, {}),
        )

    @post("/bewoners/{ref:str}/plaatsingen", status_code=HTTP_200_OK)
    async def create_placement(
        self, request: AnyRequest, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        return await propose_placement(request, ref, settings)


route_handlers: list[Any] = [CaseloadPages, PlacementPages, ResidentPathPages]
