"""Applying the retention rules, or only saying what they would do (a dry run)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from meedoen.i18n import gettext
from meedoen.retention.rules import RULES, Rule
from meedoen.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RuleReport:
    rule: Rule
    steps: dict[str, int]  # step msgid -> how many records

    def lines(self, *, nothing_too: bool = True) -> list[str]:
        """The steps in the current language ("3 bewoners krijgen …")."""
        return [
            gettext(step, count=count) for step, count in self.steps.items() if count or nothing_too
        ]


@dataclass(frozen=True)
class Report:
    at: dt.datetime
    applied: bool
    rules: list[RuleReport]

    @property
    def total(self) -> int:
        return sum(sum(r.steps.values()) for r in self.rules)


async def apply_retention(
    settings: Settings, now: dt.datetime | None = None, *, dry_run: bool = False
) -> Report:
    """Each rule's due records at ``now``; carried out unless ``dry_run``."""
    now = now or dt.datetime.now(dt.UTC)
    reports = []
    for rule in RULES:
        due = await rule.due(now, settings)
        if not dry_run:
            for step, records in due.items():
                if records:
                    await rule.carry_out(step, records, now, settings)
                    log.info("retention %s: %s", rule.name, gettext(step, count=len(records)))
        reports.append(RuleReport(rule, {step: len(records) for step, records in due.items()}))
    return Report(now, not dry_run, reports)
