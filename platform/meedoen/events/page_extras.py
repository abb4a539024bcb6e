"""The next meetings shown on other domains' pages (home, /kansen, an organisation's page
and its kansen), loaded by the app assembly before those pages render, so the domains
that own the pages need not know about meetings."""

from __future__ import annotations

from typing import Any

from meedoen.events import presenters
from meedoen.events.meetings import upcoming
from meedoen.organisations.service import public_organisation_id

HOME_COUNT = 3


async def upcoming_for_path(path: str) -> list[dict[str, Any]] | None:
    """The meetings to show on the page at ``path`` (None: the page shows none)."""
    if path in ("/", "/kansen", "/kansen/"):
        return [presenters.card(row) for row in await upcoming(HOME_COUNT)]
    if path.startswith("/organisaties/") and path.count("/") == 2:
        organiser_id = await public_organisation_id(path.rsplit("/", 1)[-1])
        return [] if organiser_id is None else await _of(organiser_id)
    if path.startswith("/kansen/") and path.count("/") == 2:
        from meedoen.opportunities.service import public_opportunity

        item = await public_opportunity(path.rsplit("/", 1)[-1])
        return [] if item is None else await _of(int(item.organisation["id"]))
    return None


async def _of(organiser_id: int) -> list[dict[str, Any]]:
    return [presenters.card(row) for row in await upcoming(HOME_COUNT, organiser_id=organiser_id)]
