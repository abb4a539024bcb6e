"""A school's pages: the coördinator's overview (group visits, the classes signed up,
companies with places for the programme's levels), signing up a class, and the owner's
page to appoint coördinatoren. A school sees its own classes as counts, never pupils."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen import labels
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import require_role
from meedoen.accounts.service import organisation_members
from meedoen.events import presenters as meeting_presenters
from meedoen.events.choices import SIGNUP_STATUS_LABELS
from meedoen.events.meetings import MeetingView, public_meeting
from meedoen.events.signups import AlreadySignedUp, SignUpRefused, slot_open
from meedoen.i18n import gettext, ngettext
from meedoen.organisations.routes import member_of, not_found, organisation_for, see_other, switcher
from meedoen.schools import forms, service
from meedoen.settings import Settings
from meedoen.web.flash import flash
from meedoen.web.form_data import whole_number
from meedoen.web.forms import read_form
from meedoen.web.templating import render

Req = Request[Any, Any, Any]
BASE = "/school"


async def coordinator(request: Req) -> tuple[CurrentUser, dict[str, Any], dict[str, Any]]:
    """The coördinator, their school and their appointment; anyone else gets a 404."""
    user = member_of(request)
    school = await organisation_for(request)
    appointment = await service.coordinator_of(user, school)
    if appointment is None:
        raise not_found()
    return user, school, appointment


async def school_owner(request: Req) -> dict[str, Any]:
    user = member_of(request)
    school = await organisation_for(request)
    if not service.is_school(school) or school["id"] not in user.owner_of:
        raise not_found()
    return school


async def group_visit(ref: str) -> MeetingView:
    view = await public_meeting(ref)
    if view is None or not view.meeting["groups_welcome"] or view.is_past or view.is_cancelled:
        raise not_found()
    return view


def visit_card(view: MeetingView) -> dict[str, Any]:
    return {
        **meeting_presenters.card(view.meeting),
        "organiser": view.organiser["name"],
        "slots": [slot_choice(s) for s in view.slots if slot_open(s, group=True)],
    }


def slot_choice(slot: dict[str, Any]) -> dict[str, Any]:
    when = meeting_presenters.time_span(slot["starts_at"], slot["ends_at"])
    free = slot["free"]
    if free is None:
        room = gettext("geen maximum")
    else:
        room = (
            ngettext("nog %(num)s plaats", "nog %(num)s plaatsen", free)
            if free
            else gettext("vol (wachtlijst)")
        )
    return {"id": str(slot["id"]), "when": when, "free": free, "label": f"{when} — {room}"}


def member_row(account_id: int, name: str, appointment: dict[str, Any] | None) -> dict[str, Any]:
    """A member of the school with their coördinator role and levels, if appointed."""
    return {
        "name": name,
        "account_id": account_id,
        "role": service.role_label(appointment["role"]) if appointment else gettext("Geen"),
        "levels": ", ".join(labels.labels(appointment["levels"], "education_level"))
        if appointment
        else "",
    }


class SchoolPages(Controller):
    path = BASE
    guards = [require_role("organisation")]
    include_in_schema = False

    @get("/", name="schools:overview", cache=False)
    async def overview(self, request: Req) -> Template | Redirect:
        user = member_of(request)
        school = await organisation_for(request)
        appointment = await service.coordinator_of(user, school)
        if appointment is None:
            if service.is_school(school) and school["id"] in user.owner_of:
                return see_other(f"{BASE}/coordinatoren")
            raise not_found()
        visits = [visit_card(v) for v in await service.group_visits()]
        return render(
            request,
            "schools/overview.html",
            {
                "school": school,
                "role_label": service.role_label(appointment["role"]),
                "levels": labels.labels(appointment["levels"], "education_level"),
                "visits": visits,
                "classes": [
                    {
                        **row,
                        "when": meeting_presenters.time_span(row["starts_at"], row["ends_at"]),
                        "status_label": gettext(
                            SIGNUP_STATUS_LABELS.get(row["status"], row["status"])
                        ),
                    }
                    for row in await service.class_visits(school["id"])
                ],
                "companies": await service.places_for(appointment["levels"]),
                "is_owner": school["id"] in user.owner_of,
                "sees_insight": appointment["role"] == "talentcoordinator",
                **await switcher(request, school),
            },
        )

    @get("/bezoeken/{ref:str}", name="schools:visit", cache=False)
    async def visit(self, request: Req, ref: FromPath[str]) -> Template:
        await coordinator(request)
        view = await group_visit(ref)
        open_slots = [s for s in view.slots if slot_open(s, group=True)]
        only_slot = {"slot": str(open_slots[0]["id"])} if len(open_slots) == 1 else {}
        return self._visit_form(request, view, only_slot, {})

    def _visit_form(
        self,
        request: Req,
        view: MeetingView,
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        card = visit_card(view)
        return render(
            request,
            "schools/visit.html",
            {
                "visit": card,
                "m": view.meeting,
                "slots": [(s["id"], s["label"]) for s in card["slots"]],
                "values": values,
                "errors": errors,
            },
            status_code=status,
        )

    @post("/bezoeken/{ref:str}", status_code=HTTP_200_OK)
    async def sign_up_class(
        self, request: Req, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user, school, _ = await coordinator(request)
        view = await group_visit(ref)
        form = await read_form(request, forms.ClassVisitForm)
        values, errors = form.values, form.errors
        if form.data is None:
            return self._visit_form(request, view, values, errors, HTTP_400_BAD_REQUEST)
        visit = service.ClassVisit(form.data.class_name, form.data.size, form.data.teacher)
        slot = form.data.slot
        try:
            result = await service.sign_up_class(
                user,
                school,
                view,
                whole_number(slot),
                visit,
                base_url=settings.base_url,
                secret_key=settings.secret_key,
            )
        except AlreadySignedUp:
            errors["class_name"] = gettext("Deze klas is al aangemeld voor deze activiteit.")
        except SignUpRefused as refused:
            errors["slot"] = str(refused)
        if errors:
            return self._visit_form(request, view, values, errors, HTTP_400_BAD_REQUEST)
        if result.status == "aangemeld":
            flash(request, gettext("%(name)s is aangemeld.", name=visit.class_name))
        else:
            flash(
                request,
                gettext(
                    "Er is nu geen plaats voor %(name)s. De klas staat op de wachtlijst; "
                    "je krijgt een mail als er plaats is.",
                    name=visit.class_name,
                ),
                "info",
            )
        return see_other(BASE)

    @get("/coordinatoren", name="schools:coordinators", cache=False)
    async def coordinators(self, request: Req) -> Template:
        school = await school_owner(request)
        return await self._coordinators(request, school, {}, {})

    async def _coordinators(
        self,
        request: Req,
        school: dict[str, Any],
        values: dict[str, Any],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        members = await organisation_members(school["id"], active_only=True)
        appointed = await service.coordinators_of(school["id"])
        rows = [
            member_row(m.account_id, m.name or m.email, appointed.get(m.account_id))
            for m in members
        ]
        return render(
            request,
            "schools/coordinators.html",
            {
                "school": school,
                "rows": rows,
                "member_choices": [(str(r["account_id"]), r["name"]) for r in rows],
                "role_choices": [("", gettext("Geen (afmelden als coördinator)"))]
                + [(r, service.role_label(r)) for r in service.ROLES],
                "level_choices": labels.choices("education_level"),
                "values": values,
                "errors": errors,
                "is_coordinator": member_of(request).account_id in appointed,
            },
            status_code=status,
        )

    @post("/coordinatoren", status_code=HTTP_200_OK)
    async def appoint(self, request: Req) -> Template | Redirect:
        school = await school_owner(request)
        form = await read_form(request, forms.AppointmentForm)
        values: dict[str, Any] = form.values
        typed = form.partial or forms.AppointmentForm()
        account_id = whole_number(typed.account) or 0
        data = service.Appointment(account_id, typed.role, tuple(typed.levels))
        errors = service.check_appointment(data) | form.errors
        if not errors and not (account_id and await service.appoint(school["id"], data)):
            errors["account"] = gettext("Kies een lid van je school.")
        if errors:
            return await self._coordinators(request, school, values, errors, HTTP_400_BAD_REQUEST)
        flash(request, gettext("De rol is opgeslagen."))
        return see_other(f"{BASE}/coordinatoren")


route_handlers: list[Any] = [SchoolPages]
