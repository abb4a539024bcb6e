"""Work queues in a table, taken a batch at a time with a lease.

The search outbox and the e-mail outbox work the same way: any number of workers, in
any number of processes, take rows that are due; a taken row carries the worker's claim
token and a lease time; a worker that finishes deletes or marks the row; a worker that
fails gives it back with a growing wait (back-off); a worker that crashes simply lets
its lease run out, after which another worker takes the row.

No lock is held between statements, so this is the same on SQLite and PostgreSQL: the
UPDATE that claims rows checks again that they are still free, so of two workers that
picked the same rows only one gets each row, and each reads back only what its own
token claimed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from piccolo.table import Table

# Given "now", the condition a row must meet to be taken (due, and not leased).
Claimable = Callable[[dt.datetime], Any]


@dataclass(frozen=True)
class Backoff:
    """Wait ``unit`` × 2^attempts after a failure, never more than ``maximum``."""

    unit: dt.timedelta
    maximum: dt.timedelta

    def after(self, attempts: int) -> dt.timedelta:
        # Doubling step by step: 2**attempts seconds overflows a timedelta after some
        # fifty failures, and doubling stops mattering once the maximum is reached.
        delay = self.unit
        for _ in range(attempts):
            if delay >= self.maximum:
                break
            delay *= 2
        return min(delay, self.maximum)


@dataclass(frozen=True)
class LeasedQueue:
    """A table of jobs that workers claim in batches with a lease.

    The table needs ``id``, ``claimed_by`` (text, "" when free), ``attempts`` and
    ``last_error`` columns, and ``lease_until``: the time column that holds both the end
    of a worker's lease and, after a failure, when the row may be tried again.
    ``claimable(now)`` says which rows may be taken now. Callers pass ``now`` from
    their own clock, so tests can move it.
    """

    table: type[Table]
    lease_until: Any
    claimable: Claimable
    lease: dt.timedelta
    backoff: Backoff
    first: Any = None
    """A column to claim by before age: rows where it is false (or lower) go first."""

    def _column(self, name: str) -> Any:
        return getattr(self.table, name)

    async def claim(self, limit: int, now: dt.datetime) -> list[dict[str, Any]]:
        """Take up to ``limit`` claimable rows, oldest first (after ``first``); returns
        them in that order."""
        row_id = self._column("id")
        claimable = self.claimable(now)
        order = [row_id] if self.first is None else [self.first, row_id]
        candidates = (
            await self.table.select(row_id).where(claimable).order_by(*order).limit(limit).run()
        )
        if not candidates:
            return []
        token = str(uuid.uuid4())
        # The claim condition is checked again by the UPDATE itself, so two workers
        # that picked the same candidates never both get them.
        await (
            self.table.update(
                {self._column("claimed_by"): token, self.lease_until: now + self.lease}
            )
            .where(row_id.is_in([row["id"] for row in candidates]) & claimable)
            .run()
        )
        return (
            await self.table.select()
            .where(self._column("claimed_by") == token)
            .order_by(*order)
            .run()
        )

    async def release_for_retry(
        self, row_id: int, attempts: int, error: str, now: dt.datetime
    ) -> None:
        """Give a claimed row back after a failure: counted, with its error, and not
        claimable again until the back-off has passed (a down server is not hammered).

        ``attempts`` is how many attempts the row had before this one.
        """
        attempts += 1
        await (
            self.table.update(
                {
                    self._column("attempts"): attempts,
                    self._column("last_error"): error[:2000],
                    self._column("claimed_by"): "",
                    self.lease_until: now + self.backoff.after(attempts),
                }
            )
            .where(self._column("id") == row_id)
            .run()
        )

    async def release(self, row_ids: list[int], token: str) -> None:
        """Give rows back at once, not counted as an attempt: the worker that holds them
        is stopping (a restart, a deploy), not failing. Only rows this claim ``token``
        still holds, so a row another worker took since is left alone."""
        if not row_ids:
            return
        await (
            self.table.update({self._column("claimed_by"): "", self.lease_until: None})
            .where(self._column("id").is_in(row_ids) & (self._column("claimed_by") == token))
            .run()
        )
