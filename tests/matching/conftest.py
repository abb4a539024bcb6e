"""Shared by the candidate specifications: one posting and three residents who all fit it.

Fenna chose to be findable, Coby shares her profile with her coach only, Pim keeps his
private.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from coaching.conftest import a_resident_of, as_user
from meedoen.accounts.tables import Account
from meedoen.indexing.outbox import record_change, record_changes
from meedoen.opportunities.tables import Opportunity
from meedoen.residents.tables import Resident
from organisations.conftest import a_resident, posting_of
from support.auth import DEFAULT_PASSWORD, make_account, sign_in
from support.database import empty_all_tables

FITTING = {
    "wijk": "Stadsveld",
    "skills": ["koken", "gastvrijheid"],
    "interests": ["koken en eten"],
    "preferred_kinds": ["vrijwilligerswerk"],
    "hours_per_week": 6,
    "language_level": "B1",
    "ladder_rung": 3,
}


@pytest.fixture(scope="module")
async def drained(runtime: Any, database: str) -> Callable[[], Awaitable[int]]:
    """Like the ``indexed`` fixture, once per module: the corpus imported, then ``drain()``
    applies every waiting outbox change to the opportunities index."""
    from meedoen.app.background import search_indexer
    from meedoen.demo.corpus_import import import_corpus
    from meedoen.demo.seed import DEMO_CORPUS_DIR
    from meedoen.indexing.indexer import OPPORTUNITIES
    from support.app import drain_everything

    await import_corpus(DEMO_CORPUS_DIR)
    indexer = search_indexer(
        runtime.search.writer, runtime.search.index_name(OPPORTUNITIES), extra=False
    )
    await indexer.ensure_index()

    async def drain() -> int:
        return await drain_everything(indexer)

    await drain()
    return drain


async def a_fitting_resident(first_name: str, visibility: str) -> Resident:
    _, resident = await a_resident(
        first_name,
        summary=f"{first_name} kookt graag voor de buurt.",
        visibility=visibility,
        **FITTING,
    )
    await record_change("resident", resident.ref)
    return resident


@pytest.fixture
async def district(client, clean_database, indexed) -> AsyncIterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The world of these specifications, taken away again afterwards: later tests work on
    the demo corpus and must not meet Fenna, Coby or Pim in the database or the index."""
    member = await make_account("organisation")
    posting = await posting_of(
        member,
        kind="vrijwilligerswerk",
        title="Koken in buurthuis De Bothoven",
        description="Samen koken voor de buren.",
        sector="welzijn en buurt",
        wijk="Stadsveld",
        postcode="7545 AA",
        skills=["koken"],
        hours_per_week_min=4,
        hours_per_week_max=8,
        status="open",
    )
    coach = await make_account("coach")
    coby = await a_resident_of(
        as_user(coach),
        first_name="Coby",
        wijk="Stadsveld",
        skills=("koken", "gastvrijheid"),
        interests=("koken en eten",),
        preferred_kinds=("vrijwilligerswerk",),
        hours_per_week=6,
        language_level="B1",
        rung=3,
        motivation="Kookt elke week bij de buurvrouw.",
    )
    fenna = await a_fitting_resident("Fenna", "findable")
    pim = await a_fitting_resident("Pim", "private")
    await indexed()
    yield {"member": member, "coach": coach, "posting": posting, "coby": coby, "fenna": fenna, "pim": pim}  # fmt: skip
    await forget_everything(indexed)


async def account_of(resident: Resident) -> Account:
    account = await Account.objects().where(Account.id == resident.account).first()
    assert account is not None
    return account


async def as_account(client, account) -> None:  # type: ignore[no-untyped-def]
    await client.post("/uitloggen", data={})
    response = await sign_in(client, account.email, DEFAULT_PASSWORD)
    assert response.status_code == 303


def candidates_url(district) -> str:  # type: ignore[no-untyped-def]
    return f"/organisatie/kansen/{district['posting']}/kandidaten"


def propose_url(district, resident) -> str:  # type: ignore[no-untyped-def]
    return f"{candidates_url(district)}/{resident.ref}/voorstellen"


async def forget_everything(indexed) -> None:  # type: ignore[no-untyped-def]
    """Empty the database and take what was in it out of the search indexes."""
    await indexed()  # first what is waiting (a deletion, say): emptying drops the outbox
    residents = [row["ref"] for row in await Resident.select(Resident.ref)]
    opportunities = [row["ref"] for row in await Opportunity.select(Opportunity.ref)]
    await empty_all_tables()
    await record_changes("resident", residents)
    await record_changes("opportunity", opportunities)
    await indexed()
