"""The resident's own pages: profile and CV, and "Voor jou".

Handlers read the form, call a service and choose the page; the rules live in
``forms``, ``cv`` and ``service``. The resident's data (AVG) is in ``meedoen.privacy``.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen import labels
from meedoen.accounts.policies import current_user, require_role, require_signed_in
from meedoen.i18n import gettext
from meedoen.residents import cv, forms, oversized_upload, service
from meedoen.residents.choices import (
    DAY_LABELS,
    DAYS,
    SKILLS,
    VISIBILITY_EXPLANATIONS,
    VISIBILITY_LABELS,
)
from meedoen.residents.oversized_upload import oversized_upload_middleware
from meedoen.residents.tables import Resident
from meedoen.search.gateway import SearchGateway
from meedoen.settings import Settings
from meedoen.view_budget.guard import count_views
from meedoen.vocabulary import LANGUAGE_LEVELS, WIJKEN
from meedoen.web.flash import flash
from meedoen.web.forms import read_form
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
NO_STORE = {"Cache-Control": "private, no-store"}


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


def profile_choices() -> dict[str, Any]:
    return {
        "wijken": [(name, name) for name in WIJKEN],
        "skill_suggestions": [labels.label("skill", skill) for skill in SKILLS],
        "interest_options": labels.choices("interest"),
        "kind_options": labels.choices("kind"),
        "day_options": [(code, gettext(DAY_LABELS[code])) for code in DAYS],
        "language_levels": [(level, level) for level in LANGUAGE_LEVELS],
        "visibility_options": [(code, gettext(label)) for code, label in VISIBILITY_LABELS.items()],
        "visibility_explanations": {
            code: gettext(text) for code, text in VISIBILITY_EXPLANATIONS.items()
        },
    }


async def _read_cv(form: Any) -> tuple[bytes | None, str | None]:
    """The uploaded CV's bytes (None when no file was chosen) or the reason it is refused."""
    if form.get(oversized_upload.TOO_BIG_FIELD) == "cv":
        return None, gettext(cv.FAR_TOO_BIG)
    upload = form.get("cv")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None, None
    # One byte more than allowed is enough to know it is too big.
    content = await upload.read(cv.MAX_BYTES + 1)
    try:
        await cv.check_cv(upload.filename, content)
    except cv.CvRefused as refused:
        return None, gettext(refused.message)
    return content, None


class ResidentPages(Controller):
    path = "/mijn"
    include_in_schema = False
    guards = [require_role("resident")]

    async def _page(
        self,
        request: AnyRequest,
        search: SearchGateway,
        suggestions_for: service.SuggestionsFor,
        resident: Resident,
        **extra: Any,
    ) -> Template:
        suggestions = await suggestions_for(search, resident)
        context = {
            "resident": resident,
            "values": forms.profile_values(resident),
            "errors": {},
            "recommendations": suggestions.recommendations,
            "proposals": suggestions.proposals,
            **profile_choices(),
            **extra,
        }
        status = HTTP_400_BAD_REQUEST if context["errors"] else HTTP_200_OK
        return render(request, "residents/profile.html", context, status_code=status)

    @get("/", name="residents:profile", cache=False)
    async def profile(
        self,
        request: AnyRequest,
        search: NamedDependency[SearchGateway],
        suggestions_for: NamedDependency[service.SuggestionsFor],
    ) -> Template:
        user = current_user(request)
        assert user is not None
        resident = await service.own_resident(user)
        return await self._page(request, search, suggestions_for, resident)

    @post("/", status_code=HTTP_200_OK, middleware=[oversized_upload_middleware])
    async def save_profile(
        self,
        request: AnyRequest,
        search: NamedDependency[SearchGateway],
        settings: NamedDependency[Settings],
        suggestions_for: NamedDependency[service.SuggestionsFor],
    ) -> Template | Redirect:
        user = current_user(request)
        assert user is not None
        resident = await service.own_resident(user)
        profile = await read_form(request, forms.ProfileForm)
        profile.refuse(service.profile_problems(profile.decoded))
        content, cv_error = await _read_cv(await request.form())
        if cv_error:
            profile.refuse({"cv": cv_error})
        if profile.data is None:
            return await self._page(
                request,
                search,
                suggestions_for,
                resident,
                values=profile.values,
                errors=profile.errors,
            )
        await service.save_profile(
            settings.data_dir, user, resident, forms.profile_changes(profile.data), content
        )
        flash(request, gettext("Je profiel is opgeslagen."))
        return redirect("/mijn")

    @get("/cv", cache=False)
    async def own_cv(
        self,
        request: AnyRequest,
        settings: NamedDependency[Settings],
        cv_readers_of: NamedDependency[service.CvReadersOf],
    ) -> File:
        user = current_user(request)
        assert user is not None
        resident = await service.own_resident(user)
        return _cv_response(
            await service.cv_file_for(settings.data_dir, user, resident.ref, cv_readers_of)
        )

    @post("/cv/verwijderen")
    async def delete_cv(self, request: AnyRequest, settings: NamedDependency[Settings]) -> Redirect:
        user = current_user(request)
        assert user is not None
        resident = await service.own_resident(user)
        await service.delete_cv(settings.data_dir, user, resident)
        flash(request, gettext("Je cv is verwijderd."))
        return redirect("/mijn")


def _cv_response(path: Any) -> File:
    if path is None:
        raise NotFoundException()
    return File(
        path=path,
        filename="cv.pdf",
        media_type="application/pdf",
        content_disposition_type="attachment",
        headers=NO_STORE,
    )


class CvDownloads(Controller):
    """A resident's CV for their coach, or an organisation the resident sent it to."""

    include_in_schema = False

    @get("/bewoners/{ref:str}/cv", guards=[require_signed_in], cache=False)
    async def resident_cv(
        self,
        request: AnyRequest,
        settings: NamedDependency[Settings],
        cv_readers_of: NamedDependency[service.CvReadersOf],
        ref: FromPath[str],
    ) -> File:
        user = current_user(request)
        path = await service.cv_file_for(settings.data_dir, user, ref, cv_readers_of)
        await count_views(user, [ref])
        return _cv_response(path)


route_handlers: list[Any] = [ResidentPages, CvDownloads]
