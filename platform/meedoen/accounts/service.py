"""Creating accounts: by an administrator (``meedoen createuser``) or by registering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from meedoen.accounts import links, throttle
from meedoen.accounts.current_user import CurrentUser
from meedoen.accounts.forms import ORGANISATION_MEMBER, RegistrationForm
from meedoen.accounts.passwords import hash_password, password_problem
from meedoen.accounts.sessions import end_all_sessions
from meedoen.accounts.tables import Account, CoachCard, Membership
from meedoen.audit.service import record_audit
from meedoen.db import lock_row, write_transaction
from meedoen.i18n import gettext
from meedoen.input_rules import (
    POSTCODE_PROBLEM,
    bsn_problem,
    phone_problem,
    postcode,
    read_kvk_number,
    read_website,
)
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.settings import Settings
from meedoen.textfold import contains
from meedoen.vocabulary import ROLES

VERIFY_AGAIN_AFTER = dt.timedelta(minutes=15)


class AccountError(Exception):
    """The account cannot be created; the message says why in one sentence."""


FoundOrganisation = Callable[[Mapping[str, str]], Awaitable[int]]
"""Registers a new, unverified organisation from the registration form's values and
returns its id; called inside the registration's transaction. The organisations domain
owns organisations, so the app assembly hands this in (``meedoen.app.wiring``)."""


def password_problems(name: str, fields: Mapping[str, Any]) -> dict[str, str]:
    """A new password that is too easy to guess, told by its field."""
    problem = password_problem(fields[name]) if fields.get(name) else None
    return {name: gettext(problem)} if problem else {}


def registration_problems(fields: Mapping[str, Any]) -> dict[str, str]:
    """The registration's rules over its fields (those that are right): a strong
    password, and for an organisation its name, type, sector, wijk, postcode, KvK number
    (a business must give it) and website, in the order the form shows them."""
    problems = password_problems("password", fields)
    if fields.get("account_type") != ORGANISATION_MEMBER:
        return problems
    if fields.get("organisation_name") == "":
        problems["organisation_name"] = gettext("Vul de naam van je organisatie in.")
    if "organisation_type" in fields and fields["organisation_type"] is None:
        problems["organisation_type"] = gettext("Kies wat voor organisatie het is.")
    if "kvk_number" in fields:
        _, problem = read_kvk_number(fields["kvk_number"], fields.get("organisation_type") or "")
        if problem:
            problems["kvk_number"] = problem
    if "sector" in fields and fields["sector"] is None:
        problems["sector"] = gettext("Kies de sector van je organisatie.")
    if "wijk" in fields and fields["wijk"] is None:
        problems["wijk"] = gettext("Kies de wijk waar je organisatie zit.")
    if "postcode" in fields and postcode(fields["postcode"]) is None:
        problems["postcode"] = gettext(POSTCODE_PROBLEM)
    if "website" in fields and (problem := read_website(fields["website"])[1]):
        problems["website"] = problem
    return problems


def registration_values(form: RegistrationForm) -> dict[str, str]:
    """A checked registration as the values ``register`` stores, written the standard
    way (postcode "7511 AB", KvK number in 8 digits, website with https://)."""
    return {
        "account_type": form.account_type,
        "display_name": form.display_name,
        "email": form.email,
        "organisation_name": form.organisation_name,
        "organisation_type": form.organisation_type or "",
        "sector": form.sector or "",
        "wijk": form.wijk or "",
        "postcode": postcode(form.postcode) or form.postcode,
        "kvk_number": read_kvk_number(form.kvk_number, form.organisation_type or "")[0],
        "website": read_website(form.website)[0],
    }


def normalise_email(email: str) -> str:
    return email.strip().lower()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def create_account(
    email: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    organisation_id: int | None = None,
    verified: bool = True,
) -> Account:
    """Create an account; an organisation account becomes the owner of ``organisation_id``
    (``meedoen.organisations.service.create_account`` finds it by its ref)."""
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"role '{role}' does not exist: use one of {', '.join(ROLES)}.")
    if await Account.exists().where(Account.email == email):
        raise AccountError(f"an account for {email} already exists.")
    if role == "organisation" and organisation_id is None:
        raise AccountError("an organisation account needs an organisation.")
    now = utcnow()
    account = Account(
        email=email,
        password_hash=await hash_password(password),
        role=role,
        display_name=display_name or email.split("@")[0],
        email_verified_at=now if verified else None,
        created_at=now,
    )
    async with write_transaction():
        await account.save()
        if organisation_id is not None and role == "organisation":
            await add_member(account.id, organisation_id, "owner")
    return account


async def register(
    settings: Settings,
    values: dict[str, str],
    password: str,
    *,
    language: str,
    client_address: str | None,
    found_organisation: FoundOrganisation,
    next_path: str = "",
) -> int:
    """Register a resident or organisation member; returns seconds to wait (0: done).

    The answer is the same whether or not the address already has an account, so the
    form cannot be used to find out who uses the platform: a known address gets a mail
    saying so instead of a second account.
    """
    email = normalise_email(values["email"])
    who = throttle.attempt(throttle.REGISTER, settings.secret_key, email, client_address)
    if wait := await throttle.reserve(who):
        return wait
    sender = Sender.visitor(settings.secret_key, client_address)
    # Hashed before the lookup, so both answers take as long.
    password_hash = await hash_password(password)
    existing = await Account.objects().get(Account.email == email)
    async with write_transaction():
        if existing is not None:
            await queue_mail(
                email,
                "already_registered",
                {
                    "name": existing.display_name,
                    "sign_in_url": f"{settings.base_url}/inloggen{_next_query(next_path)}",
                    "reset_url": f"{settings.base_url}/wachtwoord-vergeten",
                },
                existing.language,
                sender=sender,
            )
            return 0
        account = await _new_account(values, email, password_hash, language, found_organisation)
        await _queue_verification_mail(settings, account, next_path, sender)
    return 0


def _next_query(next_path: str) -> str:
    """``?next=…`` for a link in a mail; the page that reads it checks it again."""
    return f"?next={quote(next_path, safe='/')}" if next_path else ""


async def _queue_verification_mail(
    settings: Settings, account: Account, next_path: str, sender: Sender
) -> None:
    """The confirmation link; it brings the person back to ``next_path`` afterwards."""
    token = await links.create_link(account.id, links.VERIFY_EMAIL)
    await queue_mail(
        account.email,
        "verify_email",
        {
            "name": account.display_name,
            "link": f"{settings.base_url}/e-mail-bevestigen/{token}{_next_query(next_path)}",
        },
        account.language,
        sender=sender,
    )


async def _new_account(
    values: dict[str, str],
    email: str,
    password_hash: str,
    language: str,
    found_organisation: FoundOrganisation,
) -> Account:
    now = utcnow()
    is_member = values["account_type"] == ORGANISATION_MEMBER
    account = Account(
        email=email,
        password_hash=password_hash,
        role="organisation" if is_member else "resident",
        display_name=values["display_name"],
        language=language,
        email_verified_at=None,
        created_at=now,
    )
    await account.save()
    if is_member:
        await add_member(account.id, await found_organisation(values), "owner")
    return account


async def send_verification_mail(
    settings: Settings, account: Account, next_path: str = "", *, client_address: str | None
) -> None:
    """A new confirmation link, unless one was sent in the last ``VERIFY_AGAIN_AFTER``:
    signing in again and again with an unconfirmed address (perhaps someone else's) must
    not fill that inbox."""
    if await links.recent_link(account.id, links.VERIFY_EMAIL, VERIFY_AGAIN_AFTER):
        return
    async with write_transaction():
        await _queue_verification_mail(
            settings, account, next_path, Sender.visitor(settings.secret_key, client_address)
        )


async def verify_email(token: str) -> bool:
    """Confirm the address of the account the link was sent for; False when the link is bad."""
    link = await links.find_link(token, links.VERIFY_EMAIL)
    if link is None or not await links.use_link(link):
        return False
    await (
        Account.update({Account.email_verified_at: utcnow()})
        .where((Account.id == link.account_id) & Account.email_verified_at.is_null())
        .run()
    )
    return True


@dataclass(frozen=True)
class Addressee:
    """Where and how to write to an active account (for notifications)."""

    account_id: int
    email: str
    name: str
    language: str
    role: str


async def addressee(account_id: int) -> Addressee | None:
    """The active account's address, name, language and role; None when inactive or gone."""
    row = (
        await Account.select(Account.email, Account.display_name, Account.language, Account.role)
        .where((Account.id == account_id) & (Account.is_active == True))  # noqa: E712 - a query
        .first()
        .run()
    )
    if row is None:
        return None
    return Addressee(
        account_id, row["email"], row["display_name"] or "", row["language"] or "nl", row["role"]
    )


async def lock_account(account_id: int) -> None:
    """Inside a write transaction: writes for this account take turns until it ends (for
    another domain's "at most so many per account")."""
    await lock_row(Account, account_id)


async def coach_choices(except_id: int) -> list[tuple[str, str]]:
    """(account id, name) of every active coach but one, for the transfer form."""
    rows = (
        await Account.select(Account.id, Account.display_name, Account.email)
        .where((Account.role == "coach") & Account.is_active.eq(True) & (Account.id != except_id))
        .order_by(Account.display_name)
        .run()
    )
    return [(str(row["id"]), row["display_name"] or row["email"]) for row in rows]


async def active_coach_name(account_id: int) -> str | None:
    """The name (or else the e-mail address) of this account if it is an active coach."""
    row = (
        await Account.select(Account.display_name, Account.email)
        .where((Account.id == account_id) & (Account.role == "coach") & Account.is_active.eq(True))
        .first()
        .run()
    )
    return None if row is None else str(row["display_name"] or row["email"])


async def who_are(account_ids: list[int]) -> dict[int, dict[str, str]]:
    """Name, e-mail and role of each of these accounts (for administrators' lists)."""
    if not account_ids:
        return {}
    rows = (
        await Account.select(Account.id, Account.display_name, Account.email, Account.role)
        .where(Account.id.is_in(sorted(set(account_ids))))
        .run()
    )
    return {
        row["id"]: {"name": row["display_name"] or "", "email": row["email"], "role": row["role"]}
        for row in rows
    }


# --- managing accounts: the administrators' pages (``meedoen.admin``) -----------------


async def find_accounts(query: str = "", role: str = "") -> list[dict[str, Any]]:
    """Up to 500 accounts whose e-mail or name contains ``query`` (and with ``role``), by e-mail."""
    select = Account.select(
        Account.id,
        Account.email,
        Account.display_name,
        Account.role,
        Account.is_active,
        Account.last_sign_in_at,
    )
    if query:
        select = select.where(
            contains(Account.email, query) | contains(Account.display_name, query)
        )
    if role in ROLES:
        select = select.where(Account.role == role)
    return await select.order_by(Account.email).limit(500).run()


async def account_role(account_id: int) -> dict[str, Any] | None:
    """The account's id, e-mail and role; None when there is no such account."""
    return (
        await Account.select(Account.id, Account.email, Account.role)
        .where(Account.id == account_id)
        .first()
        .run()
    )


async def change_role(actor: CurrentUser, account: dict[str, Any], role: str) -> None:
    """Give the account (as :func:`account_role` read it) a role from ``ROLES``; audited.
    Only organisation accounts act for an organisation: another role ends its memberships."""
    async with write_transaction():
        await Account.update({Account.role: role}).where(Account.id == account["id"]).run()
        if role != "organisation":
            await Membership.delete().where(Membership.account == account["id"]).run()
        await record_audit(
            actor,
            "account.role_changed",
            "account",
            str(account["id"]),
            f"{account['email']}: {account['role']} -> {role}",
        )


async def deactivate(actor: CurrentUser, account: dict[str, Any]) -> None:
    """The account (as :func:`account_role` read it) cannot sign in any more, and its
    sessions end now; audited."""
    async with write_transaction():
        await Account.update({Account.is_active: False}).where(Account.id == account["id"]).run()
        await record_audit(
            actor, "account.deactivated", "account", str(account["id"]), account["email"]
        )
    await end_all_sessions(account["id"])


# --- memberships: who acts for which organisation -----------------------------------
# The organisations domain asks these; the link lives here because signing in reads it.


@dataclass(frozen=True)
class Member:
    """An account that acts for an organisation."""

    account_id: int
    name: str
    email: str
    language: str
    role: str
    """``owner`` or ``member``."""
    joined_at: dt.datetime
    email_verified_at: dt.datetime | None
    is_active: bool


async def organisation_members(organisation_id: int, *, active_only: bool = False) -> list[Member]:
    """The organisation's members (active accounts only, if asked), oldest membership first."""
    where: Any = Membership.organisation == organisation_id
    if active_only:
        where &= Membership.account.is_active == True  # noqa: E712 - a query, not a comparison
    rows = (
        await Membership.select(
            Membership.account,
            Membership.role,
            Membership.created_at,
            Membership.account.display_name.as_alias("name"),
            Membership.account.email.as_alias("email"),
            Membership.account.language.as_alias("language"),
            Membership.account.email_verified_at.as_alias("email_verified_at"),
            Membership.account.is_active.as_alias("is_active"),
        )
        .where(where)
        .order_by(Membership.id)
        .run()
    )
    return [
        Member(
            account_id=int(row["account"]),
            name=row["name"] or "",
            email=row["email"] or "",
            language=row["language"] or "nl",
            role=row["role"],
            joined_at=row["created_at"],
            email_verified_at=row["email_verified_at"],
            is_active=bool(row["is_active"]),
        )
        for row in rows
    ]


async def add_member(account_id: int, organisation_id: int, role: str) -> None:
    """Let the account act for the organisation (nothing when it already does); call
    inside the caller's write transaction."""
    already = await Membership.exists().where(
        (Membership.account == account_id) & (Membership.organisation == organisation_id)
    )
    if not already:
        await Membership(
            account=account_id, organisation=organisation_id, role=role, created_at=utcnow()
        ).save()


async def account_exists(email: str) -> bool:
    return bool(await Account.exists().where(Account.email == email).run())


async def create_invited_member(
    email: str, display_name: str, password_hash: str, language: str, organisation_id: int
) -> int:
    """A new organisation account for an invited address, confirmed (the invitation came
    by mail), as a member of the organisation; call inside the caller's write transaction."""
    now = utcnow()
    account = Account(
        email=email,
        password_hash=password_hash,
        role="organisation",
        display_name=display_name,
        language=language,
        email_verified_at=now,
        created_at=now,
    )
    await account.save()
    await add_member(account.id, organisation_id, "member")
    return int(account.id)


# --- a coach's card: how their residents reach them ----------------------------------

COACH_CARD_LIMITS = {"team": 120, "phone": 20, "availability": 200}


@dataclass(frozen=True)
class CoachCardInput:
    team: str = ""
    phone: str = ""
    availability: str = ""


def coach_card_problems(card: CoachCardInput) -> dict[str, str]:
    """Translated messages per field; empty when the card may be saved."""
    problems: dict[str, str] = {}
    for name, limit in COACH_CARD_LIMITS.items():
        value = getattr(card, name)
        if len(value) > limit:
            problems[name] = gettext("Maak dit korter: hoogstens %(max)s tekens.", max=limit)
        elif problem := bsn_problem(value):
            problems[name] = gettext(problem)
    if "phone" not in problems and (problem := phone_problem(card.phone)):
        problems["phone"] = gettext(problem)
    return problems


async def coach_card(account_id: int) -> CoachCardInput:
    """The coach's card as they filled it in (empty fields when they never did)."""
    row = (
        await CoachCard.select(CoachCard.team, CoachCard.phone, CoachCard.availability)
        .where(CoachCard.account == account_id)
        .first()
        .run()
    )
    return CoachCardInput(**row) if row else CoachCardInput()


async def save_coach_card(account_id: int, card: CoachCardInput) -> None:
    """Write the coach's card; saving twice at once leaves one card (the last write)."""
    await (
        CoachCard.insert(
            CoachCard(
                account=account_id,
                team=card.team.strip(),
                phone=card.phone.strip(),
                availability=card.availability.strip(),
                changed_at=dt.datetime.now(dt.UTC),
            )
        )
        .on_conflict(
            target=CoachCard.account,
            action="DO UPDATE",
            values=[CoachCard.team, CoachCard.phone, CoachCard.availability, CoachCard.changed_at],
        )
        .run()
    )
