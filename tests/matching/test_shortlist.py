"""The shortlist's building blocks, without an index (the service tests use a real one)."""

from __future__ import annotations

from datetime import date

from meedoen.matching import ResidentProfile
from meedoen.matching.geography import WIJKEN, cycling_minutes
from meedoen.matching.shortlist import Pool, Query, free_ring, most_of, spread
from meedoen.matching.shortlist_opportunities import explore_queries, own_skills
from meedoen.matching.weights import DEFAULT_WEIGHTS

TODAY = date(2026, 11, 24)


def test_a_round_trip_shares_its_budget_by_weight_within_bounds() -> None:
    queries = [Query(("a",), 2), Query(("b",), 1), Query(("c",), 1)]

    assert [q.limit for q in spread(queries, 400)] == [200, 100, 100]
    assert [q.limit for q in spread(queries, 40)] == [20, 20, 20]  # never too shallow
    assert [q.limit for q in spread(queries, 10_000)] == [400, 400, 400]  # nor too deep


def test_the_pool_ranks_by_estimate_then_ref_and_estimates_each_candidate_once() -> None:
    calls: list[str] = []

    def estimate(hit: dict[str, object]) -> float | None:
        calls.append(str(hit["ref"]))
        return None if hit["ref"] == "c" else float(str(hit["value"]))

    pool = Pool(estimate)
    pool.add([{"ref": "b", "value": 5}, {"ref": "a", "value": 5}, {"ref": "c", "value": 9}])
    pool.add([{"ref": "b", "value": 1}, {"ref": "d", "value": 7}])

    assert pool.best(10) == ["d", "a", "b"]  # "c" is excluded by the engine
    assert calls == ["b", "a", "c", "d"]


def test_near_copies_with_one_skill_swapped_are_like_the_original() -> None:
    (expression,) = most_of("skills", ["kassa", "koken", "schoonmaken"])

    assert expression.count(" OR ") == 2 and expression.count(" AND ") == 3
    assert most_of("skills", ["kassa", "koken"]) == ('skills = "kassa"', 'skills = "koken"')


def test_the_free_ring_holds_the_wijken_where_travel_costs_nothing() -> None:
    ring = free_ring("Stadsveld")
    free = DEFAULT_WEIGHTS.travel.free_minutes

    for name, place in WIJKEN.items():
        inside = f'"{name}"' in ring
        assert inside == (cycling_minutes(WIJKEN["Stadsveld"], place) <= free), name
    assert free_ring(None) == ""


def test_a_resident_with_a_licence_is_asked_for_jobs_that_need_one() -> None:
    driver = ResidentProfile(ref="res-x", skills=("rijbewijs C",), has_driving_licence=True)
    filters = [" ".join(q.filters) for q in explore_queries(driver, TODAY)]

    assert own_skills(driver) == ["rijbewijs C", "rijbewijs B"]
    assert any('skills = "rijbewijs B"' in f for f in filters)
