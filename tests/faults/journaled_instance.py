"""``python -m faults.journaled_instance UVICORN-ARGS``: uvicorn, with a journal of the outbox.

Every outbox change the in-process worker applies to the index, and every change it
completes (deletes from the outbox), is appended to ``$MEEDOEN_TEST_JOURNAL`` as
``TIME applied ID REF`` / ``TIME completed ID REF`` (TIME: the machine's monotonic clock).
Two instances' journals show whether a change was applied twice or not at all. (SQLite
reuses the ids of deleted rows, so an id may come back, but only after it was completed.) Nothing else about the app changes.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence


def install_journal(path: str) -> None:
    from meedoen.indexing import outbox
    from meedoen.indexing.indexer import SearchIndexer
    from meedoen.indexing.outbox import Change

    def write(what: str, changes: Sequence[Change]) -> None:
        with open(path, "a") as journal:
            now = time.monotonic_ns()  # one clock for every process on the machine
            journal.writelines(f"{now} {what} {change.id} {change.ref}\n" for change in changes)

    original_apply = SearchIndexer.apply
    original_complete = outbox.complete

    async def apply(self: SearchIndexer, changes: Sequence[Change]) -> None:
        await original_apply(self, changes)
        write("applied", changes)

    async def complete(changes: Sequence[Change]) -> None:
        await original_complete(changes)
        write("completed", changes)

    SearchIndexer.apply = apply  # type: ignore[method-assign]
    outbox.complete = complete


def main() -> None:
    install_journal(os.environ["MEEDOEN_TEST_JOURNAL"])
    import uvicorn

    sys.argv = ["uvicorn", *sys.argv[1:]]
    uvicorn.main()


if __name__ == "__main__":
    main()
