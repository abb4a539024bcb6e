"""Telling someone that something changed: a row in their list, and a mail as they chose.

Other domains call :func:`notify` inside the transaction of the change itself, so a
notification (and its mail, through the mail outbox) exists exactly when the change does.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from meedoen.accounts.service import Addressee, addressee
from meedoen.db import write_transaction
from meedoen.i18n import gettext
from meedoen.mail import unsubscribe as unsubscribe_links
from meedoen.mail.outbox import queue_mail
from meedoen.mail.throttle import Sender
from meedoen.notifications.kinds import DAILY, DELIVERIES, DIRECT, KINDS, OFF, Kind, kinds_for
from meedoen.notifications.tables import Notification, NotificationPreference
from meedoen.organisations.recipients import member_account_ids, members_of, organisation_name
from meedoen.settings import Settings

MAIL = "notifications/mail"
UNSUBSCRIBE_SALT = "notification-unsubscribe"
UNSUBSCRIBE_PATH = "/meldingen/afmelden/"
DIGEST = "digest"
"""What an unsubscribe link in a daily digest stops: every kind that waits for it."""
LIST_LENGTH = 50


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


Recipient = Addressee
recipient = addressee


# --- preferences -----------------------------------------------------------------


async def preferences(account_id: int, role: str) -> dict[str, str]:
    """How this person hears about each kind their role can get."""
    rows = await NotificationPreference.select(
        NotificationPreference.kind, NotificationPreference.delivery
    ).where(NotificationPreference.account == account_id)
    chosen = {row["kind"]: row["delivery"] for row in rows}
    return {kind.code: chosen.get(kind.code, kind.default) for kind in kinds_for(role)}


async def delivery_for(account_id: int, kind: Kind) -> str:
    row = (
        await NotificationPreference.select(NotificationPreference.delivery)
        .where(NotificationPreference.key == f"{account_id}:{kind.code}")
        .first()
        .run()
    )
    return row["delivery"] if row else kind.default


async def set_preference(account_id: int, kind: str, delivery: str) -> None:
    """One row per person and kind, also when two changes arrive at once."""
    if kind not in KINDS or delivery not in DELIVERIES:
        raise ValueError(f"unknown kind {kind!r} or delivery {delivery!r}")
    now = utcnow()
    await (
        NotificationPreference.insert(
            NotificationPreference(
                key=f"{account_id}:{kind}",
                account=account_id,
                kind=kind,
                delivery=delivery,
                changed_at=now,
            )
        )
        .on_conflict(
            target=NotificationPreference.key,
            action="DO UPDATE",
            values=[NotificationPreference.delivery, NotificationPreference.changed_at],
        )
        .run()
    )


# --- notifying -------------------------------------------------------------------


def unsubscribe_url(settings: Settings, account_id: int, what: str) -> str:
    token = unsubscribe_links.sign(settings.secret_key, UNSUBSCRIBE_SALT, [account_id, what])
    return f"{settings.base_url}{UNSUBSCRIBE_PATH}{token}"


async def notify(
    settings: Settings,
    account_id: int,
    kind_code: str,
    params: dict[str, str],
    link: str,
    *,
    once_key: str | None = None,
) -> bool:
    """Put a notification in the person's list and mail it if they want it at once.

    ``link`` is a local path. With ``once_key`` it happens at most once, however many
    requests try at the same time. Returns whether a notification was made.
    """
    kind = KINDS[kind_code]
    who = await recipient(account_id)
    if who is None:
        return False
    delivery = await delivery_for(account_id, kind)
    now = utcnow()
    async with write_transaction():
        made = (
            await Notification.insert(
                Notification(
                    ref=f"ntf-{secrets.token_hex(8)}",
                    account=account_id,
                    kind=kind.code,
                    params=json.dumps(params),
                    link=link,
                    delivery=delivery,
                    once_key=once_key,
                    created_at=now,
                    mailed_at=now if delivery == DIRECT else None,
                )
            )
            .on_conflict(action="DO NOTHING")
            .returning(Notification.id)
            .run()
        )
        if not made:
            return False
        if delivery == DIRECT:
            await _queue(settings, who, kind, params, link)
    return True


async def _queue(
    settings: Settings, who: Recipient, kind: Kind, params: dict[str, str], link: str
) -> None:
    url = unsubscribe_url(settings, who.account_id, kind.code)
    await queue_mail(
        who.email,
        MAIL,
        {
            "name": who.name,
            "kind": kind,
            "params": params,
            "link": f"{settings.base_url}{link}",
            "unsubscribe_link": url,
            "settings_link": f"{settings.base_url}/meldingen/instellingen",
        },
        who.language,
        headers=unsubscribe_links.list_unsubscribe_headers(url),
        # Caused by someone else's action (a status, a reply): counted per recipient, so no
        # one can fill an inbox; what is over the limit still shows in the list in the app.
        sender=Sender(f"notifications-for:{who.account_id}", settings.secret_key),
        kind=f"{MAIL}:{kind.code}",
    )


# --- the list in the app ---------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A notification as its reader sees it, in their language."""

    ref: str
    title: str
    body: str
    action: str
    created_at: dt.datetime
    is_read: bool


def _text(msgid: str, params: dict[str, Any]) -> str:
    try:
        return gettext(msgid, **params)
    except (KeyError, ValueError, TypeError):  # a parameter the kind no longer knows
        return gettext(msgid.split("%(")[0]).strip()


def shown(row: dict[str, Any]) -> Shown | None:
    kind = KINDS.get(row["kind"])
    if kind is None:
        return None
    params = json.loads(row["params"] or "{}")
    return Shown(
        ref=row["ref"],
        title=_text(kind.title, params),
        body=_text(kind.body, params),
        action=gettext(kind.action),
        created_at=row["created_at"],
        is_read=row["read_at"] is not None,
    )


async def notifications_of(account_id: int) -> list[Shown]:
    rows = (
        await Notification.select()
        .where(Notification.account == account_id)
        .order_by(Notification.created_at, ascending=False)
        .limit(LIST_LENGTH)
        .run()
    )
    return [item for row in rows if (item := shown(row)) is not None]


async def unread_count(account_id: int) -> int:
    return int(
        await Notification.count().where(
            (Notification.account == account_id) & Notification.read_at.is_null()
        )
    )


async def open_notification(account_id: int, ref: str) -> str | None:
    """Mark one of the person's notifications read; returns where it leads (None: not theirs)."""
    if not ref or len(ref) > 24:
        return None
    row = (
        await Notification.select(Notification.id, Notification.link)
        .where((Notification.ref == ref) & (Notification.account == account_id))
        .first()
        .run()
    )
    if row is None:
        return None
    await (
        Notification.update({Notification.read_at: utcnow()})
        .where((Notification.id == row["id"]) & Notification.read_at.is_null())
        .run()
    )
    return str(row["link"] or "/meldingen")


async def mark_all_read(account_id: int) -> None:
    await (
        Notification.update({Notification.read_at: utcnow()})
        .where((Notification.account == account_id) & Notification.read_at.is_null())
        .run()
    )


# --- unsubscribing by link -------------------------------------------------------


async def stop_by_link(account_id: int, what: str) -> list[str]:
    """Stop mail for one kind (or, from a digest, every kind that waits for it).

    Returns the kinds stopped; stopping twice is fine.
    """
    if what == DIGEST:
        rows = await NotificationPreference.select(NotificationPreference.kind).where(
            (NotificationPreference.account == account_id)
            & (NotificationPreference.delivery == DAILY)
        )
        chosen = {row["kind"] for row in rows}
        who = await addressee(account_id)
        defaults = {
            kind.code
            for kind in kinds_for(who.role if who else "")
            if kind.default == DAILY
            and not await NotificationPreference.exists().where(
                NotificationPreference.key == f"{account_id}:{kind.code}"
            )
        }
        kinds = sorted(chosen | defaults)
    elif what in KINDS:
        kinds = [what]
    else:
        return []
    for kind in kinds:
        await set_preference(account_id, kind, OFF)
    return kinds


# --- what other domains call -----------------------------------------------------


async def notify_members(
    settings: Settings, organisation_id: int, kind: str, params: dict[str, str], link: str
) -> int:
    """Notify every active member of an organisation, each as they chose; returns how many.

    An organisation without members hears nothing here (the caller may mail its
    contact address instead).
    """
    made = 0
    for account_id in await member_account_ids(organisation_id):
        made += await notify(settings, account_id, kind, params, link)
    return made


# What an organisation's owner chooses for each member (the member can change it too).
MEMBER_KIND = "response_received"


async def members_choices(owned: frozenset[int]) -> list[dict[str, Any]]:
    """Per organisation the owner owns: its members and how each hears of new responses."""
    kind = KINDS[MEMBER_KIND]
    shown = []
    for organisation_id in sorted(owned):
        members = await members_of(organisation_id)
        for member in members:
            member["delivery"] = await delivery_for(int(member["account_id"]), kind)
        shown.append({"name": await organisation_name(organisation_id), "members": members})
    return shown


async def is_member_of(owned: frozenset[int], account_id: int) -> bool:
    """Whether the account is a member of one of these organisations (an owner's own)."""
    for organisation_id in owned:
        if account_id in await member_account_ids(organisation_id):
            return True
    return False


async def organisation_verified(settings: Settings, organisation_id: int) -> int:
    params = {"organisation": await organisation_name(organisation_id)}
    return await notify_members(
        settings, organisation_id, "organisation_verified", params, "/organisatie"
    )


async def organisation_refused(settings: Settings, organisation_id: int, reason: str = "") -> int:
    params = {"organisation": await organisation_name(organisation_id)}
    if reason:
        params["reason"] = reason
    return await notify_members(
        settings, organisation_id, "organisation_refused", params, "/organisatie/gegevens"
    )


async def export_for(account_id: int) -> dict[str, list[dict[str, Any]]]:
    """What the person's notifications and choices hold, for their data export (AVG)."""
    rows = await Notification.select(
        Notification.kind,
        Notification.created_at,
        Notification.read_at,
        Notification.params,
        Notification.link,
    ).where(Notification.account == account_id)
    notifications = []
    for row in rows:
        item = shown({**row, "ref": "", "read_at": row["read_at"]})
        notifications.append(
            {
                "title": item.title if item else row["kind"],
                "created_at": row["created_at"],
                "read_at": row["read_at"],
            }
        )
    choices = await NotificationPreference.select(
        NotificationPreference.kind, NotificationPreference.delivery
    ).where(NotificationPreference.account == account_id)
    return {"notifications": notifications, "notification_choices": list(choices)}
