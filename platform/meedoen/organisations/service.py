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
from meedoen.db import write_transaction
from meedoen.i18n import N_, gettext
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.opportunities.postings import current_open_postings
from meedoen.opportunities.service import OpportunityInput, save_opportunity, set_status
from meedoen.organisations.tables import Invitation, Organisation
from meedoen.settings import Settings

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
