"""Saved searches and their digests: new matching opportunities, each mentioned once.

"New" means: published, found by the saved search, posted after the search was saved,
and not in an earlier digest of this search (``SentAlertItem`` remembers). A digest is
claimed by moving ``next_due_at`` on with a conditional update, so two workers never
send the same digest twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode

from meedoen.accounts.service import addressee, lock_account
from meedoen.alerts.tables import SavedSearch, SentAlertItem
from meedoen.alerts.unsubscribe import list_unsubscribe_headers, unsubscribe_url
from meedoen.db import write_transaction
from meedoen.i18n import N_, gettext
from meedoen.mail.outbox import queue_mail
from meedoen.opportunities.params import parse_search
from meedoen.opportunities.presenters import active_filters, query_pairs
from meedoen.opportunities.service import published_postings
from meedoen.refusals import Refused
from meedoen.search.query import MAX_PER_PAGE, OpportunitySearch

if TYPE_CHECKING:
    from meedoen.search.gateway import SearchGateway
    from meedoen.settings import Settings

log = logging.getLogger(__name__)

FREQUENCIES: Mapping[str, dt.timedelta] = {
    "daily": dt.timedelta(days=1),
    "weekly": dt.timedelta(days=7),
}
FREQUENCY_LABELS = {"daily": N_("Elke dag"), "weekly": N_("Elke week")}
MAX_SAVED_SEARCHES = 20
RETRY_FAILED_SEARCH = dt.timedelta(minutes=10)
"""A digest whose search failed (search busy, an outage) is tried again this soon, not a
whole period later: the claim already moved it a day or a week ahead."""
MAX_ITEMS_PER_DIGEST = 20


class AlertRefused(Refused):
    """The change is not allowed; ``message`` is a Dutch msgid to show."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def canonical_query(params: Mapping[str, Sequence[str]]) -> str:
    """The search in ``params`` as a short query string, without page or unknown values."""
    search = parse_search(params).search
    return urlencode(query_pairs(replace(search, page=1)))


def search_from_query(query: str) -> OpportunitySearch:
    return parse_search(parse_qs(query)).search


def describe(query: str) -> str:
    """A saved search in words: "‘koken’ · Pathmos · Vrijwilligerswerk"."""
    search = search_from_query(query)
    parts = [f"‘{search.q}’"] if search.q else []
    parts += [active.label for active in active_filters(search)]
    return " · ".join(parts) or gettext("Alle kansen")


def same_search_key(query: str) -> tuple[tuple[str, str], ...]:
    """What makes two saved searches the same: the words and the filters, in any order.

    Sorting and page size change how results are shown, not which ones an alert finds.
    """
    search = search_from_query(query)
    pairs = {
        (name, " ".join(value.split()).casefold() if name == "q" else value)
        for name, value in query_pairs(replace(search, page=1))
        if name not in {"sort", "per_page"}
    }
    return tuple(sorted(pairs))


@dataclass(frozen=True)
class SaveResult:
    saved: SavedSearch
    already_saved: bool


async def save_search(account_id: int, query: str, frequency: str) -> SaveResult:
    """Save the search, or find the one with the same filters the account already has.

    Saving twice is harmless: the second save keeps the first search (with the frequency
    chosen last) instead of storing a copy that would mail the same kansen twice.
    """
    if frequency not in FREQUENCIES:
        raise AlertRefused(N_("Kies hoe vaak je een e-mail wilt krijgen."))
    now = utcnow()
    key = same_search_key(query)
    async with write_transaction():
        # Saves of one account take turns, so neither the count nor the check for the same
        # search can be read twice before either insert (40 saves at once stored 40).
        await lock_account(account_id)
        existing = await SavedSearch.objects().where(SavedSearch.account == account_id)
        for saved in existing:
            if same_search_key(saved.query) == key:
                if saved.frequency != frequency:
                    saved.frequency = frequency
                    saved.next_due_at = now + FREQUENCIES[frequency]
                    await saved.save([SavedSearch.frequency, SavedSearch.next_due_at])
                return SaveResult(saved, already_saved=True)
        if len(existing) >= MAX_SAVED_SEARCHES:
            raise AlertRefused(N_("Je hebt al 20 zoekopdrachten bewaard. Verwijder er eerst een."))
        saved = SavedSearch(
            ref=f"zk-{secrets.token_hex(6)}",
            account=account_id,
            query=query,
            frequency=frequency,
            created_at=now,
            next_due_at=now + FREQUENCIES[frequency],
        )
        await saved.save()
    return SaveResult(saved, already_saved=False)


async def saved_searches(account_id: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        await SavedSearch.select()
        .where(SavedSearch.account == account_id)
        .order_by(SavedSearch.created_at, ascending=False)
        .run()
    )
    return rows


async def delete_search(account_id: int, ref: str) -> bool:
    """Delete one of the account's own saved searches; False when it is not theirs."""
    found = await SavedSearch.exists().where(
        (SavedSearch.ref == ref) & (SavedSearch.account == account_id)
    )
    if found:
        await SavedSearch.delete().where(SavedSearch.ref == ref).run()
    return bool(found)


# --- digests ---------------------------------------------------------------------------


async def send_due_alerts(
    search: SearchGateway, settings: Settings, now: dt.datetime | None = None
) -> int:
    """Queue a digest for every saved search that is due; returns how many mails were queued."""
    from meedoen.opportunities.service import find_opportunities

    now = now or utcnow()
    due = (
        await SavedSearch.select()
        .where(SavedSearch.next_due_at <= now)
        .order_by(SavedSearch.next_due_at)
        .limit(200)
        .run()
    )
    sent = 0
    for saved in due:
        if not await _claim(saved, now):
            continue
        wanted = replace(
            search_from_query(saved["query"]), sort="newest", page=1, per_page=MAX_PER_PAGE
        )
        try:
            findings = await find_opportunities(search, wanted)
        except Exception as error:  # one broken search must not stop the others
            log.warning("alert %s: search failed, tried again soon: %s", saved["ref"], error)
            await _try_again_soon(saved, now)
            continue
        refs = [hit.ref for hit in findings.results.items]
        sent += await _send_digest(settings, saved, refs, now)
    return sent


async def _claim(saved: Mapping[str, Any], now: dt.datetime) -> bool:
    step = FREQUENCIES.get(saved["frequency"], FREQUENCIES["weekly"])
    claimed = (
        await SavedSearch.update({SavedSearch.next_due_at: now + step})
        .where((SavedSearch.id == saved["id"]) & (SavedSearch.next_due_at == saved["next_due_at"]))
        .returning(SavedSearch.id)
        .run()
    )
    return bool(claimed)


async def _try_again_soon(saved: Mapping[str, Any], now: dt.datetime) -> None:
    await SavedSearch.update({SavedSearch.next_due_at: now + RETRY_FAILED_SEARCH}).where(
        SavedSearch.id == saved["id"]
    )


async def _send_digest(
    settings: Settings, saved: Mapping[str, Any], refs: list[str], now: dt.datetime
) -> int:
    if not refs:
        return 0
    already = {
        row["opportunity_ref"]
        for row in await SentAlertItem.select(SentAlertItem.opportunity_ref).where(
            SentAlertItem.saved_search == saved["id"]
        )
    }
    rows = await published_postings(refs)
    order = {ref: index for index, ref in enumerate(refs)}
    new = sorted(
        (r for r in rows if r["ref"] not in already and r["created_at"] >= saved["created_at"]),
        key=lambda r: order[r["ref"]],
    )[:MAX_ITEMS_PER_DIGEST]
    if not new:
        return 0
    account = await addressee(saved["account"])
    if account is None:
        return 0
    base = settings.base_url
    unsubscribe = unsubscribe_url(base, settings.secret_key, account.account_id, saved["ref"])
    async with write_transaction():
        # Asked for by the recipient, stopped with one click: not counted (no sender).
        await queue_mail(
            account.email,
            "alert_digest",
            {
                "name": account.name,
                "items": [
                    {
                        "title": r["title"],
                        "organisation": r["organisation"],
                        "link": f"{base}/kansen/{r['ref']}",
                    }
                    for r in new
                ],
                "search_link": f"{base}/kansen?{saved['query']}"
                if saved["query"]
                else f"{base}/kansen",
                "unsubscribe_link": unsubscribe,
            },
            account.language,
            headers=list_unsubscribe_headers(unsubscribe),
            sender=None,
        )
        await SentAlertItem.insert(
            *[
                SentAlertItem(saved_search=saved["id"], opportunity_ref=r["ref"], sent_at=now)
                for r in new
            ]
        ).run()
        await (
            SavedSearch.update({SavedSearch.last_sent_at: now})
            .where(SavedSearch.id == saved["id"])
            .run()
        )
    return 1
