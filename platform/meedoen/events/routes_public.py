"""Public pages of meetings: /activiteiten (search, list, week and month), a meeting's
page with its stands, signing up (resident, guest or group), a sign-up's own page from
the mail (personal code, cancel), the floor plan and the iCalendar files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import File, Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.policies import current_user
from meedoen.events import floor_plans, forms, ical, presenters, young_visitors
from meedoen.events.jsonld import event_objects, script_json
from meedoen.events.meetings import (
    MeetingView,
    local,
    public_meeting,
    utcnow,
)
from meedoen.events.search import find_meetings, parse_meeting_search
from meedoen.events.signups import (
    AlreadySignedUp,
    SignUpRefused,
    Visitor,
    cancel,
    check_open_for_sign_up,
    group_problems,
    guest_problems,
    ref_from_token,
    sign_up,
    signup_by_ref,
    signup_token,
    slot_open,
)
from meedoen.events.stands import matching_stands, stands_of
from meedoen.i18n import current_language, gettext
from meedoen.organisations.service import public_organisation_id
from meedoen.responses import guardian
from meedoen.search.gateway import SearchGateway
from meedoen.settings import Settings
from meedoen.web.downloads import download
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.forms import FormInput, read_form
from meedoen.web.templating import render

Req = Request[Any, Any, Any]
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 366


def not_found() -> UserFacingHTTPException:
    return UserFacingHTTPException(
        status_code=404,
        detail=gettext(
            "Deze activiteit bestaat niet, of is niet meer te zien. Zoek een andere activiteit."
        ),
    )


async def public_or_404(ref: str) -> MeetingView:
    view = await public_meeting(ref)
    if view is None:
        raise not_found()
    return view


def see_other(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


def calendar_response(body: bytes, filename: str) -> Response[bytes]:
    return download(body, ical.MEDIA_TYPE, filename, inline=True, cache_control=None)


class MeetingPages(Controller):
    path = "/activiteiten"
    include_in_schema = False

    @get("/", name="events:search", cache=False)
    async def search(self, request: Req, search: NamedDependency[SearchGateway]) -> Template:
        wanted, notices = parse_meeting_search(request.query_params)
        view = request.query_params.get("weergave", "lijst")
        view = view if view in presenters.VIEWS else "lijst"
        month = (
            wanted.start.replace(day=1) if wanted.start else local(utcnow()).date().replace(day=1)
        )
        if view != "lijst":
            # A calendar shows a whole week or month, from the chosen (or this) day on.
            start = wanted.start or local(utcnow()).date()
            if view == "maand":
                start = month
                end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            else:
                start = start - dt.timedelta(days=start.weekday())
                end = start + dt.timedelta(days=6)
            from dataclasses import replace

            wanted = replace(wanted, start=start, end=end, per_page=50, page=1)
        results = await find_meetings(search, wanted)
        cards = [presenters.card(item) for item in results.items]
        context = {
            "search": wanted,
            "notices": notices,
            "results": results,
            "cards": cards,
            "view": view,
            "days": presenters.grouped_by_day(cards),
            "weeks": presenters.month_grid(cards, month) if view == "maand" else [],
            "month_label": presenters.day_text(month, "MMMM y"),
            "facets": presenters.facet_options(results, wanted),
            "view_urls": {v: presenters.search_url(wanted, v) for v in presenters.VIEWS},
            "previous_url": self._shift(wanted, view, -1),
            "next_url": self._shift(wanted, view, 1),
            "page_urls": {
                "previous": presenters.search_url(wanted, view, page=wanted.page - 1)
                if wanted.page > 1
                else "",
                "next": presenters.search_url(wanted, view, page=wanted.page + 1)
                if wanted.page < results.total_pages
                else "",
            },
            **presenters.labels(),
        }
        return render(request, "events/search.html", context, fragment="events/_results.html")

    @staticmethod
    def _shift(search: Any, view: str, step: int) -> str:
        if view == "lijst" or search.start is None:
            return ""
        if view == "week":
            day = search.start + dt.timedelta(days=7 * step)
        else:
            day = (search.start + dt.timedelta(days=32 * step if step > 0 else -1)).replace(day=1)
        return presenters.search_url(search, view, van=day.isoformat(), tot="")

    @get("/{ref:str}", name="events:detail", cache=False)
    async def detail(
        self, request: Req, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template:
        view = await public_or_404(ref)
        return await self._detail(request, settings, view, {}, {})

    async def _detail(
        self,
        request: Req,
        settings: Settings,
        view: MeetingView,
        values: dict[str, Any],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        stand_query = request.query_params.get("stand", "")[:200]
        stands = await stands_of(view.meeting["id"]) if view.meeting["has_stands"] else []
        user = current_user(request)
        needs_parent = False
        if user is not None and user.role == "resident":
            from meedoen.residents.service import resident_of

            resident = await resident_of(user.account_id)
            needs_parent = resident is not None and guardian.needs_guardian(resident)
        return render(
            request,
            "events/detail.html",
            {
                "view": view,
                "m": view.meeting,
                "organiser": view.organiser,
                "slots": [
                    {
                        **s,
                        "when": presenters.time_span(s["starts_at"], s["ends_at"]),
                        "open": slot_open(s, group=False),
                        "open_for_groups": slot_open(s, group=True),
                    }
                    for s in view.slots
                ],
                "cost": presenters.cost_text(view.meeting["cost_cents"]),
                "stands": matching_stands(stands, stand_query),
                "stand_count": len(stands),
                "stand_query": stand_query,
                "jsonld": script_json(event_objects(view, settings.base_url))
                if not view.is_past
                else None,
                "values": values,
                "errors": errors,
                "user": user,
                "needs_parent": needs_parent,
                "can_sign_up": not view.is_past and not view.is_cancelled,
                **presenters.labels(),
            },
            status_code=status,
        )

    @post("/{ref:str}/aanmelden", status_code=HTTP_200_OK)
    async def sign_up_page(
        self, request: Req, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        view = await public_or_404(ref)
        form = await read_form(request, forms.SignUpForm)
        typed = form.partial or forms.SignUpForm()
        user = current_user(request)
        kind = typed.wie
        slot_id = forms.slot_id(typed.slot)
        mail_to = ""
        values: dict[str, Any] = form.values
        errors = {
            name: error
            for name, error in form.errors.items()
            if name not in ("guardian_email", "met_coach")
        }
        if kind == "groep":
            errors = (
                group_problems(
                    typed.group_name, typed.group_size, typed.name, typed.email, typed.phone
                )
                | errors
            )
            visitor = Visitor(
                name=typed.name,
                email=typed.email,
                phone=typed.phone,
                group_name=typed.group_name,
                group_size=typed.group_size or 0,
                language=current_language(),
                signed_up_by=user.account_id if user else None,
            )
            mail_to = typed.email
        elif user is not None and user.role == "resident":
            from meedoen.residents.service import own_resident

            resident = await own_resident(user)
            if guardian.needs_guardian(resident):
                return await self._ask_parent(request, settings, view, form, resident, slot_id)
            values, errors = {}, {}
            visitor = Visitor(
                resident_id=resident.id,
                name=resident.first_name or user.display_name,
                language=user.language or current_language(),
                wijk=resident.wijk,
                birth_year=resident.birth_year,
                with_coach=typed.met_coach,
            )
            mail_to = user.email
        else:
            errors = guest_problems(typed.name, typed.email, typed.phone) | errors
            visitor = Visitor(
                name=typed.name,
                email=typed.email,
                phone=typed.phone,
                wijk=typed.wijk if typed.wijk in presenters.WIJKEN else "",
                language=current_language(),
            )
            mail_to = typed.email
        values = {**values, "wie": kind, "slot": typed.slot}
        if errors:
            return await self._detail(request, settings, view, values, errors, HTTP_400_BAD_REQUEST)
        try:
            result = await sign_up(
                view,
                slot_id,
                visitor,
                base_url=settings.base_url,
                secret_key=settings.secret_key,
                mail_to=mail_to,
            )
        except AlreadySignedUp as already:
            flash(request, gettext("Je was al aangemeld voor deze activiteit."), "info")
            if already.ref:
                return see_other(
                    f"/activiteiten/aanmelding/{signup_token(settings.secret_key, already.ref)}"
                )
            return see_other(f"/activiteiten/{view.ref}")
        except SignUpRefused as refused:
            return await self._detail(
                request, settings, view, values, {"slot": str(refused)}, HTTP_400_BAD_REQUEST
            )
        flash(
            request,
            gettext("Je bent aangemeld. Je krijgt een bevestiging.")
            if result.status == "aangemeld"
            else gettext(
                "De activiteit is vol. Je staat op de wachtlijst: komt er een plek vrij, dan krijg je bericht."
            ),
            "success" if result.status == "aangemeld" else "info",
        )
        return see_other(
            f"/activiteiten/aanmelding/{signup_token(settings.secret_key, result.ref)}"
        )

    async def _ask_parent(
        self,
        request: Req,
        settings: Settings,
        view: MeetingView,
        form: FormInput[forms.SignUpForm],
        resident: Any,
        slot_id: int | None,
    ) -> Template | Redirect:
        """A resident under 16: the sign-up waits for a parent's or guardian's yes."""
        user = current_user(request)
        assert user is not None
        typed = form.partial or forms.SignUpForm()
        values: dict[str, Any] = {
            "wie": "ik",
            "slot": typed.slot,
            "met_coach": typed.met_coach,
            "guardian_email": form.values["guardian_email"],
        }
        errors: dict[str, str] = {}
        if problem := guardian.guardian_email_problem(values["guardian_email"], user.email):
            errors["guardian_email"] = gettext(problem)
        known = {s["id"] for s in view.slots}
        if len(view.slots) > 1 and slot_id not in known:
            errors["slot"] = gettext("Kies een tijd.")
        try:
            check_open_for_sign_up(view, Visitor(resident_id=resident.id))
        except SignUpRefused as refused:
            errors["slot"] = str(refused)
        if errors:
            return await self._detail(request, settings, view, values, errors, HTTP_400_BAD_REQUEST)
        if await guardian.meeting_waits_for_guardian(resident.id, view.ref):
            flash(
                request,
                gettext("Je aanmelding wacht al op ‘ja’ van je ouder of verzorger."),
                "info",
            )
            return see_other(f"/activiteiten/{view.ref}")
        await young_visitors.ask_parent(
            settings,
            user.account_id,
            resident,
            view,
            slot_id,
            values["met_coach"],
            values["guardian_email"],
        )
        flash(
            request,
            gettext(
                "Je ouder of verzorger krijgt een e-mail. Zegt die ‘ja’, dan ben je aangemeld "
                "en krijg je een bevestiging. Tot dan ziet de organisatie niets."
            ),
            "info",
        )
        return see_other(f"/activiteiten/{view.ref}")

    @get("/aanmelding/{token:str}", name="events:signup", cache=False)
    async def signup_page(
        self, request: Req, settings: NamedDependency[Settings], token: FromPath[str]
    ) -> Template:
        signup, view = await self._signup_for(settings, token)
        slot = next((s for s in view.slots if s["id"] == signup["slot"]), None)
        return render(
            request,
            "events/signup.html",
            {
                "signup": signup,
                "view": view,
                "m": view.meeting,
                "token": token,
                "when": presenters.time_span(slot["starts_at"], slot["ends_at"]) if slot else "",
                "position": await self._position(signup),
                **presenters.labels(),
            },
        )

    @post("/aanmelding/{token:str}/afmelden")
    async def cancel_signup(
        self, request: Req, settings: NamedDependency[Settings], token: FromPath[str]
    ) -> Redirect:
        signup, view = await self._signup_for(settings, token)
        if await cancel(view, signup, base_url=settings.base_url, secret_key=settings.secret_key):
            flash(request, gettext("Je bent afgemeld. Jammer dat je niet komt!"))
        else:
            flash(request, gettext("Je was al afgemeld."), "info")
        return see_other(f"/activiteiten/aanmelding/{token}")

    async def _signup_for(
        self, settings: Settings, token: str
    ) -> tuple[dict[str, Any], MeetingView]:
        ref = ref_from_token(settings.secret_key, token)
        signup = await signup_by_ref(ref) if ref else None
        if signup is None:
            # Like the account links: an unusable link is a 400 that says what to do.
            raise UserFacingHTTPException(
                status_code=400,
                detail=gettext("Deze link werkt niet. Kopieer de hele link uit de e-mail."),
            )
        from meedoen.events.meetings import meeting_by_ref
        from meedoen.events.tables import Meeting

        row = await Meeting.select(Meeting.ref).where(Meeting.id == signup["meeting"]).first().run()
        view = await meeting_by_ref(row["ref"]) if row else None
        if view is None:
            raise not_found()
        return signup, view

    @staticmethod
    async def _position(signup: dict[str, Any]) -> int | None:
        if signup["status"] != "wachtlijst":
            return None
        from meedoen.events.tables import SignUp

        ahead = await SignUp.count().where(
            (SignUp.slot == signup["slot"])
            & (SignUp.status == "wachtlijst")
            & (SignUp.id < signup["id"])
        )
        return int(ahead) + 1

    @get("/{ref:str}/plattegrond", name="events:floor-plan", cache=3600)
    async def floor_plan(self, settings: NamedDependency[Settings], ref: FromPath[str]) -> File:
        view = await public_or_404(ref)
        path = floor_plans.path_of(settings.data_dir, view.meeting["floor_plan_file"])
        if path is None:
            raise not_found()
        return File(path=path, filename=path.name, content_disposition_type="inline")

    @get("/{ref:str}/agenda.ics", name="events:ics", cache=False)
    async def meeting_ics(
        self, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Response[bytes]:
        view = await public_or_404(ref)
        meeting = {**view.meeting, "organiser_name": view.organiser["name"]}
        body = ical.calendar(
            view.meeting["title"], [(meeting, s) for s in view.slots], settings.base_url
        )
        return calendar_response(body, f"{view.ref}.ics")


async def _feed(settings: Settings, name: str, organiser_id: int | None) -> bytes:
    from meedoen.events.meetings import public_meetings_between, slots_of

    now = utcnow()
    rows = await public_meetings_between(
        now - dt.timedelta(days=FEED_DAYS_BACK),
        now + dt.timedelta(days=FEED_DAYS_AHEAD),
        organiser_id=organiser_id,
    )
    entries = [(row, slot) for row in rows for slot in await slots_of(row["id"])]
    return ical.calendar(name, entries, settings.base_url)


@get("/activiteiten.ics", name="events:feed", cache=300, include_in_schema=False)
async def all_meetings_ics(settings: NamedDependency[Settings]) -> Response[bytes]:
    body = await _feed(settings, gettext("Activiteiten in Enschede West"), None)
    return calendar_response(body, "activiteiten.ics")


@get(
    "/organisaties/{ref:str}/activiteiten.ics",
    name="events:organisation-feed",
    cache=300,
    include_in_schema=False,
)
async def organisation_ics(
    settings: NamedDependency[Settings], ref: FromPath[str]
) -> Response[bytes]:
    organiser_id = await public_organisation_id(ref)
    if organiser_id is None:
        raise UserFacingHTTPException(
            status_code=404, detail=gettext("Deze organisatie bestaat niet, of is niet te zien.")
        )
    body = await _feed(settings, gettext("Activiteiten"), organiser_id)
    return calendar_response(body, f"{ref}.ics")
