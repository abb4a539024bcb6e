"""Pages for signing in and out, registering, and looking after your account.

Handlers only read the form, call a service and choose the page or redirect; the
rules live in ``forms``, ``signing_in``, ``credentials`` and ``service``.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from litestar import Controller, Request, get, post
from litestar.background_tasks import BackgroundTask
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST, HTTP_429_TOO_MANY_REQUESTS

from meedoen import i18n, labels
from meedoen.accounts import credentials, forms, service, signing_in
from meedoen.accounts.csrf import bound_csrf_token, csrf_cookie_name
from meedoen.accounts.policies import current_user, require_signed_in
from meedoen.accounts.sessions import ABSOLUTE_TIMEOUT, session_cookie_name
from meedoen.i18n import gettext, ngettext
from meedoen.settings import Settings
from meedoen.vocabulary import WIJKEN
from meedoen.web.flash import flash
from meedoen.web.forms import FormInput, blank, read_form
from meedoen.web.navigation import start_page, why_sign_in
from meedoen.web.redirects import safe_next
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]


def wait_message(seconds: int) -> str:
    if seconds >= 120:
        return ngettext(
            "Je hebt het te vaak geprobeerd. Wacht %(num)s minuut en probeer het dan opnieuw.",
            "Je hebt het te vaak geprobeerd. Wacht %(num)s minuten en probeer het dan opnieuw.",
            math.ceil(seconds / 60),
        )
    return ngettext(
        "Je hebt het te vaak geprobeerd. Wacht %(num)s seconde en probeer het dan opnieuw.",
        "Je hebt het te vaak geprobeerd. Wacht %(num)s seconden en probeer het dan opnieuw.",
        seconds,
    )


def client_address(request: AnyRequest) -> str | None:
    # uvicorn --proxy-headers puts the visitor's address here behind a trusted proxy.
    return request.client.host if request.client else None


def session_cookie(settings: Settings) -> str:
    return session_cookie_name(settings.is_production)


def redirect(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


def form_page(
    request: AnyRequest,
    template: str,
    result: FormInput[Any],
    status: int = HTTP_400_BAD_REQUEST,
    **extra: Any,
) -> Template:
    next_path = extra.get("next", "")
    return render(
        request,
        template,
        {
            "values": result.values,
            "errors": result.errors,
            "reason": gettext(why_sign_in(next_path)) if next_path else "",
            **extra,
        },
        status_code=status,
    )


def registration_choices() -> dict[str, Any]:
    return {
        "organisation_types": [
            (code, labels.first_upper(text)) for code, text in labels.choices("organisation_type")
        ],
        "sectors": labels.choices("sector"),
        "wijken": [(name, name) for name in WIJKEN],
    }


def next_query(next_path: str) -> str:
    return f"?next={quote(next_path, safe='/')}" if next_path else ""


def account_type_for(next_path: str) -> str:
    """Someone on their way to the organisation pages registers an organisation; someone
    on their way to a kans (or a saved search) is a resident."""
    if next_path.startswith("/organisatie"):
        return forms.ORGANISATION_MEMBER
    return forms.RESIDENT if next_path.startswith(("/kansen", "/mijn")) else ""


class SignInPages(Controller):
    include_in_schema = False

    @get("/inloggen", name="sign-in")
    async def sign_in_page(
        self, request: AnyRequest, next: FromQuery[str | None] = None
    ) -> Template:
        # Also for someone signed in: signing in as someone else replaces their session.
        return form_page(
            request,
            "accounts/sign_in.html",
            blank(forms.SignInForm),
            HTTP_200_OK,
            next=safe_next(next, ""),
        )

    @post("/inloggen", status_code=HTTP_200_OK)
    async def sign_in(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        result = await read_form(request, forms.SignInForm)
        next_page = safe_next(result.values["next"], "")
        if result.data is None:
            return form_page(request, "accounts/sign_in.html", result, next=next_page)
        outcome = await signing_in.sign_in(
            settings,
            result.data.email,
            result.data.password,
            client_address=client_address(request),
            replacing=request.cookies.get(session_cookie(settings)),
            next_path=next_page,
        )
        if outcome.wait_seconds:
            result.errors["password"] = wait_message(outcome.wait_seconds)
            return form_page(
                request, "accounts/sign_in.html", result, HTTP_429_TOO_MANY_REQUESTS, next=next_page
            )
        if outcome.needs_verification:
            return render(
                request, "accounts/check_mail.html", {"reason": "unverified", "next": next_page}
            )
        if not outcome.signed_in:
            result.errors["password"] = gettext("Het e-mailadres of het wachtwoord klopt niet.")
            return form_page(request, "accounts/sign_in.html", result, next=next_page)
        assert outcome.token is not None
        response = redirect(next_page or start_page(outcome.role))
        for name, value in (
            (session_cookie(settings), outcome.token),
            # Forms from now on carry this session's own CSRF token (see accounts.csrf).
            (
                csrf_cookie_name(settings.is_production),
                bound_csrf_token(settings.secret_key, outcome.token),
            ),
        ):
            response.set_cookie(
                name,
                value,
                max_age=int(ABSOLUTE_TIMEOUT.total_seconds()),
                path="/",
                httponly=True,
                samesite="lax",
                secure=settings.is_production,
            )
        return response

    @post("/uitloggen", name="sign-out")
    async def sign_out(self, request: AnyRequest, settings: NamedDependency[Settings]) -> Redirect:
        await signing_in.sign_out(request.cookies.get(session_cookie(settings)))
        flash(request, gettext("Je bent uitgelogd."))
        response = redirect("/")
        response.delete_cookie(session_cookie(settings), path="/")
        return response

    @get("/uitloggen/overal", name="sign-out-everywhere", guards=[require_signed_in])
    async def sign_out_everywhere_page(self, request: AnyRequest) -> Template:
        return render(request, "accounts/sign_out_everywhere.html")

    @post("/uitloggen/overal", guards=[require_signed_in])
    async def sign_out_everywhere(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Redirect:
        user = current_user(request)
        assert user is not None
        await signing_in.sign_out_everywhere(user.account_id)
        flash(request, gettext("Je bent nu overal uitgelogd, ook op andere apparaten."))
        response = redirect("/inloggen")
        response.delete_cookie(session_cookie(settings), path="/")
        return response


class RegistrationPages(Controller):
    include_in_schema = False

    @get("/registreren", name="register")
    async def register_page(
        self, request: AnyRequest, next: FromQuery[str | None] = None
    ) -> Template:
        next_path = safe_next(next, "")
        kind = request.query_params.get("soort", "") or account_type_for(next_path)
        return form_page(
            request,
            "accounts/register.html",
            blank(forms.RegistrationForm, {"account_type": kind}),
            HTTP_200_OK,
            next=next_path,
            **registration_choices(),
        )

    @post("/registreren", status_code=HTTP_200_OK)
    async def register(
        self,
        request: AnyRequest,
        settings: NamedDependency[Settings],
        found_organisation: NamedDependency[service.FoundOrganisation],
    ) -> Template | Redirect:
        result = await read_form(request, forms.RegistrationForm)
        result.refuse(service.registration_problems(result.decoded))
        next_path = safe_next(result.values["next"], "")
        choices = {"next": next_path, **registration_choices()}
        if result.data is None:
            return form_page(request, "accounts/register.html", result, **choices)
        wait = await service.register(
            settings,
            service.registration_values(result.data),
            result.data.password,
            language=i18n.current_language(),
            client_address=client_address(request),
            found_organisation=found_organisation,
            next_path=next_path,
        )
        if wait:
            result.errors["email"] = wait_message(wait)
            return form_page(
                request, "accounts/register.html", result, HTTP_429_TOO_MANY_REQUESTS, **choices
            )
        return redirect("/registreren/verstuurd" + next_query(next_path))

    @get("/registreren/verstuurd")
    async def registered(self, request: AnyRequest, next: FromQuery[str | None] = None) -> Template:
        return render(
            request,
            "accounts/check_mail.html",
            {"reason": "registered", "next": safe_next(next, "")},
        )

    @get("/e-mail-bevestigen/{token:str}", name="verify-email")
    async def verify_email(
        self, request: AnyRequest, token: FromPath[str], next: FromQuery[str | None] = None
    ) -> Template | Redirect:
        if not await service.verify_email(token):
            return render(request, "accounts/link_invalid.html", status_code=HTTP_400_BAD_REQUEST)
        next_path = safe_next(next, "")
        if next_path:
            flash(
                request,
                gettext("Je e-mailadres is bevestigd. Log in, dan ga je verder waar je was."),
            )
        else:
            flash(request, gettext("Je e-mailadres is bevestigd. Je kunt nu inloggen."))
        return redirect("/inloggen" + next_query(next_path))


class PasswordResetPages(Controller):
    include_in_schema = False

    @get("/wachtwoord-vergeten", name="forgot-password")
    async def forgot_password_page(self, request: AnyRequest) -> Template:
        return render(request, "accounts/forgot_password.html", {"values": {}, "errors": {}})

    @post("/wachtwoord-vergeten", status_code=HTTP_200_OK)
    async def forgot_password(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        result = await read_form(request, forms.ForgotPasswordForm)
        if result.data is None:
            return form_page(request, "accounts/forgot_password.html", result)
        outcome, reset = await credentials.request_password_reset(
            settings, result.data.email, client_address=client_address(request)
        )
        if outcome.wait_seconds or reset is None:
            result.errors["email"] = wait_message(outcome.wait_seconds)
            return form_page(
                request, "accounts/forgot_password.html", result, HTTP_429_TOO_MANY_REQUESTS
            )
        response = redirect("/wachtwoord-vergeten/verstuurd")
        # Whether the address has an account is looked up after the answer went out.
        response.background = BackgroundTask(credentials.send_reset_link, settings, reset)
        return response

    @get("/wachtwoord-vergeten/verstuurd")
    async def reset_requested(self, request: AnyRequest) -> Template:
        return render(request, "accounts/check_mail.html", {"reason": "reset"})

    @get("/wachtwoord-herstellen/{token:str}", name="reset-password")
    async def reset_password_page(self, request: AnyRequest, token: FromPath[str]) -> Template:
        if not await credentials.reset_link_is_valid(token):
            return render(request, "accounts/link_invalid.html", status_code=HTTP_400_BAD_REQUEST)
        return render(request, "accounts/reset_password.html", {"errors": {}})

    @post("/wachtwoord-herstellen/{token:str}", status_code=HTTP_200_OK)
    async def reset_password(
        self, request: AnyRequest, token: FromPath[str], settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        result = await read_form(request, forms.NewPasswordForm)
        result.refuse(service.password_problems("new_password", result.decoded))
        if result.data is None:
            return form_page(request, "accounts/reset_password.html", result)
        if not await credentials.reset_password(token, result.data.new_password):
            return render(request, "accounts/link_invalid.html", status_code=HTTP_400_BAD_REQUEST)
        flash(request, gettext("Je wachtwoord is veranderd. Log in met je nieuwe wachtwoord."))
        response = redirect("/inloggen")
        response.delete_cookie(session_cookie(settings), path="/")
        return response


class AccountPages(Controller):
    include_in_schema = False
    path = "/account"

    @get("/", name="account", guards=[require_signed_in])
    async def account_page(self, request: AnyRequest) -> Template:
        return render(request, "accounts/account.html", {"values": {}, "errors": {}})

    @post("/wachtwoord", status_code=HTTP_200_OK, guards=[require_signed_in])
    async def change_password(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user = current_user(request)
        assert user is not None
        result = await read_form(request, forms.ChangePasswordForm)
        result.refuse(service.password_problems("new_password", result.decoded))
        if result.data is not None:
            outcome = await credentials.change_password(
                settings,
                user,
                result.data.current_password,
                result.data.new_password,
                session_token=request.cookies.get(session_cookie(settings)),
                client_address=client_address(request),
            )
            if outcome.done:
                flash(
                    request,
                    gettext("Je wachtwoord is veranderd. Op andere apparaten ben je uitgelogd."),
                )
                return redirect("/account")
            result.errors["current_password"] = (
                wait_message(outcome.wait_seconds)
                if outcome.wait_seconds
                else gettext("Je huidige wachtwoord klopt niet.")
            )
        return form_page(request, "accounts/account.html", result)

    @post("/e-mail", status_code=HTTP_200_OK, guards=[require_signed_in])
    async def change_email(
        self, request: AnyRequest, settings: NamedDependency[Settings]
    ) -> Template | Redirect:
        user = current_user(request)
        assert user is not None
        result = await read_form(request, forms.ChangeEmailForm)
        if result.data is not None and result.data.new_email.lower() == user.email.lower():
            result.refuse(
                {"new_email": gettext("Dit is al je e-mailadres. Vul een ander adres in.")}
            )
        if result.data is not None:
            outcome = await credentials.request_email_change(
                settings,
                user,
                result.data.new_email,
                result.data.email_password,
                client_address=client_address(request),
            )
            if outcome.done:
                flash(
                    request,
                    gettext(
                        "We hebben een link gestuurd naar %(email)s. Klik op de link om je nieuwe e-mailadres te bevestigen.",
                        email=result.data.new_email,
                    ),
                    "info",
                )
                return redirect("/account")
            result.errors["email_password"] = (
                wait_message(outcome.wait_seconds)
                if outcome.wait_seconds
                else gettext("Je huidige wachtwoord klopt niet.")
            )
        return form_page(request, "accounts/account.html", result)

    @get("/e-mail/bevestigen/{token:str}", name="confirm-email-change")
    async def confirm_email_change_page(
        self, request: AnyRequest, token: FromPath[str]
    ) -> Template:
        if not await credentials.email_change_link_is_valid(token):
            return render(request, "accounts/link_invalid.html", status_code=HTTP_400_BAD_REQUEST)
        return render(request, "accounts/confirm_email_change.html")

    @post("/e-mail/bevestigen/{token:str}", status_code=HTTP_200_OK)
    async def confirm_email_change(
        self, request: AnyRequest, token: FromPath[str]
    ) -> Template | Redirect:
        outcome = await credentials.confirm_email_change(token)
        if outcome == credentials.ADDRESS_TAKEN:
            return render(
                request,
                "accounts/link_invalid.html",
                {"reason": "taken"},
                status_code=HTTP_400_BAD_REQUEST,
            )
        if outcome != credentials.EMAIL_CHANGED:
            return render(request, "accounts/link_invalid.html", status_code=HTTP_400_BAD_REQUEST)
        flash(request, gettext("Je e-mailadres is veranderd."))
        return redirect("/account" if current_user(request) else "/inloggen")


route_handlers: list[Any] = [SignInPages, RegistrationPages, PasswordResetPages, AccountPages]
