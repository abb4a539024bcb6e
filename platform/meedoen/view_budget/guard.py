"""The scraping budget for route handlers: past it, a 429 with the reason in plain Dutch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from litestar.status_codes import HTTP_429_TOO_MANY_REQUESTS

from meedoen.i18n import gettext
from meedoen.view_budget.service import ViewBudgetSpent, admit
from meedoen.web.errors import UserFacingHTTPException


class Viewer(Protocol):
    """Whoever looks: a signed-in user (this domain needs nothing else of accounts)."""

    @property
    def account_id(self) -> int: ...


async def count_views(user: Viewer | None, resident_refs: Iterable[str]) -> None:
    """Call before showing these residents' data to ``user``; 429 when over budget."""
    if user is None:
        return
    try:
        await admit(user.account_id, resident_refs)
    except ViewBudgetSpent as spent:
        raise UserFacingHTTPException(
            status_code=HTTP_429_TOO_MANY_REQUESTS, detail=gettext(spent.message)
        ) from None
