"""The demo history tells a story out of the box, and seeding twice changes nothing."""

from collections import Counter


async def snapshot():
    from meedoen.goals.tables import Goal
    from meedoen.placements.tables import CaseloadLink, LadderRecord, Placement, PlacementEvent

    return {
        "placements": sorted(
            (p["ref"], p["status"], str(p["start_date"]), p["next_step_kind"])
            for p in await Placement.select().run()
        ),
        "events": await PlacementEvent.count(),
        "ladder": sorted(
            (r["resident"], str(r["recorded_on"]), r["rung"])
            for r in await LadderRecord.select().run()
        ),
        "links": await CaseloadLink.count(),
        "goals": sorted(g["name"] for g in await Goal.select().run()),
    }


async def test_seeding_twice_gives_the_same_history(history):
    from meedoen.demo.history import seed_history

    before = await snapshot()
    assert await seed_history() is False
    assert await snapshot() == before


async def test_the_history_goes_through_the_whole_pipeline(history):
    from meedoen.accounts.tables import Account
    from meedoen.placements.tables import LadderRecord, Placement, PlacementEvent

    statuses = Counter(p["status"] for p in await Placement.select(Placement.status).run())
    assert all(statuses[s] >= 1 for s in ("voorgesteld", "kennismaking")), statuses
    assert all(statuses[s] >= 10 for s in ("gestart", "afgerond", "gestopt")), statuses
    stopped = await Placement.select().where(Placement.status == "gestopt").run()
    assert all(p["stop_reason"] and p["stop_text"] for p in stopped)
    assert await Placement.count().where(Placement.next_step_kind == "betaald_werk") >= 10
    assert (
        await PlacementEvent.count().where(PlacementEvent.to_status == "afgerond")
        == statuses["afgerond"]
    )
    occasions = Counter(
        r["occasion"] for r in await LadderRecord.select(LadderRecord.occasion).run()
    )
    assert occasions["intake"] == 150 and occasions["review"] > 300
    assert await Account.count().where(Account.role == "coach") >= 3
