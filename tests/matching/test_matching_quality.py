"""Matching quality on the judged sets: nDCG@10 and the share of residents whose
best-graded kans is in the top 3 (see judged_sets.py for the sets and the figures).

The grades were written by reading residents and postings, not by running the engine.
Matching must also work for residents that are not in the sets, so tune general
behaviour, never individual cases; the second set keeps a half out of tuning.
"""

from __future__ import annotations

import pytest
from judged_sets import FIRST_SET, SECOND_SET, Outcome, figures, load, outcomes, today_of

# A little below what the engine reaches (printed by the tests); raise them when
# matching improves, never lower them to make a change pass.
FIRST_MIN_NDCG = 0.85
SECOND_MIN_NDCG = 0.81
SECOND_MIN_HELD_OUT_NDCG = 0.775
SECOND_MIN_BEST_ON_TOP = 0.89


@pytest.fixture(scope="module")
def second() -> list[Outcome]:
    return outcomes(SECOND_SET)


def test_the_first_set_is_large_and_varied() -> None:
    people = [j.resident for j in load(FIRST_SET)]
    assert len(people) >= 30
    assert {p.ladder_rung for p in people} == {1, 2, 3, 4, 5, 6}
    assert len({p.wijk for p in people}) >= 8
    assert len({p.language_level for p in people}) == 5


def test_the_second_set_covers_the_people_matching_must_serve() -> None:
    judged = load(SECOND_SET)
    people = [j.resident for j in judged]
    ages = [age for p in people if (age := p.age_on(today_of(SECOND_SET))) is not None]
    assert len(people) >= 80
    assert {p.ladder_rung for p in people} == {1, 2, 3, 4, 5, 6}
    assert min(ages) <= 15 and max(ages) >= 67
    kinds = {kind for p in people for kind in p.preferred_kinds}
    assert kinds >= {"vrijwilligerswerk", "stage", "leerwerkplek", "betaald_werk", "dagbesteding"}
    patterns = [p for j in judged for p in j.patterns]
    for pattern in ("training", "limit", "young", "where_with_whom", "little_dutch", "english"):
        assert patterns.count(pattern) >= 10, pattern
    assert {j.split for j in judged} == {"tune", "held_out"}


def test_the_first_set_keeps_its_ndcg() -> None:
    found = figures(outcomes(FIRST_SET))
    print(f"\nfirst judged set: {found}")
    assert found.ndcg >= FIRST_MIN_NDCG


def test_the_second_set_keeps_its_ndcg_on_both_halves(second: list[Outcome]) -> None:
    everyone = figures(second)
    halves = {s: figures(o for o in second if o.judged.split == s) for s in ("tune", "held_out")}
    print(f"\nsecond judged set: {everyone}")
    for split, found in halves.items():
        print(f"  {split}: {found}")
    assert everyone.ndcg >= SECOND_MIN_NDCG
    assert halves["held_out"].ndcg >= SECOND_MIN_HELD_OUT_NDCG


def test_the_best_kans_is_in_the_top_three_for_most_residents(second: list[Outcome]) -> None:
    assert figures(second).best_on_top >= SECOND_MIN_BEST_ON_TOP
