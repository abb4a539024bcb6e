"""Limits administrators watch: accounts near their view budget, and parked mails.

Two small pages under /beheer, apart from the organisation and account pages: what the
scraping budget (``view_budget``) and the mail limits (``mail.throttle``) held back.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from meedoen.accounts.policies import require_role
from meedoen.accounts.service import who_are
from meedoen.i18n import N_, gettext
from meedoen.mail import outbox
from meedoen.mail.throttle import (
    OVER_RECIPIENT,
    OVER_RECIPIENT_AND_KIND,
    OVER_SENDER,
    PER_RECIPIENT,
    PER_RECIPIENT_AND_KIND,
    PER_SENDER,
)
from meedoen.view_budget import service as view_budget
from meedoen.web.errors import UserFacingHTTPException
from meedoen.web.flash import flash
from meedoen.web.form_data import whole_number
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]
PARKED_REASONS = {
    OVER_SENDER: N_("Afzender: meer dan %(max)s mails op één dag"),
    OVER_RECIPIENT: N_("Ontvanger: meer dan %(max)s mails op één dag"),
    OVER_RECIPIENT_AND_KIND: N_("Ontvanger: meer dan %(max)s dezelfde mails op één dag"),
}
REASON_LIMITS = {
    OVER_SENDER: PER_SENDER,
    OVER_RECIPIENT: PER_RECIPIENT,
    OVER_RECIPIENT_AND_KIND: PER_RECIPIENT_AND_KIND,
}


def reason_label(code: str) -> str:
    if code not in PARKED_REASONS:
        return code
    return gettext(PARKED_REASONS[code], max=REASON_LIMITS[code])


async def alert_rows() -> list[dict[str, Any]]:
    alerts = await view_budget.alerts()
    accounts = await who_are([alert["account_id"] for alert in alerts])
    rows = []
    for alert in alerts:
        account = accounts.get(alert["account_id"], {})
        rows.append(
            {
                **alert,
                "name": account.get("name") or gettext("(verwijderd account)"),
                "email": account.get("email", ""),
                "role": account.get("role", ""),
                "over": bool(alert["refused"]),
            }
        )
    return rows


class LimitPages(Controller):
    path = "/beheer"
    include_in_schema = False
    guards = [require_role("admin")]

    @get("/limieten", name="admin:limits", cache=False)
    async def limits(self, request: AnyRequest) -> Template:
        return render(
            request,
            "admin/limits.html",
            {
                "alerts": await alert_rows(),
                "per_hour": view_budget.PER_HOUR,
                "per_day": view_budget.PER_DAY,
                "alert_from": int(view_budget.PER_DAY * view_budget.ALERT_AT),
            },
        )

    @get("/mail", name="admin:parked-mail", cache=False)
    async def parked(self, request: AnyRequest) -> Template:
        mails = [
            {**mail, "reason": reason_label(mail["parked_reason"])}
            for mail in await outbox.parked_mails()
        ]
        return render(
            request,
            "admin/parked_mail.html",
            {
                "mails": mails,
                "per_sender": PER_SENDER,
                "per_recipient": PER_RECIPIENT,
                "per_kind": PER_RECIPIENT_AND_KIND,
            },
        )

    @post("/mail/{mail_id:str}/{action:str}")
    async def handle_parked(
        self, request: AnyRequest, mail_id: FromPath[str], action: FromPath[str]
    ) -> Redirect:
        number = whole_number(mail_id, max_digits=18)
        done = False
        if number is not None and action == "versturen":
            done = await outbox.release_parked(number)
            message = N_("De mail wordt alsnog verstuurd.")
        elif number is not None and action == "weggooien":
            done = await outbox.discard_parked(number)
            message = N_("De mail is weggegooid.")
        if not done:
            raise UserFacingHTTPException(
                status_code=404, detail=gettext("Deze mail wacht niet meer.")
            )
        flash(request, gettext(message))
        return Redirect(path="/beheer/mail", status_code=303)
