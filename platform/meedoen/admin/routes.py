"""Administration pages under ``/beheer``: accounts and the audit log (organisations: verification.py)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from meedoen import formatting, labels
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.policies import authorize, current_user, may_change_account, require_role
from meedoen.admin import forms, service
from meedoen.admin.limits import LimitPages
from meedoen.admin.service import AdminRefused, AuditFilter, parse_date
from meedoen.admin.verification import OrganisationVerification
from meedoen.audit import words
from meedoen.i18n import gettext
from meedoen.indexing import outbox
from meedoen.web.downloads import download
from meedoen.web.flash import flash
from meedoen.web.form_data import whole_number
from meedoen.web.forms import read_form, read_leniently
from meedoen.web.templating import render

AnyRequest = Request[Any, Any, Any]


def admin_of(request: AnyRequest) -> CurrentUser:
    user = current_user(request)
    assert user is not None  # the guard let only administrators in
    return user


def audit_row(event: dict[str, Any], names: dict[str, str]) -> list[str]:
    """One row of the audit table in words; repeats collapsed into "(5 keer)"."""
    action = words.action_words(str(event["action"]))
    if int(event["count"]) > 1:
        action = gettext("%(action)s (%(num)s keer)", action=action, num=event["count"])
    when = formatting.moment(event["at"])
    if event["first_at"] != event["at"]:
        when = gettext(
            "%(first)s tot %(last)s", first=formatting.moment(event["first_at"]), last=when
        )
    ref = str(event["subject_ref"])
    return [
        when,
        str(event["actor_label"]),
        action,
        words.subject_words(str(event["subject_type"]), ref, names.get(ref, "")),
        str(event["details"]),
    ]


def see_other(path: str) -> Redirect:
    return Redirect(path=path, status_code=303)


def audit_filter(request: AnyRequest) -> AuditFilter:
    params = request.query_params
    return AuditFilter(
        actor=params.get("actor", "")[:100],
        action=params.get("action", "")[:100],
        subject=params.get("subject", "")[:100],
        date_from=parse_date(params.get("from", "")),
        date_to=parse_date(params.get("to", "")),
    )


class AdminPages(Controller):
    path = "/beheer"
    include_in_schema = False
    guards = [require_role("admin")]

    @get("/gebruikers", name="admin:accounts", cache=False)
    async def accounts(self, request: AnyRequest) -> Template:
        query = request.query_params.get("q", "")[:100]
        role = request.query_params.get("rol", "")
        return render(
            request,
            "admin/accounts.html",
            {
                "accounts": await service.accounts(query, role),
                "q": query,
                "role": role,
                "roles": labels.choices("role"),
            },
        )

    @post("/gebruikers/{account_id:int}/rol")
    async def change_role(self, request: AnyRequest, account_id: FromPath[int]) -> Redirect:
        user = admin_of(request)
        authorize(may_change_account(user, account_id))
        role = (await read_leniently(request, forms.RoleForm)).role
        try:
            await service.change_role(user, account_id, role)
        except AdminRefused as refused:
            flash(request, gettext(refused.message), "error")
        else:
            flash(request, gettext("De rol is gewijzigd."))
        return see_other("/beheer/gebruikers")

    @post("/gebruikers/{account_id:int}/deactiveren")
    async def deactivate(self, request: AnyRequest, account_id: FromPath[int]) -> Redirect:
        user = admin_of(request)
        authorize(may_change_account(user, account_id))
        try:
            await service.deactivate(user, account_id)
        except AdminRefused as refused:
            flash(request, gettext(refused.message), "error")
        else:
            flash(request, gettext("Het account is gedeactiveerd."))
        return see_other("/beheer/gebruikers")

    @get("/zoekindex", name="admin:search-index", cache=False)
    async def search_index(self, request: AnyRequest) -> Template:
        return render(
            request,
            "admin/search_index.html",
            {
                "parked": await outbox.parked_changes(),
                "waiting": await outbox.backlog_size(),
            },
        )

    @post("/zoekindex/opnieuw")
    async def retry_parked(self, request: AnyRequest) -> Redirect:
        """Let workers try parked changes again: one (``change``), or all of them."""
        user = admin_of(request)
        # Read strictly: an empty field means "all of them", so a wrong value (too long,
        # say) must not count as not sent, as ``read_leniently`` would have it.
        sent = await read_form(request, forms.RetryForm)
        change = sent.data.change if sent.data is not None else None
        change_id = whole_number(change) if change else None
        if change is None or (change and change_id is None):
            # Not one of the listed changes: never read it as "all of them".
            flash(
                request,
                gettext("Deze wijziging bestaat niet. Kies een wijziging uit de lijst."),
                "error",
            )
            return see_other("/beheer/zoekindex")
        retried = await outbox.unpark(change_id)
        subject = "" if change_id is None else str(change_id)
        await service.record_audit(user, "search.retried", "outbox", subject, str(retried))
        flash(
            request,
            gettext("%(count)s wijziging(en) worden opnieuw geprobeerd.", count=retried)
            if retried
            else gettext(
                "Deze wijziging wacht niet meer: ze is al verwerkt of opnieuw geprobeerd."
            ),
        )
        return see_other("/beheer/zoekindex")

    @get("/audit", name="admin:audit", cache=False)
    async def audit(self, request: AnyRequest) -> Template:
        filters = audit_filter(request)
        events = words.collapse(await service.audit_events(filters))
        names = await service.organisation_names(
            [str(e["subject_ref"]) for e in events if e["subject_type"] == "organisation"]
        )
        return render(
            request,
            "admin/audit.html",
            {
                "event_rows": [audit_row(e, names) for e in events],
                "f": filters,
                "action_choices": words.action_choices(),
                "export_url": "/beheer/audit/export.csv"
                + ("?" + request.url.query if request.url.query else ""),
            },
        )

    @get("/audit/export.csv", name="admin:audit-export", cache=False)
    async def audit_export(self, request: AnyRequest) -> Response[bytes]:
        rows = await service.audit_events(audit_filter(request), limit=service.EXPORT_LIMIT)
        await service.record_audit(admin_of(request), "audit.exported", "audit", "", str(len(rows)))
        return download(service.audit_csv(rows), "text/csv; charset=utf-8", "audit.csv")


route_handlers: list[Any] = [OrganisationVerification, AdminPages, LimitPages]
