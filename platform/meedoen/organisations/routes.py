"""Pages of organisations: the public profile, the dashboard with postings, members
and invitations. Handlers read the form, call ``service`` and pick a page or redirect."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen import i18n, labels
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import (
    authorize,
    current_user,
    may_invite_members,
    may_manage_organisation,
    require_role,
)
from meedoen.accounts.service import normalise_email, password_problems
from meedoen.i18n import N_, gettext
from meedoen.opportunities import postings
from meedoen.opportunities.presenters import detail_context
from meedoen.opportunities.service import (
    InvalidOpportunity,
    OpportunityInput,
    PublicOpportunity,
    StaleOpportunity,
    save_opportunity,
)
from meedoen.organisations import details, forms, presenters, service
from meedoen.settings import Settings
from meedoen.vocabulary import LANGUAGE_LEVELS, WIJKEN
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.forms import FormInput, email_problem, read_form, read_leniently
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
DASHBOARD = "/organisatie"
# Which of their organisations a member of several works for now: only a preference
# (an organisation they are not a member of is ignored), so it needs no signature.
CHOSEN_ORGANISATION_COOKIE = "organisatie"
ONE_YEAR = 365 * 24 * 3600
ROLE_LABELS = {"owner": N_("Eigenaar"), "member": N_("Lid")}
STATUS_CHANGES = {
    "open": N_("De kans is gepubliceerd."),
    "gesloten": N_("De kans is gesloten."),
    "concept": N_("De kans is weer een concept."),
}


def not_found() -> UserFacingHTTPException:
    return UserFacingHTTPException(
        status_code=404, detail=gettext("Deze pagina bestaat niet, of je mag hem niet zien.")
    )


def see_other(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


def member_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the controller's guard let only organisation members in
    return user


async def organisation_for(request: AnyRequest) -> dict[str, Any]:
    chosen = request.cookies.get(CHOSEN_ORGANISATION_COOKIE, "")
    organisation = await service.organisation_of(member_of(request), chosen)
    if organisation is None:
        raise not_found()
    return organisation


async def switcher(request: AnyRequest, organisation: dict[str, Any]) -> dict[str, Any]:
    """What the organisation switcher needs; it shows only for members of several."""
    choices = await service.organisations_of(member_of(request))
    return {
        "organisation_choices": [(c["ref"], c["name"]) for c in choices],
        "chosen_organisation": organisation["ref"],
    }


async def posting_for(organisation: dict[str, Any], ref: str) -> dict[str, Any]:
    posting = await postings.posting_of(organisation["id"], ref)
    if posting is None:
        raise not_found()
    return posting


def form_choices() -> dict[str, Any]:
    return {
        "kinds": labels.choices("kind"),
        "sectors": labels.choices("sector"),
        "wijken": [(name, name) for name in WIJKEN],
        "suitable_choices": labels.choices("suitable_for"),
        "education_level_choices": labels.choices("education_level"),
        "learning_route_choices": labels.choices("learning_route"),
        "day_choices": labels.choices("day"),
        "language_levels": [
            (forms.NO_LANGUAGE_REQUIREMENT, gettext("Geen eis: Nederlands is niet nodig")),
            *((code, labels.label("language_level", code)) for code in LANGUAGE_LEVELS),
        ],
    }


class OrganisationProfile(Controller):
    path = "/organisaties"
    include_in_schema = False

    @get("/{ref:str}", name="organisations:profile", cache=False)
    async def profile(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        found = await service.public_profile(ref)
        if found is None:
            raise UserFacingHTTPException(
                status_code=404,
                detail=gettext("Deze organisatie bestaat niet, of is niet te zien."),
            )
        organisation, postings = found
        return render(
            request,
            "organisations/profile.html",
            {"organisation": organisation, "postings": postings},
        )


class OrganisationDashboard(Controller):
    path = DASHBOARD
    include_in_schema = False
    guards = [require_role("organisation")]

    @get("/", name="organisations:dashboard", cache=False)
    async def dashboard(self, request: AnyRequest) -> Template:
        organisation = await organisation_for(request)
        return render(
            request,
            "organisations/dashboard.html",
            {
                "organisation": organisation,
                "views": presenters.dashboard_postings(
                    await postings.postings(organisation["id"]), organisation
                ),
                **await switcher(request, organisation),
            },
        )

    @post("/kiezen")
    async def choose_organisation(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Redirect:
        ref = (await read_leniently(request, forms.ChoiceForm)).organisatie
        choices = await service.organisations_of(member_of(request))
        chosen = next((c for c in choices if c["ref"] == ref), None)
        if chosen is None:
            raise UserFacingHTTPException(
                status_code=400, detail=gettext("Kies een van je eigen organisaties.")
            )
        flash(request, gettext("Je werkt nu voor %(name)s.", name=chosen["name"]))
        response = see_other(DASHBOARD)
        response.set_cookie(
            CHOSEN_ORGANISATION_COOKIE,
            chosen["ref"],
            max_age=ONE_YEAR,
            path=DASHBOARD,
            httponly=True,
            samesite="lax",
            secure=settings.is_production,
        )
        return response

    @get("/gegevens", name="organisations:details", cache=False)
    async def details_page(self, request: AnyRequest) -> Template:
        organisation = await organisation_for(request)
        return await self._details(request, organisation, details.values_from_row(organisation))

    @post("/gegevens", status_code=HTTP_200_OK)
    async def save_details(self, request: AnyRequest) -> Template | Redirect:
        user = member_of(request)
        organisation = await organisation_for(request)
        authorize(may_manage_organisation(user, organisation["id"]))
        form = await read_form(request, forms.DetailsForm)
        form.refuse(details.details_problems(form.decoded, organisation["type"]))
        if form.data is None:
            return await self._details(
                request, organisation, form.values, form.errors, HTTP_400_BAD_REQUEST
            )
        values = details.details_values(form.data, organisation["type"])
        changed = await details.save_details(user, organisation["id"], values)
        flash(
            request,
            gettext("De gegevens zijn opgeslagen.")
            if changed
            else gettext("Je hebt niets veranderd."),
        )
        return see_other(f"{DASHBOARD}/gegevens")

    @get("/kansen/nieuw", name="organisations:new-posting", cache=False)
    async def new_posting(self, request: AnyRequest) -> Template:
        organisation = await organisation_for(request)
        values = {"wijk": organisation["wijk"], "sector": organisation["sector"]}
        values["postcode"] = organisation["postcode"]
        return self._form(request, organisation, None, values, {})

    @post("/kansen", status_code=HTTP_200_OK)
    async def create_posting(self, request: AnyRequest) -> Template | Redirect:
        organisation = await organisation_for(request)
        form = await read_form(request, forms.PostingForm)
        status = "open" if form.values["action"] == "open" else "concept"
        return await self._save(request, organisation, None, form, status)

    @get("/kansen/{ref:str}", name="organisations:edit-posting", cache=False)
    async def edit_posting(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        organisation = await organisation_for(request)
        posting = await posting_for(organisation, ref)
        return self._form(request, organisation, posting, forms.values_from_row(posting), {})

    @post("/kansen/{ref:str}", status_code=HTTP_200_OK)
    async def update_posting(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        organisation = await organisation_for(request)
        posting = await posting_for(organisation, ref)
        form = await read_form(request, forms.PostingForm)
        return await self._save(request, organisation, posting, form, posting["status"])

    @get("/kansen/{ref:str}/voorbeeld", name="organisations:preview", cache=False)
    async def preview(
        self, request: AnyRequest, ref: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template:
        organisation = await organisation_for(request)
        posting = await posting_for(organisation, ref)
        item = PublicOpportunity(posting, organisation)
        context = detail_context(item, [], None, settings.base_url)
        return render(request, "organisations/preview.html", {**context, "posting": posting})

    @get("/kansen/{ref:str}/sluiten", name="organisations:close-posting", cache=False)
    async def confirm_close(self, request: AnyRequest, ref: FromPath[str]) -> Template:
        organisation = await organisation_for(request)
        posting = await posting_for(organisation, ref)
        return render(request, "organisations/close.html", {"posting": posting})

    @post("/kansen/{ref:str}/status")
    async def change_status(self, request: AnyRequest, ref: FromPath[str]) -> Redirect:
        organisation = await organisation_for(request)
        posting = await posting_for(organisation, ref)
        status = (await read_leniently(request, forms.ChoiceForm)).status
        if status not in STATUS_CHANGES:
            raise UserFacingHTTPException(
                status_code=400, detail=gettext("Kies publiceren, sluiten of concept.")
            )
        await service.change_posting_status(posting, status)
        flash(request, gettext(STATUS_CHANGES[status]))
        return see_other(DASHBOARD)

    @post("/kansen/{ref:str}/kopie")
    async def duplicate(self, request: AnyRequest, ref: FromPath[str]) -> Template | Redirect:
        organisation = await organisation_for(request)
        posting = await posting_for(organisation, ref)
        try:
            new_ref = await service.duplicate_posting(organisation["id"], posting)
        except InvalidOpportunity as invalid:
            # An old posting that today's rules (say, the hours for minors) refuse: the
            # copy opens as a new posting with what to change, nothing saved yet.
            values = forms.values_from_row(posting)
            values["title"] = gettext("Kopie van %(title)s", title=posting["title"])[:200]
            return self._form(
                request,
                organisation,
                None,
                values,
                forms.problems_of(invalid),
                HTTP_400_BAD_REQUEST,
            )
        flash(request, gettext("Er is een kopie gemaakt. Pas hem aan en publiceer hem."))
        return see_other(f"{DASHBOARD}/kansen/{new_ref}")

    @get("/leden", name="organisations:members", cache=False)
    async def members_page(self, request: AnyRequest) -> Template:
        organisation = await organisation_for(request)
        return await self._members(request, organisation, {}, {})

    @post("/leden", status_code=HTTP_200_OK)
    async def invite(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user = member_of(request)
        organisation = await organisation_for(request)
        authorize(may_invite_members(user, organisation["id"]))
        email = normalise_email((await read_leniently(request, forms.InviteForm)).email)
        if problem := email_problem(email):
            return await self._members(
                request, organisation, {"email": email}, {"email": problem}, HTTP_400_BAD_REQUEST
            )
        try:
            await service.invite_member(settings, organisation, user, email)
        except service.InvitationRefused as refused:
            return await self._members(
                request,
                organisation,
                {"email": email},
                {"email": gettext(refused.message)},
                HTTP_400_BAD_REQUEST,
            )
        flash(request, gettext("De uitnodiging is verstuurd naar %(email)s.", email=email))
        return see_other(f"{DASHBOARD}/leden")

    async def _details(
        self,
        request: AnyRequest,
        organisation: dict[str, Any],
        values: dict[str, str],
        errors: dict[str, str] | None = None,
        status: int = HTTP_200_OK,
    ) -> Template:
        return render(
            request,
            "organisations/details.html",
            {
                "organisation": organisation,
                "may_edit": may_manage_organisation(member_of(request), organisation["id"]),
                "values": values,
                "errors": errors or {},
                "sectors": labels.choices("sector"),
                "wijken": [(name, name) for name in WIJKEN],
                **await switcher(request, organisation),
            },
            status_code=status,
        )

    async def _members(
        self,
        request: AnyRequest,
        organisation: dict[str, Any],
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        return render(
            request,
            "organisations/members.html",
            {
                "organisation": organisation,
                "member_rows": [
                    [m.name, m.email, gettext(ROLE_LABELS.get(m.role, m.role))]
                    for m in await service.members(organisation["id"])
                ],
                "may_invite": may_invite_members(member_of(request), organisation["id"]),
                "values": values,
                "errors": errors,
            },
            status_code=status,
        )

    def _form(
        self,
        request: AnyRequest,
        organisation: dict[str, Any],
        posting: dict[str, Any] | None,
        values: dict[str, Any],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        return render(
            request,
            "organisations/posting_form.html",
            {
                "organisation": organisation,
                "posting": posting,
                "values": values,
                "errors": errors,
                **form_choices(),
            },
            status_code=status,
        )

    async def _save(
        self,
        request: AnyRequest,
        organisation: dict[str, Any],
        posting: dict[str, Any] | None,
        form: FormInput[forms.PostingForm],
        status: str,
    ) -> Template | Redirect:
        data, problems = forms.posting_input(form.partial or forms.PostingForm(), status)
        form.refuse(problems)
        errors = form.errors
        if form.data is not None:
            try:
                ref = await save_opportunity(
                    organisation["id"],
                    data,
                    ref=posting["ref"] if posting else None,
                    expected_version=forms.version(form.data.version) if posting else None,
                )
            except InvalidOpportunity as invalid:
                errors = forms.problems_of(invalid)
            except StaleOpportunity:
                errors = {"title": gettext(forms.STALE)}
            else:
                flash(request, saved_message(data, organisation))
                return see_other(f"{DASHBOARD}/kansen/{ref}/voorbeeld")
        return self._form(request, organisation, posting, form.values, errors, HTTP_400_BAD_REQUEST)


def saved_message(data: OpportunityInput, organisation: dict[str, Any]) -> str:
    if data.status == "open" and not organisation["verified"]:
        return gettext(
            "De kans is opgeslagen. Iedereen kan hem zien zodra je organisatie is gecontroleerd."
        )
    return gettext("De kans is opgeslagen.")


class InvitationPages(Controller):
    """Accepting an invitation: anyone with the link, signed in or not."""

    path = "/organisatie/uitnodiging"
    include_in_schema = False

    @get("/{token:str}", name="organisations:invitation", cache=False)
    async def invitation_page(self, request: AnyRequest, token: FromPath[str]) -> Template:
        invitation = await service.open_invitation(token)
        return self._page(request, invitation, token, {}, {})

    @post("/{token:str}", status_code=HTTP_200_OK)
    async def accept(self, request: AnyRequest, token: FromPath[str]) -> Template | Redirect:
        invitation = await service.open_invitation(token)
        if invitation is None:
            return self._page(request, None, token, {}, {}, HTTP_400_BAD_REQUEST)
        user = current_user(request)
        if user is not None:
            if user.role != "organisation":
                return self._page(request, invitation, token, {}, {}, HTTP_400_BAD_REQUEST)
            if not await service.join(invitation, user.account_id):
                return self._page(request, None, token, {}, {}, HTTP_400_BAD_REQUEST)
            flash(
                request, gettext("Je bent nu lid van %(name)s.", name=invitation.organisation_name)
            )
            return see_other(DASHBOARD)
        if invitation.has_account:
            return self._page(request, invitation, token, {}, {}, HTTP_400_BAD_REQUEST)
        form = await read_form(request, forms.InvitationForm)
        form.refuse(password_problems("password", form.decoded))
        if form.data is None:
            return self._page(
                request, invitation, token, form.values, form.errors, HTTP_400_BAD_REQUEST
            )
        joined = await service.sign_up_and_join(
            invitation, form.data.display_name, form.data.password, i18n.current_language()
        )
        if not joined:
            return self._page(request, None, token, {}, {}, HTTP_400_BAD_REQUEST)
        flash(request, gettext("Je account is klaar. Log in om verder te gaan."))
        return see_other(f"/inloggen?next={DASHBOARD}")

    def _page(
        self,
        request: AnyRequest,
        invitation: service.OpenInvitation | None,
        token: str,
        values: dict[str, str],
        errors: dict[str, str],
        status: int = HTTP_200_OK,
    ) -> Template:
        return render(
            request,
            "organisations/invitation.html",
            {
                "invitation": invitation,
                "action": f"/organisatie/uitnodiging/{token}",
                "values": values,
                "errors": errors,
            },
            # An unusable link answers like the account links do: 400 with an explanation.
            status_code=HTTP_400_BAD_REQUEST if invitation is None else status,
        )


route_handlers: list[Any] = [OrganisationProfile, OrganisationDashboard, InvitationPages]
