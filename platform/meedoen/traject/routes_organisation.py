"""The organisation's side: confirm hours for all its placements on one page, and write
the proofs residents asked for. A member reaches only their own organisations' rows."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen import labels
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.audit.service import record_audit, record_audits
from meedoen.i18n import gettext
from meedoen.settings import Settings
from meedoen.traject import forms, hours, proofs
from meedoen.web.flash import flash
from meedoen.web.forms import FormInput, read_form
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
HOURS_PAGE = "/organisatie/uren"


def member_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the guard let only organisation members through
    return user


def skill_options(asked: proofs.AskedProof) -> list[tuple[str, str]]:
    return [(skill, labels.label("skill", skill)) for skill in asked.skill_choices]


class OrganisationHours(Controller):
    path = "/organisatie"
    include_in_schema = False
    guards = [require_role("organisation")]

    async def _hours_page(
        self, request: AnyRequest, status: int = HTTP_200_OK, **extra: Any
    ) -> Template:
        user = member_of(request)
        entries = await hours.hours_for_organisations(sorted(user.organisation_ids))
        asked = await proofs.proofs_for_organisations(user.organisation_ids)
        # Whose hours a member saw, so each resident finds it in their own access log.
        await record_audits(
            user, "hours.viewed", "resident", sorted({e["resident_ref"] for e in entries})
        )
        context = {
            "entries": entries,
            "waiting": [e for e in entries if e["status"] == "wacht"],
            "confirmed": [e for e in entries if e["status"] != "wacht"],
            "total_rows": [
                [
                    t["title"],
                    t["year"],
                    hours.hours_text(t["confirmed"]),
                    hours.hours_text(t["waiting"]),
                ]
                for t in hours.totals(entries)
            ],
            "asked": asked,
            "hours_text": hours.hours_text,
            "errors": {},
            **extra,
        }
        return render(request, "traject/organisation_hours.html", context, status_code=status)

    @get("/uren", name="traject:organisation-hours", cache=False)
    async def hours_page(self, request: AnyRequest) -> Template:
        return await self._hours_page(request)

    @post("/uren/{ref:str}", status_code=HTTP_200_OK)
    async def confirm(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        user = member_of(request)
        form = await read_form(request, forms.ConfirmHoursForm)
        raw = form.data.hours if form.data else ""
        minutes = hours.minutes_from(raw) if raw else None
        if raw and minutes is None:
            return await self._hours_page(
                request,
                HTTP_400_BAD_REQUEST,
                entry_ref=ref,
                entry_value=raw,
                entry_error=gettext("Vul het aantal uren in, bijvoorbeeld 6 of 3,5."),
            )
        try:
            confirmed = await hours.confirm_hours(
                ref, user.organisation_ids, minutes, actor_id=user.account_id
            )
        except hours.HoursError as refused:
            return await self._hours_page(
                request,
                HTTP_400_BAD_REQUEST,
                entry_ref=ref,
                entry_value=raw,
                entry_error=next(iter(refused.problems.values())),
            )
        if confirmed is None:
            raise NotFoundException()
        if confirmed:
            await record_audit(user, "hours.confirmed", "hours", ref)
            flash(request, gettext("De uren zijn bevestigd."))
        else:
            flash(request, gettext("Deze uren waren al bevestigd."), "warning")
        return Redirect(path=HOURS_PAGE, status_code=303)

    @get("/bewijzen/{ref:str}", name="traject:write-proof", cache=False)
    async def proof_page(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        user = member_of(request)
        asked = await proofs.asked_proof(ref, user.organisation_ids)
        if asked is None:
            raise NotFoundException()
        await record_audit(user, "proof.viewed", "resident", asked.resident_ref, asked.proof.ref)
        return render(
            request,
            "traject/write_proof.html",
            {
                "asked": asked,
                "skill_options": skill_options(asked),
                "values": {"skills": []},
                "errors": {},
            },
        )

    @post("/bewijzen/{ref:str}", status_code=HTTP_200_OK)
    async def issue(
        self, request: AnyRequest, settings: NamedDependency[Settings], ref: FromPath[str]
    ) -> Template | Redirect:
        user = member_of(request)
        asked = await proofs.asked_proof(ref, user.organisation_ids)
        if asked is None:
            raise NotFoundException()
        form = await read_form(request, forms.ProofForm)
        if form.data is None:
            return self._proof_form(request, asked, form)
        try:
            issued = await proofs.issue_proof(
                asked,
                form.data.skills,
                form.data.sentence,
                actor_id=user.account_id,
                settings=settings,
            )
        except proofs.ProofError as refused:
            form.refuse(refused.problems)
            return self._proof_form(request, asked, form)
        if issued:
            await record_audit(
                user, "proof.issued", "resident", asked.resident_ref, asked.proof.ref
            )
            flash(request, gettext("Het bewijs is gemaakt. De bewoner kan het nu downloaden."))
        else:
            flash(request, gettext("Dit bewijs was al gemaakt."), "warning")
        return Redirect(path=HOURS_PAGE, status_code=303)

    @staticmethod
    def _proof_form(
        request: AnyRequest, asked: proofs.AskedProof, form: FormInput[forms.ProofForm]
    ) -> Template:
        """The proof's form again, with what was typed and a message per field."""
        return render(
            request,
            "traject/write_proof.html",
            {
                "asked": asked,
                "skill_options": skill_options(asked),
                "values": form.values,
                "errors": form.errors,
            },
            status_code=HTTP_400_BAD_REQUEST,
        )
