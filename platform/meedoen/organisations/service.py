"""An organisation's own work: its public profile, its postings and its members.

Postings are the opportunities domain's rows: listed by ``meedoen.opportunities.postings``
and always written through :func:`meedoen.opportunities.service.save_opportunity`, so the
outbox record that keeps search true is in the same transaction as the change.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from meedoen.accounts import service as accounts
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.passwords import hash_password
from meedoen.accounts.service import AccountError
from meedoen.accounts.sessions import token_hash
from meedoen.audit.service import record_audit
from meedoen.db import write_transaction
from meedoen.i18n import N_, gettext
from meedoen.indexing.outbox import record_change
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.opportunities.postings import current_open_postings
from meedoen.opportunities.service import OpportunityInput, save_opportunity, set_status
from meedoen.organisations.tables import Invitation, Organisation
from meedoen.settings import Settings
from meedoen.textfold import contains

log = logging.getLogger(__name__)
INVITATION_LIFETIME = dt.timedelta(days=7)
INPUT_FIELDS = tuple(OpportunityInput.__dataclass_fields__)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- the organisation a member works for --------------------------------------------


async def organisation_of(user: CurrentUser, chosen_ref: str = "") -> dict[str, Any] | None:
    """The organisation the member works for now: the one they chose (``chosen_ref``)
    if they are a member of it, else the oldest of their organisations."""
    if not user.organisation_ids:
        return None
    rows = (
        await Organisation.select()
        .where(Organisation.id.is_in(sorted(user.organisation_ids)))
        .order_by(Organisation.id)
        .run()
    )
    chosen = [row for row in rows if chosen_ref and row["ref"] == chosen_ref]
    return (chosen or rows)[0] if rows else None


async def organisations_of(user: CurrentUser) -> list[dict[str, Any]]:
    """Every organisation the member works for, by name: what they can switch between."""
    if not user.organisation_ids:
        return []
    return (
        await Organisation.select(Organisation.ref, Organisation.name)
        .where(Organisation.id.is_in(sorted(user.organisation_ids)))
        .order_by(Organisation.name)
        .run()
    )


async def public_profile(ref: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """A verified, unblocked organisation and its open postings; None otherwise."""
    if not ref or len(ref) > 40:
        return None
    organisation = await Organisation.select().where(Organisation.ref == ref).first().run()
    if organisation is None or not organisation["verified"] or organisation["blocked"]:
        return None
    return organisation, await current_open_postings(organisation["id"])


# --- postings ------------------------------------------------------------------------


def input_from_row(row: dict[str, Any]) -> OpportunityInput:
    values = {name: row[name] for name in INPUT_FIELDS if name in row}
    values["skills"] = tuple(row.get("skills") or ())
    values["suitable_for"] = tuple(row.get("suitable_for") or ())
    values["education_levels"] = tuple(row.get("education_levels") or ())
    values["learning_routes"] = tuple(row.get("learning_routes") or ())
    values["work_days"] = tuple(row.get("work_days") or ())
    return OpportunityInput(**values)


async def change_posting_status(posting: dict[str, Any], status: str) -> None:
    """Publish (open), close (gesloten) or take back to concept: only the status changes,
    so a concurrent edit of the text is never overwritten and an old posting that would
    not pass today's checks can still be closed."""
    await set_status(posting["ref"], status, reopen=status == "open")


async def duplicate_posting(organisation: int, posting: dict[str, Any]) -> str:
    """A concept copy of a posting, to post the same kans again."""
    data = input_from_row(posting)
    title = gettext("Kopie van %(title)s", title=data.title)[:200]
    return await save_opportunity(organisation, replace(data, title=title, status="concept"))


# --- members and invitations ---------------------------------------------------------


async def members(organisation_id: int) -> list[accounts.Member]:
    return await accounts.organisation_members(organisation_id)


class InvitationRefused(Exception):
    """Only a verified organisation invites; ``message`` is a Dutch msgid."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def invite_member(
    settings: Settings, organisation: dict[str, Any], inviter: CurrentUser, email: str
) -> None:
    """Store an invitation and mail its single-use link, in one transaction.

    Only a verified (and not blocked) organisation invites: an unchecked one could use
    the platform's good name to mail anyone.
    """
    if not organisation["verified"] or organisation["blocked"]:
        raise InvitationRefused(
            N_(
                "Je kunt pas mensen uitnodigen als we je organisatie hebben gecontroleerd. "
                "Dat doen we meestal binnen twee werkdagen."
            )
        )
    base_url = settings.base_url
    now = utcnow()
    token = secrets.token_urlsafe(32)
    async with write_transaction():
        await Invitation.insert(
            Invitation(
                organisation=organisation["id"],
                email=email,
                token_hash=token_hash(token),
                invited_by=inviter.account_id,
                created_at=now,
                expires_at=now + INVITATION_LIFETIME,
            )
        ).run()
        await queue_mail(
            email,
            "organisation_invitation",
            {
                "inviter": inviter.display_name,
                "organisation": organisation["name"],
                "link": f"{base_url}/organisatie/uitnodiging/{token}",
            },
            inviter.language,
            sender=Sender.account(settings.secret_key, inviter.account_id),
        )


@dataclass(frozen=True)
class OpenInvitation:
    id: int
    email: str
    organisation_id: int
    organisation_name: str
    has_account: bool


async def open_invitation(token: str) -> OpenInvitation | None:
    """The invitation behind ``token`` if it is unused and has not expired."""
    if not token or len(token) > 100:
        return None
    row = (
        await Invitation.select(
            Invitation.id,
            Invitation.email,
            Invitation.organisation,
            Invitation.organisation.name.as_alias("organisation_name"),
        )
        .where(
            (Invitation.token_hash == token_hash(token))
            & Invitation.used_at.is_null()
            & (Invitation.expires_at > utcnow())
        )
        .first()
        .run()
    )
    if row is None:
        return None
    has_account = await accounts.account_exists(row["email"])
    return OpenInvitation(
        row["id"], row["email"], row["organisation"], row["organisation_name"], has_account
    )


async def _use(invitation: OpenInvitation) -> bool:
    used = (
        await Invitation.update({Invitation.used_at: utcnow()})
        .where((Invitation.id == invitation.id) & Invitation.used_at.is_null())
        .returning(Invitation.id)
        .run()
    )
    return bool(used)


async def join(invitation: OpenInvitation, account_id: int) -> bool:
    """The signed-in organisation account joins; False when the link was used meanwhile."""
    async with write_transaction():
        if not await _use(invitation):
            return False
        await accounts.add_member(account_id, invitation.organisation_id, "member")
    return True


async def sign_up_and_join(
    invitation: OpenInvitation, display_name: str, password: str, language: str
) -> bool:
    """A new account for the invited address (confirmed: the link came by mail) that joins."""
    password_hash = await hash_password(password)
    async with write_transaction():
        if not await _use(invitation):
            return False
        await accounts.create_invited_member(
            invitation.email, display_name, password_hash, language, invitation.organisation_id
        )
    return True


async def organisation_summary(organisation_id: int) -> dict[str, Any] | None:
    """What another domain shows of an organisation: ref, name, type, whether it is
    verified or blocked, its website and public contact address."""
    return (
        await Organisation.select(
            Organisation.id,
            Organisation.ref,
            Organisation.name,
            Organisation.type,
            Organisation.wijk,
            Organisation.postcode,
            Organisation.verified,
            Organisation.blocked,
            Organisation.website,
            Organisation.contact_email,
        )
        .where(Organisation.id == organisation_id)
        .first()
        .run()
    )


async def names_and_types(organisation_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Name and type of these organisations, by id (for another domain's table)."""
    if not organisation_ids:
        return {}
    rows = await Organisation.select(Organisation.id, Organisation.name, Organisation.type).where(
        Organisation.id.is_in(organisation_ids)
    )
    return {int(row["id"]): (row["name"], row["type"]) for row in rows}


async def public_organisation_id(ref: str) -> int | None:
    """The id of the verified, unblocked organisation with this ref; None otherwise."""
    if not ref or len(ref) > 40:
        return None
    row = (
        await Organisation.select(Organisation.id)
        .where(
            (Organisation.ref == ref)
            & (Organisation.verified == True)  # noqa: E712 - Piccolo builds SQL from ==
            & (Organisation.blocked == False)  # noqa: E712
        )
        .first()
        .run()
    )
    return None if row is None else int(row["id"])


async def organisation_id(ref: str) -> int | None:
    """The id of the organisation with this ref, whatever its standing; None when unknown."""
    if not ref or len(ref) > 40:
        return None
    row = await Organisation.select(Organisation.id).where(Organisation.ref == ref).first().run()
    return None if row is None else int(row["id"])


async def unblocked_choices() -> list[tuple[str, str]]:
    """(ref, name) of every organisation that is not blocked, by name."""
    rows = (
        await Organisation.select(Organisation.ref, Organisation.name)
        .where(Organisation.blocked.eq(False))
        .order_by(Organisation.name)
        .run()
    )
    return [(row["ref"], row["name"]) for row in rows]


async def unblocked_organisation(ref: str) -> Organisation | None:
    """The organisation with this ref unless it is blocked (verified or not): where a
    coach may place someone without a posting."""
    if not ref or len(ref) > 40:
        return None
    return (
        await Organisation.objects()
        .where((Organisation.ref == ref) & Organisation.blocked.eq(False))
        .first()
        .run()
    )


# --- checking organisations: the administrators' list, verifying and blocking ---------
# Each change records an outbox change in its transaction (it re-indexes or hides the
# postings) and an audit event. The administrators' pages call these (``meedoen.admin``).


ORGANISATIONS_PER_PAGE = 25
# The verification queue's states, in the order an administrator works through them.
STANDINGS = ("te_controleren", "niet_goedgekeurd", "gecontroleerd", "geblokkeerd", "alle")
_LIST_COLUMNS = (
    Organisation.ref,
    Organisation.name,
    Organisation.type,
    Organisation.kvk_number,
    Organisation.wijk,
    Organisation.verified,
    Organisation.blocked,
    Organisation.refused_at,
    Organisation.created_at,
)


@dataclass(frozen=True)
class OrganisationFilter:
    """What the administrator's organisation list shows: the queue by default."""

    query: str = ""
    standing: str = "te_controleren"
    type: str = ""
    wijk: str = ""
    page: int = 1


@dataclass(frozen=True)
class OrganisationPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def standing_of(row: dict[str, Any]) -> str:
    """Where an organisation stands: blocked, verified, refused or still to check."""
    if row["blocked"]:
        return "geblokkeerd"
    if row["verified"]:
        return "gecontroleerd"
    return "niet_goedgekeurd" if row["refused_at"] else "te_controleren"


def _standing_where(standing: str) -> Any:
    not_blocked = Organisation.blocked.eq(False)
    return {
        "te_controleren": not_blocked
        & Organisation.verified.eq(False)
        & Organisation.refused_at.is_null(),
        "niet_goedgekeurd": not_blocked
        & Organisation.verified.eq(False)
        & Organisation.refused_at.is_not_null(),
        "gecontroleerd": not_blocked & Organisation.verified.eq(True),
        "geblokkeerd": Organisation.blocked.eq(True),
    }.get(standing)


def _kvk_digits(query: str) -> str:
    digits = "".join(c for c in query if c.isdigit())
    return digits if len(digits) == 8 and len(query) <= 12 else ""


async def organisation_page(filters: OrganisationFilter) -> OrganisationPage:
    """One page of the organisation list; the queue (oldest registration first) by default."""
    conditions = []
    if (where := _standing_where(filters.standing)) is not None:
        conditions.append(where)
    if filters.query:
        by_name = contains(Organisation.name, filters.query)
        kvk = _kvk_digits(filters.query)
        conditions.append(by_name | (Organisation.kvk_number == kvk) if kvk else by_name)
    if filters.type:
        conditions.append(Organisation.type == filters.type)
    if filters.wijk:
        conditions.append(Organisation.wijk == filters.wijk)
    count = Organisation.count()
    select = Organisation.select(*_LIST_COLUMNS)
    for condition in conditions:
        count = count.where(condition)
        select = select.where(condition)
    total = await count.run()
    pages = max(1, -(-total // ORGANISATIONS_PER_PAGE))
    page = min(max(1, filters.page), pages)
    # Whoever waits longest comes first in the queue; elsewhere the newest first.
    oldest_first = filters.standing == "te_controleren"
    rows = (
        await select.order_by(Organisation.created_at, ascending=oldest_first)
        .order_by(Organisation.id, ascending=oldest_first)
        .limit(ORGANISATIONS_PER_PAGE)
        .offset((page - 1) * ORGANISATIONS_PER_PAGE)
        .run()
    )
    return OrganisationPage(rows, total, page, pages)


async def organisation_detail(ref: str) -> dict[str, Any] | None:
    """Everything an administrator checks an organisation against: what it entered, who
    registered it (the contact person, in ``people``) and where it stands."""
    if not ref or len(ref) > 40:
        return None
    organisation = await Organisation.select().where(Organisation.ref == ref).first().run()
    if organisation is None:
        return None
    people = await accounts.organisation_members(organisation["id"])
    organisation["people"] = sorted(people, key=lambda member: member.joined_at)
    organisation["standing"] = standing_of(organisation)
    return organisation


async def organisation_names(refs: list[str]) -> dict[str, str]:
    """Names of these organisations (an audit page mentions them), by ref."""
    if not refs:
        return {}
    rows = await Organisation.select(Organisation.ref, Organisation.name).where(
        Organisation.ref.is_in(sorted(set(refs)))
    )
    return {row["ref"]: row["name"] for row in rows}


@dataclass(frozen=True)
class StandingChanged:
    """An organisation whose standing an administrator changed, and whether it was
    verified before (its members hear of a new approval, not of a repeated one)."""

    organisation_id: int
    was_verified: bool


async def _set_flag(
    actor: CurrentUser, ref: str, change: dict[Any, Any], action: str
) -> StandingChanged | None:
    async with write_transaction():
        before = (
            await Organisation.select(Organisation.id, Organisation.verified)
            .where(Organisation.ref == ref)
            .first()
        )
        if before is None:
            return None
        await Organisation.update(
            {**change, Organisation.updated_at: dt.datetime.now(dt.UTC)}
        ).where(Organisation.ref == ref)
        await record_change("organisation", ref)
        await record_audit(actor, action, "organisation", ref)
    return StandingChanged(int(before["id"]), bool(before["verified"]))


async def set_verified(actor: CurrentUser, ref: str, verified: bool) -> StandingChanged | None:
    """Approve (or withdraw); None when there is no such organisation."""
    action = "organisation.verified" if verified else "organisation.unverified"
    change: dict[Any, Any] = {Organisation.verified: verified}
    if verified:  # approving ends an earlier refusal
        change |= {Organisation.refused_at: None, Organisation.refusal_reason: ""}
    return await _set_flag(actor, ref, change, action)


async def set_blocked(actor: CurrentUser, ref: str, blocked: bool) -> bool:
    """Block (or unblock); False when there is no such organisation."""
    action = "organisation.blocked" if blocked else "organisation.unblocked"
    return await _set_flag(actor, ref, {Organisation.blocked: blocked}, action) is not None


async def refuse(actor: CurrentUser, ref: str, reason: str) -> int | None:
    """Not approved, with the reason the organisation reads; it stays unverified and
    leaves the queue until it changes its details. The organisation's id, or None when
    there is no such organisation."""
    now = dt.datetime.now(dt.UTC)
    async with write_transaction():
        changed = (
            await Organisation.update(
                {
                    Organisation.verified: False,
                    Organisation.refused_at: now,
                    Organisation.refusal_reason: reason,
                    Organisation.updated_at: now,
                }
            )
            .where(Organisation.ref == ref)
            .returning(Organisation.id)
            .run()
        )
        if not changed:
            return None
        await record_change("organisation", ref)
        await record_audit(actor, "organisation.refused", "organisation", ref, reason[:200])
    return int(changed[0]["id"])


async def confirm_leerbedrijf(
    actor: CurrentUser, ref: str, leerbedrijf_id: str, confirmed: bool
) -> bool:
    """Confirm (or withdraw) that the organisation is an erkend leerbedrijf; True when
    this call changed it. A confirmation holds only for the ID the administrator looked
    up: when the organisation changed it in between, nothing is confirmed. Done twice at
    once, it is recorded once."""
    now = dt.datetime.now(dt.UTC)
    if confirmed:
        change: dict[Any, Any] = {
            Organisation.leerbedrijf_confirmed_at: now,
            Organisation.updated_at: now,
        }
        where = (
            (Organisation.ref == ref)
            & (Organisation.leerbedrijf_id == leerbedrijf_id)
            & Organisation.leerbedrijf_confirmed_at.is_null()
        )
    else:
        change = {Organisation.leerbedrijf_confirmed_at: None, Organisation.updated_at: now}
        where = (Organisation.ref == ref) & Organisation.leerbedrijf_confirmed_at.is_not_null()
    async with write_transaction():
        changed = await Organisation.update(change).where(where).returning(Organisation.id).run()
        if not changed:
            return False
        await record_change("organisation", ref)
        action = (
            "organisation.leerbedrijf_confirmed"
            if confirmed
            else "organisation.leerbedrijf_withdrawn"
        )
        await record_audit(actor, action, "organisation", ref, leerbedrijf_id[:12])
    return True


# --- new organisations and their first account ----------------------------------------


async def found_organisation(values: Mapping[str, str]) -> int:
    """Register an organisation from the registration form's checked values; returns its
    id. Unverified: its postings stay hidden until an administrator checks it. Called
    inside the registration's transaction (``accounts.service.register``)."""
    now = utcnow()
    organisation = Organisation(
        ref=f"org-{secrets.token_hex(5)}",
        name=values["organisation_name"],
        type=values["organisation_type"],
        sector=values["sector"],
        wijk=values["wijk"],
        postcode=values["postcode"],
        kvk_number=values.get("kvk_number") or None,
        website=values.get("website") or None,
        verified=False,
        created_at=now,
        updated_at=now,
    )
    await organisation.save()
    return int(organisation.id)


async def create_account(
    email: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    organisation_ref: str | None = None,
    verified: bool = True,
) -> accounts.Account:
    """Create an account (``meedoen createuser``, the demo); an organisation account
    becomes the owner of the organisation ``organisation_ref``."""
    owner_of = None
    if role == "organisation":
        if not organisation_ref:
            raise AccountError("an organisation account needs --organisation REF.")
        owner_of = await organisation_id(organisation_ref)
        if owner_of is None:
            raise AccountError(f"organisation '{organisation_ref}' does not exist.")
    return await accounts.create_account(
        email,
        password,
        role,
        display_name=display_name,
        organisation_id=owner_of,
        verified=verified,
    )
