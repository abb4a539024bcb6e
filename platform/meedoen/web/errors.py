"""Every error a visitor can cause ends in a clear page (or JSON for the API), never a 500 trace."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.response import Redirect, Template
from litestar.status_codes import (
    HTTP_303_SEE_OTHER,
    HTTP_401_UNAUTHORIZED,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)

from meedoen.db import is_database_busy
from meedoen.i18n import N_, gettext
from meedoen.web.htmx import is_htmx
from meedoen.web.templating import render

log = logging.getLogger(__name__)


class ApiError(msgspec.Struct):
    """The body of every JSON error answer (documented per operation in the OpenAPI)."""

    status_code: int
    title: str
    detail: str


TITLES = {
    400: N_("Dit verzoek klopt niet"),
    401: N_("Log eerst in"),
    403: N_("Dit mag je niet bekijken"),
    404: N_("Deze pagina bestaat niet"),
    405: N_("Dit kan zo niet"),
    413: N_("Het bestand is te groot"),
    429: N_("Even wachten"),
    500: N_("Er ging iets mis"),
    503: N_("Even niet beschikbaar"),
}
MESSAGES = {
    400: N_("Controleer het adres of het formulier en probeer het opnieuw."),
    401: N_("Log in om verder te gaan."),
    403: N_("Je hebt geen toegang tot deze pagina. Klopt dit niet? Neem dan contact met ons op."),
    404: N_(
        "Misschien is de link oud of zit er een typfout in. Ga naar de startpagina of zoek een kans."
    ),
    405: N_("Deze actie kan niet op deze manier. Ga terug en probeer het opnieuw."),
    413: N_("Het bestand is te groot. Kies een kleiner bestand."),
    429: N_("Je hebt het te vaak geprobeerd. Wacht even en probeer het dan opnieuw."),
    500: N_("Dat is onze fout. Probeer het later opnieuw."),
    503: N_("Een deel van de website werkt nu niet. Probeer het over een paar minuten opnieuw."),
}


def _wants_json(request: Request[Any, Any, Any]) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.startswith("/health")


def error_response(
    request: Request[Any, Any, Any], status_code: int, detail: str | None = None
) -> Response[Any] | Template:
    title = gettext(TITLES.get(status_code, TITLES[500 if status_code >= 500 else 400]))
    message = detail or gettext(MESSAGES.get(status_code, MESSAGES[400]))
    if _wants_json(request):
        return Response(
            {"status_code": status_code, "title": title, "detail": message},
            status_code=status_code,
            media_type=MediaType.JSON,
        )
    return render(
        request,
        "pages/error.html",
        {"status_code": status_code, "title": title, "message": message},
        status_code=status_code,
    )


def http_exception_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Any:
    detail = None
    # Our own handlers raise with a translated, user-facing detail; Litestar's
    # generic details are English developer text, so those get the standard message.
    if getattr(exc, "user_facing", False):
        detail = exc.detail
    if isinstance(exc, ValidationException):
        detail = gettext(
            "Een of meer waarden in het adres kloppen niet: %(fields)s.",
            fields=", ".join(_invalid_fields(exc)) or "?",
        )
    if isinstance(exc, NotAuthorizedException) and not _wants_json(request):
        return sign_in_redirect(request)
    return error_response(request, exc.status_code, detail)


def sign_in_redirect(request: Request[Any, Any, Any]) -> Response[Any]:
    """Send a visitor who must sign in to /inloggen, and back here afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    # After signing in the browser GETs ``next``; a form's POST address would not work.
    target = "/inloggen" + (f"?next={quote(here, safe='/')}" if request.method == "GET" else "")
    if is_htmx(request):
        # htmx would follow a 303 and swap the sign-in page into a fragment: go whole-page.
        return Response(b"", status_code=HTTP_401_UNAUTHORIZED, headers={"HX-Redirect": target})
    return Redirect(path=target, status_code=HTTP_303_SEE_OTHER)


def _invalid_fields(exc: ValidationException) -> list[str]:
    extra = exc.extra if isinstance(exc.extra, list) else []
    return [str(item.get("key")) for item in extra if isinstance(item, dict) and item.get("key")]


BUSY_RETRY_SECONDS = 5


def busy_response(request: Request[Any, Any, Any], message: str, retry_after: int) -> Any:
    """503 with when to try again: the page (or JSON) says it in ``message``, and the
    browser's htmx handler says "try again in a moment" where the person acted."""
    response = error_response(request, HTTP_503_SERVICE_UNAVAILABLE, message)
    response.headers["Retry-After"] = str(retry_after)
    return response


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Any:
    if is_database_busy(exc):
        # The write that failed was rolled back; the same request in a moment will do.
        log.warning("database busy on %s %s: %s", request.method, request.url.path, exc)
        return busy_response(
            request,
            gettext("Het is nu heel druk. Probeer het over een paar seconden opnieuw."),
            BUSY_RETRY_SECONDS,
        )
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, HTTP_500_INTERNAL_SERVER_ERROR)


def search_busy_handler(request: Request[Any, Any, Any], exc: Exception) -> Any:
    """Too many searches at once in this process (``search.gateway.SearchBusy``): say so
    at once, with when to try again, rather than queueing more work or showing nothing."""
    log.info("search busy on %s %s", request.method, request.url.path)
    return busy_response(
        request,
        gettext("Zoeken is nu erg druk. Probeer het over een paar seconden opnieuw."),
        int(getattr(exc, "retry_after", BUSY_RETRY_SECONDS)),
    )


class UserFacingHTTPException(HTTPException):
    """An HTTP error whose detail is already a translated sentence for the visitor."""

    user_facing = True
