"""A resident's own meetings (/mijn/activiteiten) and a coach signing up a resident of
their caseload, with the resident's consent recorded; for a resident under 16 the sign-up
waits for a parent's or guardian's yes, as when the resident signs up themselves."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST
from msgspec.structs import asdict

from meedoen.accounts.policies import current_user, require_role
from meedoen.events import forms, presenters, young_visitors
from meedoen.events.choices import SIGNUP_STATUS_LABELS
from meedoen.events.routes_public import public_or_404
from meedoen.events.signups import (
    AlreadySignedUp,
    SignUpRefused,
    Visitor,
    check_open_for_sign_up,
    sign_up,
    signup_token,
    signups_of_resident,
    slot_open,
)
from meedoen.i18n import gettext
from meedoen.placements.caseload import caseload_resident_ids
from meedoen.residents.service import (
    own_resident,
    resident_by_id,
    resident_contact,
    residents_by_ids,
)
from meedoen.responses import guardian
from meedoen.settings import Settings
from meedoen.web.flash import flash
from meedoen.web.forms import read_leniently
from meedoen.web.templating import render

Req = Request[Any, Any, Any]


class ResidentMeetings(Controller):
    path = "/mijn/activiteiten"
    guards = [require_role("resident")]
    include_in_schema = False

    @get("/", name="events:mine", cache=False)
    async def mine(self, request: Req, settings: NamedDependency[Settings]) -> Template:
        user = current_user(request)
        assert user is not None
        resident = await own_resident(user)
        rows = await signups_of_resident(resident.id)
        secret = settings.secret_key
        items = [
            {
                **row,
                "when": presenters.time_span(row["starts_at"], row["ends_at"]),
                "link": f"/activiteiten/aanmelding/{signup_token(secret, row['ref'])}",
                "kind_label": presenters.labels()["kind_labels"].get(row["meeting_kind"], ""),
            }
            for row in rows
        ]
        return render(
            request,
            "events/mine.html",
            {"items": items, "signup_labels": SIGNUP_STATUS_LABELS},
        )


class CoachSignUp(Controller):
    path = "/coach/activiteiten"
    guards = [require_role("coach")]
    include_in_schema = False

    @get("/{ref:str}/aanmelden", name="events:coach-sign-up", cache=False)
    async def page(self, request: Req, ref: FromPath[str]) -> Template:
        view = await public_or_404(ref)
        return await self._page(request, view, {}, {})

    async def _page(
        self,
        request: Req,
        view: Any,
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        user = current_user(request)
        assert user is not None
        residents = await residents_by_ids(await caseload_resident_ids(user.account_id))
        return render(
            request,
            "events/coach_sign_up.html",
            {
                "view": view,
                "m": view.meeting,
                "residents": [(r["ref"], r["first_name"] or r["ref"]) for r in residents],
                "young": [
                    r["first_name"] or r["ref"]
                    for r in residents
                    if guardian.born_too_recently(r["birth_year"])
                ],
                "slots": [
                    (str(s["id"]), presenters.time_span(s["starts_at"], s["ends_at"]))
                    for s in view.slots
                    if slot_open(s, group=False)
                ],
                "values": values,
                "errors": errors,
            },
            status_code=status,
        )

    @post("/{ref:str}/aanmelden", status_code=HTTP_200_OK)
    async def sign_up_resident(
        self, request: Req, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        view = await public_or_404(ref)
        user = current_user(request)
        assert user is not None
        values = asdict(await read_leniently(request, forms.CoachSignUpForm))
        residents = await residents_by_ids(await caseload_resident_ids(user.account_id))
        chosen = next((r for r in residents if r["ref"] == values["resident"]), None)
        errors: dict[str, str] = {}
        if chosen is None:
            errors["resident"] = gettext("Kies een bewoner uit je caseload.")
        if not values["consent_note"] or len(values["consent_note"]) > 500:
            errors["consent_note"] = gettext(
                "Schrijf op wanneer en hoe de bewoner ermee instemde dat je hem of haar aanmeldt."
            )
        contact = await resident_contact(chosen["id"]) if chosen else None
        young = chosen is not None and guardian.born_too_recently(chosen["birth_year"])
        if young and (problem := _guardian_problem(values["guardian_email"], user.email, contact)):
            errors["guardian_email"] = gettext(problem)
        if errors or chosen is None:
            return await self._page(request, view, values, errors, HTTP_400_BAD_REQUEST)
        slot_id = forms.slot_id(values["slot"])
        if young:
            return await self._ask_parent(request, settings, view, values, chosen, slot_id)
        try:
            await sign_up(
                view,
                slot_id,
                Visitor(
                    resident_id=chosen["id"],
                    name=chosen["first_name"],
                    wijk=chosen["wijk"],
                    birth_year=chosen["birth_year"],
                    language=contact.language if contact else "nl",
                    with_coach=bool(values["met_coach"]),
                    signed_up_by=user.account_id,
                    consent_note=values["consent_note"],
                ),
                base_url=settings.base_url,
                secret_key=settings.secret_key,
                mail_to=contact.email if contact else "",
            )
        except AlreadySignedUp:
            errors["resident"] = gettext("Deze bewoner is al aangemeld.")
        except SignUpRefused as refused:
            errors["slot"] = str(refused)
        if errors:
            return await self._page(request, view, values, errors, HTTP_400_BAD_REQUEST)
        flash(request, gettext("%(name)s is aangemeld.", name=chosen["first_name"]))
        return Redirect(path=f"/coach/bewoners/{chosen['ref']}", status_code=303)

    async def _ask_parent(
        self,
        request: Req,
        settings: Settings,
        view: Any,
        values: dict[str, str],
        chosen: dict[str, Any],
        slot_id: int | None,
    ) -> Template | Redirect:
        """A resident under 16: the sign-up waits for a parent's or guardian's yes."""
        user = current_user(request)
        assert user is not None
        errors: dict[str, str] = {}
        if len(view.slots) > 1 and slot_id not in {s["id"] for s in view.slots}:
            errors["slot"] = gettext("Kies een tijd.")
        try:
            check_open_for_sign_up(view, Visitor(resident_id=chosen["id"]))
        except SignUpRefused as refused:
            errors["slot"] = str(refused)
        resident = await resident_by_id(chosen["id"])
        if errors or resident is None:
            return await self._page(request, view, values, errors, HTTP_400_BAD_REQUEST)
        back = f"/coach/bewoners/{chosen['ref']}"
        if await guardian.meeting_waits_for_guardian(resident.id, view.ref):
            flash(
                request,
                gettext(
                    "De aanmelding van %(name)s wacht al op ‘ja’ van een ouder of verzorger.",
                    name=chosen["first_name"],
                ),
                "info",
            )
            return Redirect(path=back, status_code=303)
        await young_visitors.ask_parent(
            settings,
            user.account_id,
            resident,
            view,
            slot_id,
            bool(values["met_coach"]),
            values["guardian_email"],
            signed_up_by=user.account_id,
            consent_note=values["consent_note"],
        )
        flash(
            request,
            gettext(
                "%(name)s is jonger dan 16. De ouder of verzorger krijgt een e-mail. Zegt die "
                "‘ja’, dan is %(name)s aangemeld. Tot dan ziet de organisatie niets.",
                name=chosen["first_name"],
            ),
            "info",
        )
        return Redirect(path=back, status_code=303)


def _guardian_problem(address: str, coach_email: str, contact: Any) -> str | None:
    """The resident's own form's check, against the resident's and the coach's address."""
    return guardian.guardian_email_problem(
        address, contact.email if contact else "", coach_email, by_coach=True
    )
