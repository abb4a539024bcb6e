"""The talent scan's pages, for the signed-in resident only: a start page, one page per
question (a plain form each, so it works without JavaScript and can be left and picked
up later), the suggestions, and what fits once they are in the profile."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST, HTTP_404_NOT_FOUND

from meedoen import labels
from meedoen.accounts.policies import current_user, require_role
from meedoen.events.meetings import upcoming, upcoming_about
from meedoen.i18n import gettext
from meedoen.residents import service as residents
from meedoen.residents.service import Resident, SuggestionsFor, TooManySkills
from meedoen.search.gateway import SearchGateway
from meedoen.talentscan import forms, service
from meedoen.talentscan.questions import COUNT, question
from meedoen.talentscan.service import Scan
from meedoen.vocabulary import INTERESTS
from meedoen.web.errors import error_response
from meedoen.web.flash import flash
from meedoen.web.forms import read_form
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
Page = Template | Redirect | Response[Any]
BASE = "/mijn/talentscan"
MEETINGS_SHOWN = 3


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


async def _resident(request: AnyRequest) -> tuple[Any, Resident]:
    user = current_user(request)
    assert user is not None
    return user, await residents.own_resident(user)


def _no_such_question(request: AnyRequest, number: int) -> Response[Any] | Template:
    return error_response(
        request,
        HTTP_404_NOT_FOUND,
        gettext(
            "Vraag %(number)s bestaat niet. De talentscan heeft %(count)s vragen. "
            "Ga terug naar de talentscan en kies ‘Verder gaan’.",
            number=number,
            count=COUNT,
        ),
    )


def _question_page(
    request: AnyRequest, number: int, chosen: list[str], error: str = ""
) -> Template:
    asked = question(number)
    assert asked is not None
    options = [(a.code, gettext(a.text)) for a in asked.answers]
    return render(
        request,
        "talentscan/question.html",
        {
            "number": number,
            "count": COUNT,
            "question": asked,
            "options": options,
            "chosen": chosen,
            "error": error,
        },
        status_code=HTTP_400_BAD_REQUEST if error else HTTP_200_OK,
    )


def _suggestion_page(
    request: AnyRequest,
    resident: Resident,
    skills: list[str],
    interests: list[str],
    *,
    suggested: service.Suggestion,
    extra: str = "",
    errors: dict[str, str] | None = None,
) -> Template:
    have_skills = set(resident.skills or [])
    have_interests = set(resident.interests or [])
    offered_skills = [s for s in suggested.skills if s not in have_skills]
    # Typed or kept skills that were not suggested are offered too, still ticked.
    offered_skills += [s for s in skills if s not in offered_skills and s not in have_skills]
    offered_interests = [i for i in suggested.interests if i not in have_interests]
    more_interests = [
        i for i in INTERESTS if i not in offered_interests and i not in have_interests
    ]
    return render(
        request,
        "talentscan/suggestions.html",
        {
            "skill_options": [(s, labels.label("skill", s)) for s in offered_skills],
            "interest_options": [(i, labels.label("interest", i)) for i in offered_interests],
            "more_interest_options": [(i, labels.label("interest", i)) for i in more_interests],
            "chosen_skills": skills,
            "chosen_interests": interests,
            "have_skills": labels.labels(resident.skills, "skill"),
            "have_interests": labels.labels(resident.interests, "interest"),
            "extra": extra,
            "errors": errors or {},
        },
        status_code=HTTP_400_BAD_REQUEST if errors else HTTP_200_OK,
    )


class TalentScanPages(Controller):
    path = BASE
    include_in_schema = False
    guards = [require_role("resident")]

    @get("/", name="talentscan:start", cache=False)
    async def start_page(self, request: AnyRequest) -> Template:
        _, resident = await _resident(request)
        scan = await service.current_scan(resident.id)
        return render(request, "talentscan/start.html", {"scan": scan, "count": COUNT})

    @post("/begin")
    async def begin(self, request: AnyRequest) -> Redirect:
        _, resident = await _resident(request)
        await service.start_scan(resident.id)
        return redirect(f"{BASE}/vraag/1")

    @get("/vraag/{number:int}", cache=False)
    async def question_page(self, request: AnyRequest, number: FromPath[int]) -> Page:
        _, resident = await _resident(request)
        if question(number) is None:
            return _no_such_question(request, number)
        scan = await service.current_scan(resident.id)
        chosen = scan.answers.get(question(number).code, []) if scan else []  # type: ignore[union-attr]
        return _question_page(request, number, chosen)

    @post("/vraag/{number:int}", status_code=HTTP_200_OK)
    async def answer(self, request: AnyRequest, number: FromPath[int]) -> Page:
        _, resident = await _resident(request)
        asked = question(number)
        if asked is None:
            return _no_such_question(request, number)
        form = await read_form(request, forms.AnswerForm)
        if form.data is None:
            error = next(iter(form.errors.values()))
            return _question_page(request, number, form.values["antwoord"], error)
        try:
            codes = service.checked_answer(asked, form.data.vraag, form.data.antwoord)
        except service.AnswerRefused as refused:
            return _question_page(request, number, form.data.antwoord, gettext(refused.message))
        scan = await service.save_answer(resident.id, number, codes)
        if number < COUNT:
            return redirect(f"{BASE}/vraag/{number + 1}")
        if not scan.finished:
            flash(request, gettext("Je hebt nog niet alle vragen beantwoord. Hier ga je verder."))
            return redirect(f"{BASE}/vraag/{scan.next_question()}")
        return redirect(f"{BASE}/uitkomst")

    @get("/uitkomst", cache=False)
    async def suggestions_page(self, request: AnyRequest) -> Page:
        _, resident = await _resident(request)
        scan = await service.current_scan(resident.id)
        if scan is None or not scan.finished:
            return _not_finished(request, scan)
        suggested = service.suggestions(scan.answers)
        return _suggestion_page(
            request, resident, suggested.skills, suggested.interests, suggested=suggested
        )

    @post("/uitkomst", status_code=HTTP_200_OK)
    async def accept(self, request: AnyRequest) -> Page:
        user, resident = await _resident(request)
        scan = await service.current_scan(resident.id)
        if scan is None or not scan.finished:
            return _not_finished(request, scan)
        suggested = service.suggestions(scan.answers)
        form = await read_form(request, forms.ChoiceForm)
        skills = service.chosen_skills(
            form.decoded.get("skills", []), form.decoded.get("extra_skills", "")
        )
        form.refuse(service.skill_problems(skills))
        if form.data is not None:
            try:
                await service.accept(user, resident, skills, form.data.interests)
            except TooManySkills:
                form.refuse(
                    {
                        "skills": gettext(
                            "Je profiel kan hoogstens 20 vaardigheden hebben. Haal hier een paar "
                            "vinkjes weg, of haal in je profiel vaardigheden weg die je niet meer wilt."
                        )
                    }
                )
        if form.data is None:
            return _suggestion_page(
                request,
                resident,
                skills,
                [i for i in form.values["interests"] if i in INTERESTS],
                suggested=suggested,
                extra=form.values["extra_skills"],
                errors=form.errors,
            )
        flash(request, gettext("Je profiel is bijgewerkt met je talenten."))
        return redirect(f"{BASE}/past-bij-jou")

    @get("/past-bij-jou", cache=False)
    async def fitting_page(
        self,
        request: AnyRequest,
        search: NamedDependency[SearchGateway],
        suggestions_for: NamedDependency[SuggestionsFor],
    ) -> Template:
        _, resident = await _resident(request)
        scan = await service.current_scan(resident.id)
        found = await suggestions_for(search, resident)
        # The vocabularies' Dutch terms, as meetings are written in Dutch.
        words = [*(resident.interests or []), *(resident.skills or [])]
        meetings = await upcoming_about(words, MEETINGS_SHOWN)
        return render(
            request,
            "talentscan/fitting.html",
            {
                "scan": scan,
                "skills": labels.labels(resident.skills, "skill"),
                "interests": labels.labels(resident.interests, "interest"),
                "recommendations": found.recommendations,
                "meetings": meetings,
                "other_meetings": [] if meetings else await upcoming(MEETINGS_SHOWN),
            },
        )


def _not_finished(request: AnyRequest, scan: Scan | None) -> Redirect:
    if scan is None:
        flash(request, gettext("Je hebt de talentscan nog niet gedaan. Begin hier."))
        return redirect(BASE)
    flash(request, gettext("Je hebt nog niet alle vragen beantwoord. Hier ga je verder."))
    return redirect(f"{BASE}/vraag/{scan.next_question()}")


route_handlers: list[Any] = [TalentScanPages]
