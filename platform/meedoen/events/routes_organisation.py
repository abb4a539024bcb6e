"""Organisations' pages for meetings: their own meetings (make, publish, sign-ups, stand
decisions, floor plan, check-in at the door, walk-ins), stands they apply for at a fair,
contacts they make there and how they follow them up."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST
from msgspec.structs import asdict

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import (
    authorize,
    may_act_for_organisation,
    require_role,
)
from meedoen.events import contacts, floor_plans, forms, meetings, presenters, signups, stands
from meedoen.events.choices import (
    FOLLOW_UP_LABELS,
    SIGNUP_STATUS_LABELS,
    STAND_STATUS_LABELS,
    STATUS_LABELS,
)
from meedoen.events.meetings import MeetingView, meeting_by_ref
from meedoen.i18n import gettext
from meedoen.opportunities.service import open_opportunities_of
from meedoen.organisations.routes import member_of, not_found, organisation_for, see_other, switcher
from meedoen.settings import Settings
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.form_data import whole_number
from meedoen.web.forms import read_form, read_leniently
from meedoen.web.templating import render

Req = Request[Any, Any, Any]
BASE = "/organisatie/activiteiten"
MAX_ALT = 2000


def member(request: Req) -> CurrentUser:
    return member_of(request)


async def own_meeting(request: Req, ref: str) -> tuple[dict[str, Any], MeetingView]:
    """A meeting of the organisation the member works for; another's is a 404."""
    organisation = await organisation_for(request)
    view = await meeting_by_ref(ref)
    if view is None or view.meeting["organiser"] != organisation["id"]:
        raise not_found()
    authorize(may_act_for_organisation(member(request), organisation["id"]))
    return organisation, view


async def fair_for_stand(request: Req, ref: str) -> tuple[dict[str, Any], MeetingView]:
    """A public fair and the organisation the member works for (to apply or record)."""
    organisation = await organisation_for(request)
    view = await meetings.public_meeting(ref)
    if view is None or not view.meeting["has_stands"]:
        raise not_found()
    return organisation, view


class OrganiserPages(Controller):
    path = BASE
    guards = [require_role("organisation")]
    include_in_schema = False

    @get("/", name="events:organiser", cache=False)
    async def overview(self, request: Req) -> Template:
        organisation = await organisation_for(request)
        own = await meetings.meetings_of(organisation["id"])
        fairs = await meetings.upcoming(20)
        applied = {
            fair["ref"]: await stands.stand_of(fair["id"], organisation["id"])
            for fair in fairs
            if fair["has_stands"]
        }
        return render(
            request,
            "events/organiser.html",
            {
                "organisation": organisation,
                "meetings": [{**presenters.card(m), "status": m["status"]} for m in own],
                "fairs": [
                    {**presenters.card(f), "stand": applied.get(f["ref"])}
                    for f in fairs
                    if f["has_stands"] and f["organiser"] != organisation["id"]
                ],
                "status_labels": STATUS_LABELS,
                "stand_status_labels": STAND_STATUS_LABELS,
                **await switcher(request, organisation),
            },
        )

    @get("/nieuw", name="events:new", cache=False)
    async def new(self, request: Req) -> Template:
        organisation = await organisation_for(request)
        values = {"wijk": organisation["wijk"], "languages": ["nl"], "slot_rows": forms.SLOT_ROWS}
        return self._form(request, organisation, None, values, {})

    @post("/", status_code=HTTP_200_OK)
    async def create(self, request: Req) -> Template | Redirect:
        organisation = await organisation_for(request)
        return await self._save(request, organisation, None)

    @get("/{ref:str}", name="events:edit", cache=False)
    async def edit(self, request: Req, ref: FromPath[str]) -> Template:
        organisation, view = await own_meeting(request, ref)
        return self._form(
            request, organisation, view, forms.values_from_view(view.meeting, view.slots), {}
        )

    @post("/{ref:str}", status_code=HTTP_200_OK)
    async def update(self, request: Req, ref: FromPath[str]) -> Template | Redirect:
        organisation, view = await own_meeting(request, ref)
        return await self._save(request, organisation, view)

    @post("/{ref:str}/status")
    async def change_status(self, request: Req, ref: FromPath[str]) -> Redirect:
        organisation, view = await own_meeting(request, ref)
        status = (await read_leniently(request, forms.ManageForm)).status
        try:
            await meetings.set_status(organisation["id"], view.ref, status)
        except meetings.InvalidMeeting as invalid:
            raise UserFacingHTTPException(
                status_code=400, detail=next(iter(invalid.problems.values()))
            ) from invalid
        messages = {
            "gepubliceerd": gettext("De activiteit is gepubliceerd."),
            "concept": gettext("De activiteit is weer een concept."),
            "geannuleerd": gettext("De activiteit is afgelast."),
        }
        flash(request, messages[status])
        return see_other(f"{BASE}/{ref}/beheer")

    @get("/{ref:str}/beheer", name="events:manage", cache=False)
    async def manage(self, request: Req, ref: FromPath[str]) -> Template:
        organisation, view = await own_meeting(request, ref)
        return await self._manage(request, organisation, view, {})

    async def _manage(
        self,
        request: Req,
        organisation: dict[str, Any],
        view: MeetingView,
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        visitors = await signups.visitors_of(view.meeting["id"])
        all_stands = await stands.stands_of(
            view.meeting["id"], ("aangevraagd", "geaccepteerd", "geweigerd")
        )
        return render(
            request,
            "events/manage.html",
            {
                "organisation": organisation,
                "view": view,
                "m": view.meeting,
                "slots": [
                    {**s, "when": presenters.time_span(s["starts_at"], s["ends_at"])}
                    for s in view.slots
                ],
                "visitors": visitors,
                "present": sum(1 for v in visitors if v["checked_in_at"]),
                "stands": all_stands,
                "errors": errors,
                "status_labels": STATUS_LABELS,
                "signup_labels": SIGNUP_STATUS_LABELS,
                "stand_status_labels": STAND_STATUS_LABELS,
            },
            status_code=status,
        )

    @post("/{ref:str}/stands/{stand_id:int}", status_code=HTTP_200_OK)
    async def decide_stand(
        self, request: Req, ref: FromPath[str], stand_id: FromPath[int]
    ) -> Template | Redirect:
        organisation, view = await own_meeting(request, ref)
        form = await read_leniently(request, forms.StandForm)
        accept = form.besluit == "accepteren"
        try:
            await stands.decide(
                view,
                stand_id,
                member(request).account_id,
                accept=accept,
                number=form.number,
                reason=form.reason,
            )
        except stands.StandRefused as refused:
            return await self._manage(
                request,
                organisation,
                view,
                {f"stand-{stand_id}": str(refused)},
                HTTP_400_BAD_REQUEST,
            )
        flash(
            request,
            gettext("De stand is geaccepteerd.") if accept else gettext("De stand is geweigerd."),
        )
        return see_other(f"{BASE}/{ref}/beheer#stands")

    @post("/{ref:str}/plattegrond", status_code=HTTP_200_OK)
    async def upload_floor_plan(
        self, request: Req, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        organisation, view = await own_meeting(request, ref)
        alt = (await read_leniently(request, forms.ManageForm)).floor_plan_alt
        upload = (await request.form()).get("floor_plan")
        data = (
            await upload.read(floor_plans.MAX_BYTES + 1)
            if isinstance(upload, UploadFile) and upload.filename
            else b""
        )
        errors: dict[str, str] = {}
        if not data:
            errors["floor_plan"] = gettext("Kies een afbeelding van de plattegrond.")
        elif len(data) > floor_plans.MAX_BYTES:
            errors["floor_plan"] = gettext("De afbeelding is te groot. Kies een bestand tot 5 MB.")
        elif floor_plans.image_extension(data) is None:
            errors["floor_plan"] = gettext("Kies een afbeelding in PNG, JPEG of WebP.")
        if not alt or len(alt) > MAX_ALT:
            errors["floor_plan_alt"] = gettext(
                "Beschrijf de plattegrond in woorden voor wie hem niet kan zien: waar zijn de ingang, de stands en de toiletten?"
            )
        if errors:
            return await self._manage(request, organisation, view, errors, HTTP_400_BAD_REQUEST)
        old = view.meeting["floor_plan_file"]
        name = await floor_plans.store(settings.data_dir, data)
        await meetings.set_floor_plan(view.meeting["id"], view.ref, name, alt)
        floor_plans.remove(settings.data_dir, old)
        flash(request, gettext("De plattegrond is opgeslagen."))
        return see_other(f"{BASE}/{ref}/beheer#plattegrond")

    @get("/{ref:str}/inchecken", name="events:check-in", cache=False)
    async def check_in_page(self, request: Req, ref: FromPath[str]) -> Template:
        organisation, view = await own_meeting(request, ref)
        q = request.query_params.get("q", "")[:100]
        return await self._check_in(request, organisation, view, q, {}, {})

    async def _check_in(
        self,
        request: Req,
        organisation: dict[str, Any],
        view: MeetingView,
        q: str,
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        everyone = await signups.visitors_of(view.meeting["id"])
        shown = await signups.visitors_of(view.meeting["id"], q) if q else everyone
        return render(
            request,
            "events/check_in.html",
            {
                "organisation": organisation,
                "view": view,
                "m": view.meeting,
                "q": q,
                "visitors": shown,
                "present": sum(1 for v in everyone if v["checked_in_at"]),
                "expected": len(everyone),
                "values": values,
                "errors": errors,
                "signup_labels": SIGNUP_STATUS_LABELS,
            },
            fragment="events/_check_in_list.html",
            status_code=status,
        )

    @post("/{ref:str}/inchecken", status_code=HTTP_200_OK)
    async def tick(self, request: Req, ref: FromPath[str]) -> Template | Redirect:
        organisation, view = await own_meeting(request, ref)
        form = await read_leniently(request, forms.CheckInForm)
        present = form.aanwezig != "nee"
        q = form.q
        await signups.check_in(view.meeting["id"], form.aanmelding, present)
        if request.headers.get("hx-request") == "true":
            return await self._check_in(request, organisation, view, q, {}, {})
        return see_other(f"{BASE}/{ref}/inchecken" + (f"?q={q}" if q else ""))

    @post("/{ref:str}/inloop", status_code=HTTP_200_OK)
    async def walk_in(
        self, request: Req, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        organisation, view = await own_meeting(request, ref)
        form = await read_form(request, forms.WalkInForm)
        values = asdict(form.partial or forms.WalkInForm())
        size = whole_number(values["group_size"], 3) if values["group_size"] else 0
        errors: dict[str, str] = {}
        if not values["name"] or len(values["name"]) > 120:
            errors["walkin-name"] = gettext("Vul de naam van de bezoeker in.")
        if "email" in form.errors:
            errors["walkin-email"] = form.errors["email"]
        if values["group_size"] and (size is None or not 2 <= size <= 60):
            errors["walkin-group"] = gettext(
                "Een groep is 2 tot en met 60 mensen; laat het leeg voor één persoon."
            )
        if errors:
            return await self._check_in(
                request, organisation, view, "", form.values, errors, HTTP_400_BAD_REQUEST
            )
        visitor = signups.Visitor(
            name="" if size else values["name"],
            group_name=values["name"] if size else "",
            group_size=size or 0,
            email=values["email"],
            phone=values["phone"],
            wijk=values["wijk"] if values["wijk"] in presenters.WIJKEN else "",
            walk_in=True,
        )
        slot_now = min(
            view.slots, key=lambda s: abs((s["starts_at"] - meetings.utcnow()).total_seconds())
        )
        try:
            result = await signups.sign_up(
                view,
                slot_now["id"],
                visitor,
                base_url=settings.base_url,
                secret_key=settings.secret_key,
            )
        except (signups.SignUpRefused, signups.AlreadySignedUp) as refused:
            message = (
                str(refused)
                if isinstance(refused, signups.SignUpRefused)
                else gettext("Deze bezoeker staat er al.")
            )
            return await self._check_in(
                request,
                organisation,
                view,
                "",
                values,
                {"walkin-name": message},
                HTTP_400_BAD_REQUEST,
            )
        await signups.check_in(view.meeting["id"], result.ref)
        flash(request, gettext("%(name)s is toegevoegd en staat op aanwezig.", name=values["name"]))
        return see_other(f"{BASE}/{ref}/inchecken")

    @post("/{ref:str}/bedankmail")
    async def send_follow_ups(
        self, request: Req, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Redirect:
        _, view = await own_meeting(request, ref)
        if not view.is_past:
            flash(request, gettext("De bedankmail kan pas na afloop van de activiteit."), "warning")
            return see_other(f"{BASE}/{ref}/beheer")
        sent = await contacts.send_visitor_follow_ups(
            view, base_url=settings.base_url, secret_key=settings.secret_key
        )
        flash(request, gettext("Er zijn %(count)s bedankmails verstuurd.", count=sent))
        return see_other(f"{BASE}/{ref}/beheer")

    def _form(
        self,
        request: Req,
        organisation: dict[str, Any],
        view: MeetingView | None,
        values: dict[str, Any],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        return render(
            request,
            "events/form.html",
            {
                "organisation": organisation,
                "view": view,
                "values": values,
                "errors": errors,
                "slot_numbers": list(range(1, int(values.get("slot_rows") or forms.SLOT_ROWS) + 1)),
                **presenters.form_choices(),
            },
            status_code=status,
        )

    async def _save(
        self, request: Req, organisation: dict[str, Any], view: MeetingView | None
    ) -> Template | Redirect:
        meeting, data = forms.read_meeting(
            await request.form(), view.meeting["status"] if view else None
        )
        values, errors = meeting.values, meeting.errors
        if meeting.data is not None:
            try:
                ref = await meetings.save_meeting(
                    organisation["id"],
                    data,
                    ref=view.ref if view else None,
                    account_id=member(request).account_id,
                )
            except meetings.InvalidMeeting as invalid:
                errors = dict(invalid.problems)
            else:
                flash(request, saved_message(data.status, organisation))
                return see_other(f"{BASE}/{ref}/beheer")
        return self._form(request, organisation, view, values, errors, HTTP_400_BAD_REQUEST)

    # --- at another organiser's fair ------------------------------------------------

    @get("/beurzen/{ref:str}/stand", name="events:stand", cache=False)
    async def stand_page(self, request: Req, ref: FromPath[str]) -> Template:
        organisation, view = await fair_for_stand(request, ref)
        return await self._stand(request, organisation, view, {}, {})

    async def _stand(
        self,
        request: Req,
        organisation: dict[str, Any],
        view: MeetingView,
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        stand = await stands.stand_of(view.meeting["id"], organisation["id"])
        return render(
            request,
            "events/stand.html",
            {
                "organisation": organisation,
                "view": view,
                "m": view.meeting,
                "stand": stand,
                "contacts": await contacts.contacts_of_organisation(
                    organisation["id"], view.meeting["id"]
                ),
                "visitors": await signups.visitors_of(view.meeting["id"], values.get("q", ""))
                if values.get("q")
                else [],
                "values": values,
                "errors": errors,
                "stand_status_labels": STAND_STATUS_LABELS,
            },
            status_code=status,
        )

    @post("/beurzen/{ref:str}/stand", status_code=HTTP_200_OK)
    async def apply(self, request: Req, ref: FromPath[str]) -> Template | Redirect:
        organisation, view = await fair_for_stand(request, ref)
        note = (await read_leniently(request, forms.StandForm)).note
        try:
            await stands.apply_for_stand(view, organisation, member(request).account_id, note)
        except stands.StandRefused as refused:
            return await self._stand(
                request,
                organisation,
                view,
                {"note": note},
                {"note": str(refused)},
                HTTP_400_BAD_REQUEST,
            )
        flash(
            request,
            gettext("Je aanvraag is verstuurd. De organisator laat weten of je een stand krijgt."),
        )
        return see_other(f"{BASE}/beurzen/{ref}/stand")

    @post("/beurzen/{ref:str}/contact", status_code=HTTP_200_OK)
    async def record(self, request: Req, ref: FromPath[str]) -> Template | Redirect:
        organisation, view = await fair_for_stand(request, ref)
        stand = await stands.stand_of(view.meeting["id"], organisation["id"])
        if stand is None or stand["status"] != "geaccepteerd":
            raise UserFacingHTTPException(
                status_code=403,
                detail=gettext(
                    "Alleen organisaties met een stand op deze beurs leggen contacten vast."
                ),
            )
        contact_form = await read_leniently(request, forms.ContactForm)
        values = {
            "code": contact_form.code,
            "aanmelding": contact_form.aanmelding,
            "note": contact_form.note,
            "q": contact_form.q,
        }
        consent = contact_form.consent
        signup = await contacts.signup_for_contact(view, values["code"], values["aanmelding"])
        if signup is None:
            return await self._stand(
                request,
                organisation,
                view,
                values,
                {
                    "code": gettext(
                        "Deze code kennen we niet bij deze beurs. Kijk nog eens op de telefoon van de bezoeker, of zoek op naam."
                    )
                },
                HTTP_400_BAD_REQUEST,
            )
        try:
            _, new = await contacts.record_contact(
                view,
                organisation["id"],
                signup,
                member(request).account_id,
                values["note"],
                consent,
            )
        except contacts.ContactRefused as refused:
            return await self._stand(
                request, organisation, view, values, {"note": str(refused)}, HTTP_400_BAD_REQUEST
            )
        name = signup["group_name"] or signup["guest_name"] or gettext("de bezoeker")
        flash(
            request,
            gettext("Vastgelegd: jullie spraken met %(name)s.", name=name)
            if new
            else gettext("Bijgewerkt: het contact met %(name)s.", name=name),
        )
        return see_other(f"{BASE}/beurzen/{ref}/stand#contacten")


class ContactPages(Controller):
    path = "/organisatie/contacten"
    guards = [require_role("organisation")]
    include_in_schema = False

    @get("/", name="events:contacts", cache=False)
    async def contacts_page(self, request: Req) -> Template:
        organisation = await organisation_for(request)
        return render(
            request,
            "events/contacts.html",
            {
                "organisation": organisation,
                "contacts": await contacts.contacts_of_organisation(organisation["id"]),
                "follow_up_labels": FOLLOW_UP_LABELS,
            },
        )

    @get("/{ref:str}", name="events:contact", cache=False)
    async def contact_page(self, request: Req, ref: FromPath[str]) -> Template:
        organisation = await organisation_for(request)
        contact = await contacts.contact_of(organisation["id"], ref)
        if contact is None:
            raise not_found()
        return await self._contact(request, organisation, contact, {}, {})

    async def _contact(
        self,
        request: Req,
        organisation: dict[str, Any],
        contact: dict[str, Any],
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        kansen = (await open_opportunities_of([organisation["id"]])).get(organisation["id"], [])
        return render(
            request,
            "events/contact.html",
            {
                "organisation": organisation,
                "contact": contact,
                "kansen": [(k["ref"], k["title"]) for k in kansen],
                "values": values,
                "errors": errors,
                "follow_up_labels": FOLLOW_UP_LABELS,
            },
            status_code=status,
        )

    @post("/{ref:str}", status_code=HTTP_200_OK)
    async def follow_up(
        self, request: Req, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        organisation = await organisation_for(request)
        contact = await contacts.contact_of(organisation["id"], ref)
        if contact is None:
            raise not_found()
        contact_form = await read_leniently(request, forms.ContactForm)
        values = {
            "action": contact_form.action,
            "kans": contact_form.kans,
            "note": contact_form.note,
        }
        kansen = (await open_opportunities_of([organisation["id"]])).get(organisation["id"], [])
        opportunity = next((k for k in kansen if k["ref"] == values["kans"]), None)
        if opportunity is not None:
            from meedoen.opportunities.service import public_opportunity

            public = await public_opportunity(opportunity["ref"])
            opportunity = {**opportunity, "id": public.opportunity["id"]} if public else None
        try:
            await contacts.follow_up(
                contact,
                organisation,
                values["action"],
                opportunity=opportunity,
                note=values["note"],
                base_url=settings.base_url,
            )
        except contacts.ContactRefused as refused:
            return await self._contact(
                request,
                organisation,
                contact,
                values,
                {"action": str(refused)},
                HTTP_400_BAD_REQUEST,
            )
        flash(request, gettext("Verstuurd. De bezoeker krijgt een e-mail van ons namens jullie."))
        return see_other("/organisatie/contacten")


def saved_message(status: str, organisation: dict[str, Any]) -> str:
    if status == "gepubliceerd" and not organisation["verified"]:
        return gettext(
            "De activiteit is opgeslagen. Iedereen kan hem zien zodra je organisatie is gecontroleerd."
        )
    return gettext("De activiteit is opgeslagen.")
