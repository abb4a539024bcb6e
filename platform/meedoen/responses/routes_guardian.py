"""The page a parent or guardian opens from the mail: what their child wants to send, and
one button to say yes. Opening the page changes nothing (mail scanners open links too);
only the button does."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST, HTTP_409_CONFLICT

from meedoen.i18n import gettext
from meedoen.responses import guardian, responding
from meedoen.responses.routes_resident import share_options
from meedoen.responses.service import ResponseRefused
from meedoen.settings import Settings
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
TEMPLATE = "responses/guardian.html"


class GuardianPages(Controller):
    path = "/toestemming"
    include_in_schema = False

    @get("/{token:str}", name="responses:guardian", cache=False)
    async def page(self, request: AnyRequest, token: FromPath[str]) -> Template:
        consent = await guardian.waiting_consent(token)
        return self._page(request, token, consent)

    @post("/{token:str}", status_code=HTTP_200_OK)
    async def confirm(
        self, request: AnyRequest, settings: NamedDependency[Settings], token: FromPath[str]
    ) -> Template:
        try:
            confirmed = await responding.confirm_guardian(settings, token)
        except (ResponseRefused, guardian.ConsentRefused) as refused:
            consent = await guardian.waiting_consent(token)
            return self._page(
                request, token, consent, problem=gettext(refused.message), status=HTTP_409_CONFLICT
            )
        consent = await guardian.waiting_consent(token)
        return self._page(request, token, consent, just_confirmed=confirmed)

    def _page(
        self,
        request: AnyRequest,
        token: str,
        consent: dict[str, Any] | None,
        *,
        problem: str = "",
        just_confirmed: bool = False,
        status: int = HTTP_200_OK,
    ) -> Template:
        if consent is None:
            status = HTTP_400_BAD_REQUEST
        labels = dict(share_options())
        expired = (
            consent is not None
            and not consent["confirmed_at"]
            and consent["expires_at"] < guardian.utcnow()
        )
        return render(
            request,
            TEMPLATE,
            {
                "consent": consent,
                "token": token,
                "problem": problem,
                "just_confirmed": just_confirmed,
                "shared_labels": [
                    labels[s] for s in (consent or {}).get("shared") or [] if s in labels
                ],
                "expired": expired,
            },
            status_code=status,
        )
