"""Anonymous counts of searches that found nothing or little ("unmet demand").

A search page notes its search here: only the normalised words, the filters, the month
and a bucket for the number of results — never who searched, their address or session.
Searches that found five or more results are not noted at all.

Counting costs a dictionary update in this process's memory: no database write on the
resident's request. The app assembly drains the tally every minute and on shutdown and
adds it to the stored aggregates with one atomic upsert per row (``insight.demand``).
The shared scheduler cannot do that draining: it runs a job in one process per turn,
and each web process holds its own tally. At most ``MAX_PENDING`` different rows wait in
memory; a flood of made-up words past that is dropped rather than kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from meedoen.search.query import FACETS, OpportunitySearch
from meedoen.textfold import fold

FEW_RESULTS = 5
"""Searches with fewer results than this are noted (none, or 1 to 4)."""
MAX_TERM_CHARS = 100
MAX_FILTER_CHARS = 280
MAX_PENDING = 10_000
_NOT_A_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, order=True)
class DemandKey:
    """One aggregate row: nothing in it points to a person."""

    month: str  # 2026-11
    bucket: str  # "geen" or "weinig"
    filters: str
    term: str

    @property
    def key(self) -> str:
        return f"{self.month}|{self.bucket}|{self.filters}|{self.term}"


def normalised_term(text: str) -> str:
    """Lower case, without accents or punctuation, single spaces: "Heftruck-chauffeur!"
    and "heftruck chauffeur" count as one."""
    words = _NOT_A_WORD.sub(" ", fold(text.casefold())).replace("_", " ").split()
    return " ".join(words)[:MAX_TERM_CHARS].strip()


def filter_combination(search: OpportunitySearch) -> str:
    """The chosen filters in a fixed order, e.g. ``kind=stage&level=mbo2``."""
    parts = []
    for facet in FACETS:
        values = sorted(search.selected(facet))
        if values:
            parts.append(f"{facet}={','.join(values)}")
    return "&".join(parts)[:MAX_FILTER_CHARS]


def bucket_of(total: int) -> str | None:
    if total == 0:
        return "geen"
    if total < FEW_RESULTS:
        return "weinig"
    return None


class DemandTally:
    """This process's not yet stored counts."""

    def __init__(self) -> None:
        self._pending: Counter[DemandKey] = Counter()

    def note(self, search: OpportunitySearch, total: int, today: dt.date) -> None:
        """Count one search with ``total`` results, if it found little and asked something."""
        bucket = bucket_of(total)
        if bucket is None or search.page != 1:
            return  # found enough (most searches: no text work), or a later page already noted
        term, filters = normalised_term(search.q), filter_combination(search)
        if not (term or filters):
            return  # asked nothing
        key = DemandKey(today.strftime("%Y-%m"), bucket, filters, term)
        if key in self._pending or len(self._pending) < MAX_PENDING:
            self._pending[key] += 1

    def drain(self) -> Counter[DemandKey]:
        """Everything counted so far; the tally starts again from nothing."""
        pending, self._pending = self._pending, Counter()
        return pending

    def give_back(self, counts: Counter[DemandKey]) -> None:
        """Counts that could not be stored (database away): kept for the next try."""
        self._pending.update(counts)

    def __len__(self) -> int:
        return len(self._pending)


TALLY = DemandTally()
"""The tally of this process (each web process has its own)."""
