"""``/beheer/bewaartermijnen``: what the retention rules would do today (a dry run)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.response import Template

from meedoen.accounts.policies import require_role
from meedoen.retention.service import apply_retention
from meedoen.settings import Settings
from meedoen.web.templating import render


class RetentionReport(Controller):
    path = "/beheer/bewaartermijnen"
    include_in_schema = False
    guards = [require_role("admin")]

    @get("/", name="admin:retention", cache=False)
    async def report(
        self, request: Request[Any, Any, Any], settings: NamedDependency[Settings]
    ) -> Template:
        report = await apply_retention(settings, dry_run=True)
        return render(
            request, "retention/report.html", {"report": report, "periods": settings.retention}
        )


route_handlers = [RetentionReport]
