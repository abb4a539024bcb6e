"""The daily digest: one mail a day with what waited for it.

Once a day, from 07:00 Amsterdam time, everyone who chose "one mail per day" for a kind
gets one mail with the notifications of those kinds made before then. Each account's
rows are claimed with one conditional UPDATE … RETURNING, so two workers running at the
same time never send the same notification twice.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from zoneinfo import ZoneInfo

from meedoen.db import write_transaction
from meedoen.mail import unsubscribe as unsubscribe_links
from meedoen.mail.outbox import queue_mail
from meedoen.notifications import service
from meedoen.notifications.kinds import DAILY, KINDS, OFF
from meedoen.notifications.tables import Notification
from meedoen.settings import Settings

log = logging.getLogger(__name__)

DISTRICT_TIME = ZoneInfo("Europe/Amsterdam")
SEND_AT = dt.time(7, 0)


def cutoff(now: dt.datetime) -> dt.datetime:
    """The latest 07:00 in Enschede at or before ``now``: what came before it is due."""
    local = now.astimezone(DISTRICT_TIME)
    today = dt.datetime.combine(local.date(), SEND_AT, tzinfo=DISTRICT_TIME)
    return today if local >= today else today - dt.timedelta(days=1)


async def send_due_digests(settings: Settings, now: dt.datetime | None = None) -> int:
    """Queue every digest that is due; returns how many were queued."""
    now = now or service.utcnow()
    before = cutoff(now)
    waiting = await (
        Notification.select(Notification.account)
        .where(
            (Notification.delivery == DAILY)
            & Notification.mailed_at.is_null()
            & (Notification.created_at < before)
        )
        .distinct()
        .run()
    )
    sent = 0
    for row in waiting:
        sent += await _send_digest(settings, int(row["account"]), before, now)
    return sent


async def _send_digest(
    settings: Settings, account_id: int, before: dt.datetime, now: dt.datetime
) -> int:
    who = await service.recipient(account_id)
    async with write_transaction():
        claimed = (
            await Notification.update({Notification.mailed_at: now})
            .where(
                (Notification.account == account_id)
                & (Notification.delivery == DAILY)
                & Notification.mailed_at.is_null()
                & (Notification.created_at < before)
            )
            .returning(Notification.kind, Notification.params, Notification.link)
            .run()
        )
        if who is None or not claimed:
            return 0
        wanted = [row for row in claimed if row["kind"] in KINDS]
        stopped = {
            code
            for code in {row["kind"] for row in wanted}
            if await service.delivery_for(account_id, KINDS[code]) == OFF
        }
        wanted = [row for row in wanted if row["kind"] not in stopped]
        if not wanted:
            return 0
        url = service.unsubscribe_url(settings, account_id, service.DIGEST)
        await queue_mail(
            who.email,
            "notifications/digest",
            {
                "name": who.name,
                "items": [_item(settings, row) for row in wanted],
                "list_link": f"{settings.base_url}/meldingen",
                "unsubscribe_link": url,
                "settings_link": f"{settings.base_url}/meldingen/instellingen",
            },
            who.language,
            headers=unsubscribe_links.list_unsubscribe_headers(url),
            # The platform's own daily digest, asked for and stopped with one click.
            sender=None,
        )
    return 1


class _LazyText:
    """A kind's sentence, translated when the mail is rendered (in the reader's language)."""

    def __init__(self, msgid: str, params: dict[str, str]) -> None:
        self.msgid, self.params = msgid, params

    def __str__(self) -> str:
        return service._text(self.msgid, self.params)


def _item(settings: Settings, row: dict[str, object]) -> dict[str, object]:
    kind = KINDS[str(row["kind"])]
    params = json.loads(str(row["params"] or "{}"))
    return {
        "title": _LazyText(kind.title, params),
        "body": _LazyText(kind.body, params),
        "link": f"{settings.base_url}{row['link']}",
    }
