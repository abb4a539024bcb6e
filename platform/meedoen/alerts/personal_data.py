"""What alerts holds about a person, for their data download and for erasing it (AVG)."""

from __future__ import annotations

from typing import Any

from meedoen.alerts.tables import SavedSearch, SentAlertItem


async def export_for_account(account_id: int) -> list[dict[str, Any]]:
    return list(
        await SavedSearch.select(
            SavedSearch.query,
            SavedSearch.frequency,
            SavedSearch.created_at,
            SavedSearch.last_sent_at,
        ).where(SavedSearch.account == account_id)
    )


async def forget_account(account_id: int) -> None:
    searches = [
        row["id"]
        for row in await SavedSearch.select(SavedSearch.id).where(SavedSearch.account == account_id)
    ]
    if searches:
        await SentAlertItem.delete().where(SentAlertItem.saved_search.is_in(searches)).run()
        await SavedSearch.delete().where(SavedSearch.id.is_in(searches)).run()
