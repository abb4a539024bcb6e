"""Pages of programmes: the public list and page (``/programmas``), an organisation's
own programmes (``/organisatie/programmas``: create, ask to publish, accept members,
attach meetings and kansen) and the administrators' list that publishes them
(``/beheer/programmas``). Handlers check ``accounts.policies`` and call ``service``."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen import labels
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import (
    current_user,
    may_attach_to_programme,
    may_manage_programme,
    may_see_programme,
    require_role,
    require_signed_in,
)
from meedoen.events import presenters as meeting_presenters
from meedoen.i18n import gettext
from meedoen.organisations.routes import member_of, not_found, organisation_for, see_other, switcher
from meedoen.programmes import forms, service
from meedoen.programmes.reach import reach_of
from meedoen.web.flash import flash
from meedoen.web.forms import read_leniently
from meedoen.web.templating import render

Req = Request[Any, Any, Any]
PUBLIC = "/programmas"
OWN = "/organisatie/programmas"
ADMIN = "/beheer/programmas"
ITEM_KINDS = {"activiteit", "kans"}


async def visible_programme(request: Req, ref: str) -> dict[str, Any]:
    programme = await service.programme_by_ref(ref)
    if programme is None or not may_see_programme(
        current_user(request), programme["status"], programme["owner"]
    ):
        raise not_found()
    return programme


def card(row: dict[str, Any]) -> dict[str, Any]:
    """A programme in a list."""
    return {
        **row,
        "url": f"{PUBLIC}/{row['ref']}",
        "status_label": service.status_label(row["status"]),
        "period": period_text(row),
        "goal": goal_text(row),
        "measure_label": service.measure_label(row["goal_measure"]),
    }


def period_text(row: dict[str, Any]) -> str:
    if not row.get("starts_on") or not row.get("ends_on"):
        return ""
    return gettext(
        "%(start)s tot en met %(end)s",
        start=meeting_presenters.day_text(row["starts_on"], "d MMMM y"),
        end=meeting_presenters.day_text(row["ends_on"], "d MMMM y"),
    )


def goal_text(row: dict[str, Any]) -> str:
    return gettext(
        "Doel: %(target)s %(measure)s",
        target=row["goal_target"],
        measure=service.measure_label(row["goal_measure"]),
    )


def ages_text(row: dict[str, Any]) -> str:
    low, high = row.get("age_min"), row.get("age_max")
    if low and high:
        return gettext("%(low)s tot en met %(high)s jaar", low=low, high=high)
    if low:
        return gettext("vanaf %(low)s jaar", low=low)
    if high:
        return gettext("tot en met %(high)s jaar", high=high)
    return ""


def meeting_cards(rows: list[dict[str, Any]], public_only: bool) -> list[dict[str, Any]]:
    return [
        {**meeting_presenters.card(row), "is_past": row["is_past"], "status": row["status"]}
        for row in rows
        if row["is_public"] or not public_only
    ]


def kans_rows(rows: list[dict[str, Any]], public_only: bool) -> list[dict[str, Any]]:
    return [
        {**row, "kind_label": labels.label("kind", row["kind"]), "url": f"/kansen/{row['ref']}"}
        for row in rows
        if row["is_public"] or not public_only
    ]


async def reach_context(programme: dict[str, Any], items: dict[str, Any]) -> dict[str, Any]:
    reach = await reach_of(items)
    return {
        "reach": reach.shown(),
        "goal_value": reach.shown_value_of(programme["goal_measure"]),
    }


class PublicProgrammes(Controller):
    path = PUBLIC
    include_in_schema = False

    @get("/", name="programmes:list", cache=False)
    async def index(self, request: Req) -> Template:
        rows = [card(row) for row in await service.public_programmes()]
        return render(request, "programmes/list.html", {"programmes": rows})

    @get("/{ref:str}", name="programmes:page", cache=False)
    async def page(self, request: Req, ref: FromPath[str]) -> Template:
        programme = await visible_programme(request, ref)
        user = current_user(request)
        manages = may_manage_programme(user, programme["owner"])
        items = await service.items_of(programme["id"])
        members = await service.members_of(programme["id"])
        context: dict[str, Any] = {
            "p": card(programme),
            "ages": ages_text(programme),
            "meetings": meeting_cards(items["activiteit"], public_only=True),
            "kansen": kans_rows(items["kans"], public_only=True),
            "members": [m for m in members if m["status"] == "geaccepteerd" and m["verified"]],
            "manages": manages,
            "manage_url": f"{OWN}/{programme['ref']}"
            if user and user.role == "organisation"
            else "",
        }
        if manages:
            context |= await reach_context(programme, items)
        return render(request, "programmes/page.html", context)

    @post("/{ref:str}/deelnemers/{organisation_ref:str}", guards=[require_signed_in])
    async def decide_member(
        self, request: Req, ref: FromPath[str], organisation_ref: FromPath[str]
    ) -> Redirect:
        user = member_of(request)
        programme = await visible_programme(request, ref)
        if not may_manage_programme(user, programme["owner"]):
            raise not_found()
        accept = (await read_leniently(request, forms.AttachForm)).besluit == "accepteren"
        if await service.decide_member(user, programme, organisation_ref, accept):
            flash(
                request,
                gettext("De organisatie doet nu mee.")
                if accept
                else gettext("De aanvraag is afgewezen."),
            )
        else:
            flash(request, gettext("Er is geen open aanvraag van deze organisatie."), "warning")
        return see_other(ADMIN if user.is_admin else f"{OWN}/{ref}")


class OrganisationProgrammes(Controller):
    path = OWN
    guards = [require_role("organisation")]
    include_in_schema = False

    @get("/", name="programmes:own", cache=False)
    async def index(self, request: Req) -> Template:
        organisation = await organisation_for(request)
        own = [card(row) for row in await service.programmes_of(organisation["id"])]
        taken = {row["ref"] for row in own}
        joinable = [
            card(row)
            for row in await service.public_programmes()
            if row["status"] == "gepubliceerd" and row["ref"] not in taken
        ]
        return render(
            request,
            "programmes/organisation.html",
            {
                "organisation": organisation,
                "own": own,
                "joinable": joinable,
                **await switcher(request, organisation),
            },
        )

    @get("/nieuw", name="programmes:new", cache=False)
    async def new(self, request: Req) -> Template:
        await organisation_for(request)
        return self._form(request, None, {"goal_measure": "jongeren"}, {})

    def _form(
        self,
        request: Req,
        programme: dict[str, Any] | None,
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        return render(
            request,
            "programmes/form.html",
            {
                "programme": programme,
                "action": f"{OWN}/{programme['ref']}" if programme else OWN,
                "values": values,
                "errors": errors,
                "measure_choices": [(m, service.measure_label(m)) for m in forms.MEASURES],
            },
            status_code=status,
        )

    @post("/", status_code=HTTP_200_OK)
    async def create(self, request: Req) -> Template | Redirect:
        user = member_of(request)
        organisation = await organisation_for(request)
        form = service.read_programme(await request.form())
        if form.data is None:
            return self._form(request, None, form.values, form.errors, HTTP_400_BAD_REQUEST)
        ref = await service.create_programme(
            user, organisation["id"], service.programme_input(form.data)
        )
        flash(
            request,
            gettext(
                "Het programma is opgeslagen als concept. Vraag om publicatie als het klaar is."
            ),
        )
        return see_other(f"{OWN}/{ref}")

    @get("/{ref:str}", name="programmes:manage", cache=False)
    async def manage(self, request: Req, ref: FromPath[str]) -> Template:
        user = member_of(request)
        organisation = await organisation_for(request)
        programme, accepted = await self._taking_part(user, organisation, ref)
        manages = may_manage_programme(user, programme["owner"])
        items = await service.items_of(programme["id"])
        own_items = await service.own_items(organisation["id"])
        context: dict[str, Any] = {
            "p": card(programme),
            "manages": manages,
            "values": service.values_of(programme),
            "errors": {},
            "measure_choices": [(m, service.measure_label(m)) for m in forms.MEASURES],
            "members": await service.members_of(programme["id"]),
            "meetings": meeting_cards(items["activiteit"], public_only=False),
            "kansen": kans_rows(items["kans"], public_only=False),
            "can_attach": may_attach_to_programme(user, organisation["id"], accepted)
            and programme["status"] != "beeindigd",
            "own_organisation_id": organisation["id"],
            "meeting_choices": own_items["activiteit"],
            "kans_choices": own_items["kans"],
        }
        if manages:
            context |= await reach_context(programme, items)
        return render(request, "programmes/manage.html", context)

    async def _taking_part(
        self, user: CurrentUser, organisation: dict[str, Any], ref: str
    ) -> tuple[dict[str, Any], set[int]]:
        """The programme if the user manages it or their organisation takes part."""
        programme = await service.programme_by_ref(ref)
        if programme is None:
            raise not_found()
        accepted = await service.accepted_ids(programme["id"])
        if not (may_manage_programme(user, programme["owner"]) or organisation["id"] in accepted):
            raise not_found()
        return programme, accepted

    async def _managed(self, request: Req, ref: str) -> dict[str, Any]:
        programme = await service.programme_by_ref(ref)
        if programme is None or not may_manage_programme(member_of(request), programme["owner"]):
            raise not_found()
        return programme

    @post("/{ref:str}", status_code=HTTP_200_OK)
    async def update(self, request: Req, ref: FromPath[str]) -> Template | Redirect:
        programme = await self._managed(request, ref)
        form = service.read_programme(await request.form())
        if form.data is None:
            return self._form(request, programme, form.values, form.errors, HTTP_400_BAD_REQUEST)
        await service.update_programme(programme, service.programme_input(form.data))
        flash(request, gettext("De gegevens van het programma zijn opgeslagen."))
        return see_other(f"{OWN}/{ref}")

    @post("/{ref:str}/indienen")
    async def submit(self, request: Req, ref: FromPath[str]) -> Redirect:
        programme = await self._managed(request, ref)
        try:
            await service.submit_for_approval(member_of(request), programme)
            flash(request, gettext("Een beheerder kijkt het programma na en publiceert het."))
        except service.ProgrammeRefused as refused:
            flash(request, str(refused), "warning")
        return see_other(f"{OWN}/{ref}")

    @post("/{ref:str}/aanmelden")
    async def join(self, request: Req, ref: FromPath[str]) -> Redirect:
        user = member_of(request)
        organisation = await organisation_for(request)
        programme = await visible_programme(request, ref)
        try:
            asked = await service.ask_to_join(user, programme, organisation["id"])
        except service.ProgrammeRefused as refused:
            flash(request, str(refused), "warning")
            return see_other(OWN)
        flash(
            request,
            gettext("Je aanvraag is verstuurd. De eigenaar van het programma beslist.")
            if asked
            else gettext("Je organisatie had al gevraagd om mee te doen."),
        )
        return see_other(OWN)

    @post("/{ref:str}/koppelen", status_code=HTTP_200_OK)
    async def attach(self, request: Req, ref: FromPath[str]) -> Redirect:
        user = member_of(request)
        organisation = await organisation_for(request)
        programme, accepted = await self._taking_part(user, organisation, ref)
        if not may_attach_to_programme(user, organisation["id"], accepted):
            raise not_found()
        form = await read_leniently(request, forms.AttachForm)
        kind, item = form.kind, form.item
        try:
            if kind not in ITEM_KINDS:
                raise service.ProgrammeRefused(gettext("Kies een activiteit of een kans."))
            attached = await service.attach(programme, organisation["id"], kind, item)
            flash(
                request,
                gettext("Toegevoegd aan het programma.")
                if attached
                else gettext("Dit hoorde al bij het programma."),
            )
        except service.ProgrammeRefused as refused:
            flash(request, str(refused), "warning")
        return see_other(f"{OWN}/{ref}")

    @post("/{ref:str}/ontkoppelen")
    async def detach(self, request: Req, ref: FromPath[str]) -> Redirect:
        user = member_of(request)
        organisation = await organisation_for(request)
        programme, _ = await self._taking_part(user, organisation, ref)
        form = await read_leniently(request, forms.AttachForm)
        kind, item = form.kind, form.item
        own = None if may_manage_programme(user, programme["owner"]) else {organisation["id"]}
        if await service.detach(programme, kind, item, own):
            flash(request, gettext("Het hoort niet meer bij het programma."))
        else:
            flash(request, gettext("Dit kun je niet van het programma halen."), "warning")
        return see_other(f"{OWN}/{ref}")


class ProgrammeApproval(Controller):
    path = ADMIN
    guards = [require_role("admin")]
    include_in_schema = False

    @get("/", name="programmes:admin", cache=False)
    async def index(self, request: Req) -> Template:
        rows = []
        for row in await service.all_programmes():
            members = await service.members_of(row["id"])
            rows.append(
                {**card(row), "waiting": [m for m in members if m["status"] == "aangevraagd"]}
            )
        return render(request, "programmes/admin.html", {"programmes": rows})

    @post("/{ref:str}/{action:str}")
    async def decide(self, request: Req, ref: FromPath[str], action: FromPath[str]) -> Redirect:
        try:
            status = await service.decide(member_of(request), ref, action)
            flash(
                request,
                gettext(
                    "Het programma heeft nu de status ‘%(status)s’.",
                    status=service.status_label(status),
                ),
            )
        except service.ProgrammeRefused as refused:
            flash(request, str(refused), "warning")
        return see_other(ADMIN)


route_handlers: list[Any] = [PublicProgrammes, OrganisationProgrammes, ProgrammeApproval]
