"""The notifications list, the mail settings per kind, and unsubscribing from a mail."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_400_BAD_REQUEST

from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import current_user, require_role
from meedoen.i18n import gettext
from meedoen.mail import unsubscribe as unsubscribe_links
from meedoen.notifications import forms, service
from meedoen.notifications.kinds import DELIVERIES, DELIVERY_LABELS, KINDS, kinds_for
from meedoen.settings import Settings
from meedoen.web.flash import flash
from meedoen.web.forms import read_form, read_leniently
from meedoen.web.redirects import safe_next
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
# Only residents and organisation members get notifications (coaches and administrators
# work from their caseload and queues).
ROLES = ("resident", "organisation", "coach")


def _user(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the guard let only signed-in roles in
    return user


def _settings_context(user: CurrentUser, chosen: dict[str, str]) -> dict[str, Any]:
    return {
        "kinds": [
            {"code": kind.code, "label": gettext(kind.setting), "value": chosen[kind.code]}
            for kind in kinds_for(user.role)
        ],
        "deliveries": [(code, gettext(DELIVERY_LABELS[code])) for code in DELIVERIES],
    }


class NotificationPages(Controller):
    path = "/meldingen"
    include_in_schema = False
    guards = [require_role(*ROLES)]

    @get("/", name="notifications:list", cache=False)
    async def overview(self, request: AnyRequest) -> Template:
        items = await service.notifications_of(_user(request).account_id)
        return render(request, "notifications/list.html", {"items": items})

    @post("/gelezen")
    async def read_all(self, request: AnyRequest) -> Redirect:
        await service.mark_all_read(_user(request).account_id)
        flash(request, gettext("Alle meldingen staan op gelezen."))
        return Redirect("/meldingen", status_code=303)

    @get("/instellingen", name="notifications:settings", cache=False)
    async def settings_page(self, request: AnyRequest) -> Template:
        user = _user(request)
        chosen = await service.preferences(user.account_id, user.role)
        return render(request, "notifications/settings.html", _settings_context(user, chosen))

    @post("/instellingen", status_code=HTTP_200_OK)
    async def save_settings(self, request: AnyRequest) -> Template | Redirect:
        user = _user(request)
        form = await read_form(request, forms.PreferencesForm)
        chosen = await service.preferences(user.account_id, user.role)
        codes = {kind.code for kind in kinds_for(user.role)}
        errors = {code: error for code, error in form.errors.items() if code in codes}
        chosen.update(
            {code: value for code, value in form.decoded.items() if code in codes and value}
        )
        if errors:
            return render(
                request,
                "notifications/settings.html",
                {**_settings_context(user, chosen), "errors": errors},
                status_code=HTTP_400_BAD_REQUEST,
            )
        for code, delivery in chosen.items():
            await service.set_preference(user.account_id, code, delivery)
        flash(request, gettext("Je keuzes zijn bewaard."))
        return Redirect("/meldingen/instellingen", status_code=303)

    @get("/leden", name="notifications:members", cache=False)
    async def members_page(self, request: AnyRequest) -> Template:
        """An organisation's owner chooses, per member, who hears of new responses."""
        user = _user(request)
        if not user.owner_of:
            raise PermissionDeniedException()
        return render(
            request,
            "notifications/members.html",
            {
                "organisations": await service.members_choices(user.owner_of),
                "deliveries": [(code, gettext(DELIVERY_LABELS[code])) for code in DELIVERIES],
            },
        )

    @post("/leden/{account_id:int}")
    async def set_member(self, request: AnyRequest, account_id: FromPath[int]) -> Redirect:
        user = _user(request)
        if not user.owner_of:
            raise PermissionDeniedException()
        if not await service.is_member_of(user.owner_of, account_id):
            raise NotFoundException()
        delivery = (await read_leniently(request, forms.MemberDeliveryForm)).delivery
        if delivery is None:
            flash(request, gettext("Kies hoe dit lid over nieuwe reacties hoort."), "error")
            return Redirect("/meldingen/leden", status_code=303)
        await service.set_preference(account_id, service.MEMBER_KIND, delivery)
        flash(request, gettext("De keuze voor dit lid is bewaard."))
        return Redirect("/meldingen/leden", status_code=303)

    @get("/{ref:str}", cache=False)
    async def open(self, request: AnyRequest, ref: FromPath[str]) -> Redirect:
        link = await service.open_notification(_user(request).account_id, ref)
        if link is None:
            raise NotFoundException()
        return Redirect(safe_next(link, "/meldingen"), status_code=303)


class UnsubscribePages(Controller):
    """From the link in a mail, or a mail program's one-click POST (RFC 8058).

    No sign-in: the signed token is the permission. Opening the link only shows a
    button (mail scanners open links); the POST stops the mail and needs no CSRF token.
    """

    path = service.UNSUBSCRIBE_PATH + "{token:str}"
    include_in_schema = False

    @get("/", cache=False)
    async def confirm(
        self, request: AnyRequest, settings: NamedDependency[Settings], token: FromPath[str]
    ) -> Template:
        try:
            _, what = _read(settings, token)
        except unsubscribe_links.UnsubscribeRefused as refused:
            return _refused(request, refused)
        return render(
            request, "notifications/unsubscribe.html", {"token": token, "what": _what(what)}
        )

    @post("/", status_code=HTTP_200_OK, opt={"exclude_from_csrf": True})
    async def stop(
        self, request: AnyRequest, settings: NamedDependency[Settings], token: FromPath[str]
    ) -> Template:
        try:
            account_id, what = _read(settings, token)
        except unsubscribe_links.UnsubscribeRefused as refused:
            return _refused(request, refused)
        await service.stop_by_link(account_id, what)
        done = gettext("Je bent afgemeld. Je krijgt hierover geen e-mail meer.")
        # The answer itself says it is done, for a mail program and for the person who
        # pressed the button: a redirect back to the link offered "Afmelden" again.
        # Sending it twice is harmless: it only stops that kind of mail again.
        return render(request, "notifications/unsubscribe.html", {"done": done})


def _read(settings: Settings, token: str) -> tuple[int, str]:
    payload = unsubscribe_links.read(settings.secret_key, service.UNSUBSCRIBE_SALT, token)
    match payload:
        case [int(account_id), str(what)] if what == service.DIGEST or what in KINDS:
            return account_id, what
    raise unsubscribe_links.UnsubscribeRefused(unsubscribe_links.BROKEN_LINK)


def _what(what: str) -> str:
    if what == service.DIGEST:
        return gettext("de dagelijkse e-mail met meldingen")
    return gettext(KINDS[what].setting)


def _refused(request: AnyRequest, refused: unsubscribe_links.UnsubscribeRefused) -> Template:
    return render(
        request,
        "notifications/unsubscribe.html",
        {"problem": gettext(refused.message)},
        status_code=HTTP_400_BAD_REQUEST,
    )


route_handlers: list[Any] = [NotificationPages, UnsubscribePages]
