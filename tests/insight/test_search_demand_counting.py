"""Searches that find nothing or little are counted anonymously: only the words, the
filters, the month, a result bucket and a count, stored as aggregates."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from meedoen.insight import demand
from meedoen.insight.tables import SearchDemand
from meedoen.search.demand import DemandKey, DemandTally, normalised_term
from meedoen.search.query import OpportunitySearch

DAY = dt.date(2026, 11, 14)


def test_the_same_words_count_as_one_whatever_their_case_accents_and_punctuation():
    assert normalised_term("  Héftruck-CHAUFFEUR! ") == "heftruck chauffeur"
    assert normalised_term("heftruck   chauffeur") == "heftruck chauffeur"


def test_only_searches_that_find_fewer_than_five_are_counted_and_only_on_their_first_page():
    tally = DemandTally()
    tally.note(OpportunitySearch(q="heftruck"), 0, DAY)
    tally.note(OpportunitySearch(q="heftruck"), 4, DAY)
    tally.note(OpportunitySearch(q="heftruck"), 5, DAY)  # found enough
    tally.note(OpportunitySearch(q="heftruck", page=2), 0, DAY)  # same search, next page
    tally.note(OpportunitySearch(), 0, DAY)  # asked nothing
    tally.note(OpportunitySearch(kind=("stage",), level=("mbo2",)), 0, DAY)

    assert tally.drain() == Counter(
        {
            DemandKey("2026-11", "geen", "", "heftruck"): 1,
            DemandKey("2026-11", "weinig", "", "heftruck"): 1,
            DemandKey("2026-11", "geen", "kind=stage&level=mbo2", ""): 1,
        }
    )
    assert len(tally) == 0


def test_a_flood_of_made_up_words_cannot_fill_the_memory(monkeypatch):
    from meedoen.search import demand as tally_module

    monkeypatch.setattr(tally_module, "MAX_PENDING", 3)
    tally = DemandTally()
    for n in range(10):
        tally.note(OpportunitySearch(q=f"woord{n}"), 0, DAY)
    tally.note(OpportunitySearch(q="woord0"), 0, DAY)  # a row already waiting still counts

    assert len(tally) == 3 and tally.drain()[DemandKey("2026-11", "geen", "", "woord0")] == 2


async def test_the_stored_table_holds_nothing_that_points_to_a_person(database):
    columns = {column._meta.db_column_name for column in SearchDemand._meta.columns}

    assert columns == {"id", "key", "month", "term", "filters", "bucket", "searches"}


async def test_a_search_on_the_page_is_counted_without_the_searcher(
    corpus, indexed, client, signed_in_as
):
    await indexed()
    await demand.flush(demand_tally())  # what other tests searched
    await SearchDemand.delete(force=True)
    await signed_in_as("resident")

    for _ in range(3):
        page = await client.get("/kansen?q=xylofoonstemmer+onvindbaar&kind=stage")
        assert page.status_code == 200
    await demand.flush(demand_tally())

    rows = await SearchDemand.select().run()
    assert [(r["term"], r["filters"], r["bucket"], r["searches"]) for r in rows] == [
        ("xylofoonstemmer onvindbaar", "kind=stage", "geen", 3)
    ]
    assert rows[0]["month"] == dt.date.today().strftime("%Y-%m")


async def test_counts_from_many_flushes_add_up_and_old_months_are_forgotten(database):
    await SearchDemand.delete(force=True)
    key = DemandKey("2024-10", "geen", "", "bakker")
    recent = DemandKey("2026-11", "geen", "", "bakker")
    await demand.add_counts(Counter({key: 2, recent: 1}))
    await demand.add_counts(Counter({key: 3}))

    stored = {r["month"]: r["searches"] for r in await SearchDemand.select().run()}
    assert stored == {"2024-10": 5, "2026-11": 1}

    assert demand.oldest_kept_month(dt.date(2026, 11, 30)) == "2024-12"
    assert await demand.months_due(dt.date(2026, 11, 30)) == ["2024-10"]
    assert await demand.months_due(dt.date(2026, 9, 30)) == []  # 2024-10 is the 24th month
    await demand.forget_months(["2024-10"])
    assert [r["month"] for r in await SearchDemand.select().run()] == ["2026-11"]


async def test_a_failed_flush_keeps_the_counts_for_the_next_one(database, monkeypatch):
    tally = DemandTally()
    tally.note(OpportunitySearch(q="bakker"), 0, DAY)

    async def database_away(counts):
        raise OSError("database away")

    monkeypatch.setattr(demand, "add_counts", database_away)
    assert await demand.flush(tally) == 0
    assert len(tally) == 1


def demand_tally() -> DemandTally:
    from meedoen.search.demand import TALLY

    return TALLY


async def test_the_retention_rule_forgets_counts_older_than_24_months(clean_database, settings):
    from meedoen.retention.service import apply_retention

    await demand.add_counts(
        Counter(
            {
                DemandKey("2024-11", "geen", "", "bakker"): 7,  # the 25th month back
                DemandKey("2024-12", "geen", "", "bakker"): 7,  # the 24th: kept
            }
        )
    )
    now = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)

    report = await apply_retention(settings, now, dry_run=True)
    assert [r["month"] for r in await SearchDemand.select().run()] == ["2024-11", "2024-12"]
    await apply_retention(settings, now)

    assert report  # the dry run named what it would do
    assert [r["month"] for r in await SearchDemand.select().run()] == ["2024-12"]


async def test_each_web_process_stores_its_tally_when_it_stops(database):
    import asyncio

    from meedoen.app.background import store_search_demand

    tally = demand_tally()
    await demand.flush(tally)
    await SearchDemand.delete(force=True)
    stopping = asyncio.Event()
    storing = asyncio.ensure_future(store_search_demand(None, stopping))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    tally.note(OpportunitySearch(q="klokkenmaker"), 0, DAY)
    stopping.set()
    await storing

    rows = await SearchDemand.select(SearchDemand.term, SearchDemand.searches).run()
    assert rows == [{"term": "klokkenmaker", "searches": 1}]

    cancelled = asyncio.ensure_future(store_search_demand(None, asyncio.Event()))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    tally.note(OpportunitySearch(q="klokkenmaker"), 0, DAY)
    cancelled.cancel()  # how Runtime.shutdown ends it
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    assert (await SearchDemand.select(SearchDemand.searches).run()) == [{"searches": 2}]
