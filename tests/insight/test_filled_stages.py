"""A stage is filled once a placement on it started: the insight view asks the placements
domain about the places it shows only, in batches, never about every placement."""

from __future__ import annotations

import datetime as dt


async def test_started_places_are_found_among_the_asked_ones_in_any_batch_size(
    clean_database, corpus, monkeypatch
):
    from meedoen.demo.history import seed_history
    from meedoen.opportunities.tables import Opportunity
    from meedoen.placements import service
    from meedoen.placements.tables import Placement

    await seed_history()
    day = dt.date.today()
    rows = await Placement.select(Placement.opportunity).where(
        Placement.opportunity.is_not_null()
        & Placement.status.is_in(["gestart", "afgerond", "gestopt"])
        & (Placement.start_date <= day)
    )
    expected = {int(r["opportunity"]) for r in rows}
    every = [int(r["id"]) for r in await Opportunity.select(Opportunity.id)]
    asked = every[::2]
    assert len(expected) > 10  # the demo history has started placements to find

    monkeypatch.setattr(service, "IDS_PER_QUERY", 7)
    assert await service.opportunities_started_by(day, every) == expected
    assert await service.opportunities_started_by(day, asked) == expected & set(asked)
    assert await service.opportunities_started_by(day, []) == set()
    assert await service.opportunities_started_by(day - dt.timedelta(days=3650), every) == set()
