"""Where matches show besides "Voor jou" and the coach's match list: the candidates for an
opportunity (organisation and coach pages) and the matching JSON API.

The pages and the API share one rule set: ``service`` decides who may appear,
``candidates`` what is shown, ``policies.may_browse_candidates`` who may ask.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import (
    authorize,
    current_user,
    may_browse_candidates,
    require_role,
)
from meedoen.i18n import current_language, gettext
from meedoen.matching.candidates import Candidate, candidate_list
from meedoen.matching.forms import ProposalForm
from meedoen.matching.reasons import Reason
from meedoen.matching.service import matches_for_resident
from meedoen.matching.shortlist import Audience
from meedoen.opportunities.labels import facet_label
from meedoen.opportunities.service import posting_for_candidates, titles_of_refs
from meedoen.residents.choices import DAY_LABELS
from meedoen.residents.service import resident_of
from meedoen.responses import proposals
from meedoen.responses.proposals import proposed_refs
from meedoen.search.gateway import SearchGateway
from meedoen.settings import Settings
from meedoen.view_budget.guard import count_views
from meedoen.vocabulary import OPPORTUNITY_KINDS
from meedoen.web.errors import ApiError, UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.forms import read_leniently
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
CANDIDATES_SHOWN = 10


def signed_in(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the controller's guard let only signed-in roles through
    return user


async def opportunity_for_candidates(
    user: CurrentUser, ref: str, audience: Audience
) -> dict[str, Any]:
    """The opportunity behind ``ref`` if ``user`` may see its candidates (else 404/403).

    An organisation asks about its own postings, drafts included; a coach about any
    published one.
    """
    row = await posting_for_candidates(ref, published_only=audience == "coach")
    if row is None:
        raise NotFoundException()
    authorize(may_browse_candidates(user, row["organisation"]))
    return row


def audience_of(user: CurrentUser) -> Audience:
    return "coach" if user.role == "coach" else "organisation"


async def candidates_page(
    request: AnyRequest,
    search: SearchGateway,
    ref: str,
    audience: Audience,
    back_url: str,
    *,
    problem: tuple[str, str, str] | None = None,
) -> Template:
    """The candidate list; ``problem`` is (resident ref, message typed, error) of a refused
    proposal, so the page comes back with the error at that resident and the text kept."""
    user = signed_in(request)
    opportunity = await opportunity_for_candidates(user, ref, audience)
    candidates = await candidate_list(
        search, user, ref, audience, current_language(), CANDIDATES_SHOWN
    )
    await count_views(user, [c.resident_ref for c in candidates])
    return render(
        request,
        "matching/candidates.html",
        {
            "opportunity": opportunity,
            "candidates": candidates,
            "audience": audience,
            "back_url": back_url,
            "proposed": await proposed_refs(opportunity["id"]),
            "problem": problem,
            "kind_labels": {code: facet_label("kind", code) for code in OPPORTUNITY_KINDS},
            "day_labels": {code: gettext(label) for code, label in DAY_LABELS.items()},
        },
        status_code=HTTP_400_BAD_REQUEST if problem else HTTP_200_OK,
    )


class OrganisationCandidatePages(Controller):
    path = "/organisatie/kansen"
    include_in_schema = False
    guards = [require_role("organisation")]

    @get("/{ref:str}/kandidaten", name="matching:organisation-candidates", cache=False)
    async def candidates(
        self, request: AnyRequest, search: NamedDependency[SearchGateway], ref: FromPath[str]
    ) -> Template:
        return await candidates_page(
            request, search, ref, "organisation", f"/organisatie/kansen/{ref}"
        )

    @post("/{ref:str}/kandidaten/{resident_ref:str}/voorstellen", status_code=HTTP_200_OK)
    async def propose(
        self,
        request: AnyRequest,
        search: NamedDependency[SearchGateway],
        settings: NamedDependency[Settings],
        ref: FromPath[str],
        resident_ref: FromPath[str],
    ) -> Template | Redirect:
        user = signed_in(request)
        opportunity = await opportunity_for_candidates(user, ref, "organisation")
        message = (await read_leniently(request, ProposalForm)).message
        try:
            await proposals.propose(user, opportunity, resident_ref, message, settings)
        except proposals.ProposalRefused as refused:
            return await candidates_page(
                request,
                search,
                ref,
                "organisation",
                f"/organisatie/kansen/{ref}",
                problem=(resident_ref, message, gettext(refused.message)),
            )
        flash(request, gettext("De kans is voorgesteld. De bewoner krijgt een e-mail van ons."))
        return Redirect(path=f"/organisatie/kansen/{ref}/kandidaten", status_code=303)


class CoachCandidatePages(Controller):
    path = "/coach/kansen"
    include_in_schema = False
    guards = [require_role("coach")]

    @get("/{ref:str}/kandidaten", name="matching:coach-candidates", cache=False)
    async def candidates(
        self, request: AnyRequest, search: NamedDependency[SearchGateway], ref: FromPath[str]
    ) -> Template:
        return await candidates_page(request, search, ref, "coach", f"/kansen/{ref}")


# --- the JSON API --------------------------------------------------------------------


class MatchReason(msgspec.Struct):
    code: str
    text: str


class CandidateItem(msgspec.Struct):
    """A resident who fits, with only what the asker may see."""

    ref: str
    first_name: str
    wijk: str
    skills: list[str]
    interests: list[str]
    preferred_kinds: list[str]
    hours_per_week: int | None
    language_level: str
    has_driving_licence: bool
    summary: str
    score: float
    reasons: list[str]
    concerns: list[str]


class OpportunityMatch(msgspec.Struct):
    """An opportunity that fits the signed-in resident, with reasons and weak points."""

    ref: str
    title: str
    url: str
    score: float
    reasons: list[MatchReason]
    concerns: list[MatchReason]


NOT_SIGNED_IN = ResponseSpec(ApiError, description="Not signed in.")
NOT_ALLOWED = ResponseSpec(ApiError, description="This account may not ask for this.")


def candidate_item(candidate: Candidate) -> CandidateItem:
    """The API's view of a candidate: the page's fields except the coach-only ones."""
    fields = (name for name in CandidateItem.__struct_fields__ if name != "ref")
    shown = {name: getattr(candidate, name) for name in fields}
    return CandidateItem(ref=candidate.resident_ref, **shown)


def match_reasons(items: list[Reason], language: str) -> list[MatchReason]:
    return [MatchReason(code=item.code, text=item.text(language)) for item in items]


class MatchApi(Controller):
    path = "/api/v1"
    tags = ["Matching"]

    @get(
        "/opportunities/{ref:str}/candidates",
        name="api:candidates",
        summary="Residents who fit an opportunity",
        description="For members of the verified organisation that posted it (residents "
        "who chose to be findable) and for coaches (also their own caseload). Needs the "
        "session of a signed-in account.",
        guards=[require_role("organisation", "coach")],
        responses={
            401: NOT_SIGNED_IN,
            403: NOT_ALLOWED,
            404: ResponseSpec(ApiError, description="No such opportunity for this account."),
        },
        cache=False,
    )
    async def candidates(
        self, request: AnyRequest, search: NamedDependency[SearchGateway], ref: FromPath[str]
    ) -> list[CandidateItem]:
        user = signed_in(request)
        audience = audience_of(user)
        try:
            await opportunity_for_candidates(user, ref, audience)
        except NotFoundException:
            raise UserFacingHTTPException(
                status_code=404, detail=gettext("Er is geen kans met deze code voor jou.")
            ) from None
        found = await candidate_list(search, user, ref, audience, current_language())
        await count_views(user, [c.resident_ref for c in found])
        return [candidate_item(c) for c in found]

    @get(
        "/me/matches",
        name="api:my-matches",
        summary="Opportunities that fit me",
        description='The signed-in resident\'s "Voor jou" list, best first, with reasons.',
        guards=[require_role("resident")],
        responses={401: NOT_SIGNED_IN, 403: NOT_ALLOWED},
        cache=False,
    )
    async def my_matches(
        self,
        request: AnyRequest,
        search: NamedDependency[SearchGateway],
        settings: NamedDependency[Settings],
    ) -> list[OpportunityMatch]:
        user = signed_in(request)
        resident = await resident_of(user.account_id)
        if resident is None:
            return []
        matches = await matches_for_resident(search, resident.ref, CANDIDATES_SHOWN)
        titles = await titles_of_refs([m.opportunity_ref for m in matches])
        language = current_language()
        base = settings.base_url
        return [
            OpportunityMatch(
                ref=m.opportunity_ref,
                title=titles.get(m.opportunity_ref, ""),
                url=f"{base}/kansen/{m.opportunity_ref}",
                score=m.score,
                reasons=match_reasons(m.reasons, language),
                concerns=match_reasons(m.concerns, language),
            )
            for m in matches
        ]


route_handlers = [OrganisationCandidatePages, CoachCandidatePages, MatchApi]
